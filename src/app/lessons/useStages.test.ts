// Store selectors read the stage stops on every change of the store: while
// a heavy scenario is computed in a worker, they must not simulate it again
// on the page's thread (it froze the page for seconds when a heavy link was
// opened over another scenario, or a big scenario imported).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeScenario } from '../../sim/testkit';
import { cachedRun, SYNC_EVENT_BUDGET } from '../state/run';
import { shownStage } from './useStages';

const gets = (n: number) => makeScenario({ steps: Array.from({ length: n }, () => ({ at: 0, do: 'get' as const, client: 'c', key: 'k' })) });

afterEach(() => vi.unstubAllGlobals());

describe('shownStage', () => {
  it('has no stops for a heavy run not computed yet, and does not compute it', () => {
    // As on the page: a Worker exists, so heavy runs belong to it.
    vi.stubGlobal('Worker', class {});
    const heavy = gets(SYNC_EVENT_BUDGET + 1);
    expect(shownStage({ scenario: heavy, lessonId: null, cursor: 0, stage: null, answers: {} })).toEqual({ stops: [], index: -1 });
    expect(cachedRun(heavy)).toBeUndefined();
  });

  it('stops at each step of a run cheap enough for the page', () => {
    vi.stubGlobal('Worker', class {});
    const light = gets(3);
    const { stops } = shownStage({ scenario: light, lessonId: null, cursor: 0, stage: null, answers: {} });
    expect(stops).toHaveLength(3);
    expect(cachedRun(light)).toBeDefined();
  });
});
