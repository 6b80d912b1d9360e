// Runs on the page's thread stay small: one that needs more than the budget
// is left to the worker (runLoader.ts), never half-computed into the cache.
import { describe, expect, it } from 'vitest';
import { makeScenario } from '../../sim/testkit';
import { cachedRun, cheapRun, MAX_UI_EVENTS, runOf } from './run';
import { EVENT_CAP } from '../../sim/eventCap';

const gets = (n: number) => makeScenario({ steps: Array.from({ length: n }, () => ({ at: 0, do: 'get' as const, client: 'c', key: 'k' })) });

describe('cheapRun', () => {
  it('computes a run that fits the budget, and caches it', () => {
    const s = gets(10);
    const run = cheapRun(s, 5_000);
    expect(run?.complete).toBe(true);
    expect(cachedRun(s)).toBe(run);
    expect(runOf(s)).toBe(run);
  });

  it('gives nothing for a run over the budget, and caches nothing', () => {
    const s = gets(2_000);
    expect(cheapRun(s, 1_000)).toBeUndefined();
    expect(cachedRun(s)).toBeUndefined();
    expect(runOf(s).events).toBeGreaterThan(1_000);
  });

  it('the page stops a run where the CLI does', () => {
    expect(MAX_UI_EVENTS).toBe(EVENT_CAP);
  });
});
