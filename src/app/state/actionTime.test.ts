import { describe, expect, it } from 'vitest';
import { actionTime } from './actionTime';

// Event 0 is the start; `steps` lists the events that are scenario steps.
const at = (times: number[], cursor: number, steps: number[] = []) => actionTime(times, times.length - 1, cursor, (e) => steps.includes(e));

describe('actionTime', () => {
  it('at the start is 0', () => {
    expect(at([0, 0, 5], 0, [1])).toBe(0);
  });

  it('after only steps at this instant is this instant', () => {
    expect(at([0, 0, 10, 10, 15], 3, [1, 2, 3])).toBe(10);
  });

  it('after a delivery at this instant is the next thousandth of a millisecond', () => {
    expect(at([0, 0, 5, 40, 40], 4, [1])).toBe(40.001);
    expect(at([0, 0, 5.0004], 2, [1])).toBe(5.001);
  });

  it('is never later than the next event, which it then comes before', () => {
    expect(at([0, 0, 5, 5.0004], 2, [1])).toBe(5.0004);
  });

  it('mid-way through one instant goes after all of it', () => {
    expect(at([0, 0, 40, 40, 40, 41], 3, [1])).toBe(40.001);
  });

  it('is strictly later than a time that is not a whole number of thousandths', () => {
    for (const t of [0.1 + 0.2, 35.123456, 1e6 + 0.0015, 2 ** 40 + 0.5]) expect(at([0, 0, t], 2, [1])).toBeGreaterThan(t);
  });
});
