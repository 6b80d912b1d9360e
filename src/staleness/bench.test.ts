import { describe, expect, it } from 'vitest';
import { stalenessBench } from './bench';

describe('stalenessBench', () => {
  it('reports trials and draws per second, and their ratio', () => {
    const { trialsPerSecond, drawsOnlyPerSecond, ratio } = stalenessBench({ trials: 20_000, rounds: 1 });
    expect(trialsPerSecond).toBeGreaterThan(0);
    expect(drawsOnlyPerSecond).toBeGreaterThan(0);
    expect(Number.isFinite(trialsPerSecond) && Number.isFinite(drawsOnlyPerSecond)).toBe(true);
    expect(ratio).toBeCloseTo(drawsOnlyPerSecond / trialsPerSecond, 12);
  });
});
