// The engine against the model (issue 16): the fresh-read fraction measured
// on the simulated cluster, with read repair, hinted handoff and
// anti-entropy off, agrees with the WARS Monte Carlo; with them on it rises
// above it. Fixed seeds: each run is the same every time.

import { describe, expect, it } from 'vitest';
import { checkError, checkScenario, clusterLatency, runClusterCheck, wilson, type ClusterCheckOptions } from './cluster';
import { createRun, runTrials, visibilityCurve, type WarsConfig } from './wars';

/** The paper's exponential setup (section 5.3): N=3, R=W=1; W at 0.1/ms, A, R, S at 1/ms. */
const config: WarsConfig = {
  n: 3,
  r: 1,
  w: 1,
  legs: { W: { kind: 'exp', rate: 0.1 }, A: { kind: 'exp', rate: 1 }, R: { kind: 'exp', rate: 1 }, S: { kind: 'exp', rate: 1 } },
};
const ts = [0, 3, 6, 12, 19, 28, 43, 62];

/** The model as the explorer draws it; 400,000 trials put its own noise (±0.0008) far below the cluster's. */
const model = (() => {
  const run = createRun(config, 1);
  runTrials(run, 400_000);
  return visibilityCurve(run, ts);
})();

/**
 * z for intervals that hold at all |ts| points together with 95 %
 * (Bonferroni: 0.05 / 8 per point, two-sided): per-point 95 % intervals
 * would miss the truth somewhere along an 8-point curve a third of the time.
 */
const Z_ALL = 2.734;

describe('the cluster check', () => {
  it('turns the model’s legs into a scenario’s per-leg latency, and refuses Pareto legs by name', () => {
    expect(clusterLatency(config.legs)).toEqual({
      ok: true,
      latency: { write: { kind: 'exponential', mean: 10 }, ack: { kind: 'exponential', mean: 1 }, read: { kind: 'exponential', mean: 1 }, response: { kind: 'exponential', mean: 1 } },
    });
    const pareto = { ...config, legs: { ...config.legs, W: { kind: 'mix', p: 0.5, rate: 1, xm: 1, alpha: 2 } as const } };
    expect(checkError(pareto)).toMatch(/leg W cannot be checked/);
    expect(checkError({ ...config, n: 16, r: 1, w: 1 })).toMatch(/up to N = 15/);
  });

  it('coordinates every key from the one node that is not its replica', () => {
    const s = checkScenario({ config, ts, keys: 20, seed: 1, mode: 'wars' }, Array.from({ length: 20 }, (_, i) => i * 1000 + 5));
    expect(s.cluster.nodes).toHaveLength(4);
    expect(s.cluster).toMatchObject({ n: 3, r: 1, w: 1, readRepair: 'off', hintedHandoff: false, antiEntropy: { intervalMs: 0 } });
    const puts = s.steps.filter((x) => x.do === 'put');
    expect(puts).toHaveLength(20);
    expect(s.steps.filter((x) => x.do === 'get')).toHaveLength(20 * ts.length);
  });

  it('Wilson intervals: inside [0, 1], around the fraction, never a point at 0 % or 100 %', () => {
    const all = wilson(50, 50);
    expect(all.high).toBe(1);
    expect(all.low).toBeGreaterThan(0.9);
    expect(all.low).toBeLessThan(1);
    const half = wilson(50, 100);
    expect(half.low).toBeCloseTo(0.4038, 3);
    expect(half.high).toBeCloseTo(0.5962, 3);
  });

  it('N=3, R=W=1, exponential legs: the engine’s fresh reads agree with the model within the confidence interval at every t', () => {
    const o: ClusterCheckOptions = { config, ts, keys: 1000, seed: 1, mode: 'wars' };
    const result = runClusterCheck(o);
    // Every read started exactly t after its write committed.
    expect(result.excluded).toBe(0);
    result.points.forEach((p, i) => {
      expect(p.reads).toBe(1000);
      const { low, high } = wilson(p.fresh, p.reads, Z_ALL);
      const m = model[i]!.pConsistent;
      expect(m, `t = ${p.t}: model ${m.toFixed(3)}, cluster ${(p.fresh / p.reads).toFixed(3)} [${low.toFixed(3)}, ${high.toFixed(3)}]`).toBeGreaterThanOrEqual(low);
      expect(m, `t = ${p.t}`).toBeLessThanOrEqual(high);
    });
    // Not a vacuous agreement: the curve really climbs from about 42 % to 100 %.
    expect(result.points[0]!.fresh / 1000).toBeLessThan(0.5);
    expect(result.points.at(-1)!.fresh / 1000).toBeGreaterThan(0.98);
  }, 30_000);

  it('with read repair, hinted handoff and anti-entropy on, later reads of a key are fresher than the model says', () => {
    const result = runClusterCheck({ config, ts, keys: 300, seed: 1, mode: 'repair' });
    expect(result.excluded).toBe(0);
    const [first, , , atTwelve] = result.points;
    // The first read of a key has nothing to gain from repair: it agrees with the model.
    const w0 = wilson(first!.fresh, first!.reads, Z_ALL);
    expect(model[0]!.pConsistent).toBeGreaterThanOrEqual(w0.low);
    expect(model[0]!.pConsistent).toBeLessThanOrEqual(w0.high);
    // By t = 12 ms the earlier reads have repaired the replicas they found
    // stale: the whole interval lies above the model's 82 %.
    expect(wilson(atTwelve!.fresh, atTwelve!.reads, Z_ALL).low).toBeGreaterThan(model[3]!.pConsistent);
  }, 30_000);
});
