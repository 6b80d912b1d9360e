import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDistribution, type Distribution } from './distribution';
import { pWithinK } from './kStaleness';
import { configError, createRun, runTrials, simulate, trialThreshold, tVisibility, visibilityCurve, type WarsConfig } from './wars';

function d(text: string): Distribution {
  const p = parseDistribution(text);
  if (!p.ok) throw new Error(p.error);
  return p.dist;
}

function config(n: number, r: number, w: number, W: string, A = W, R = W, S = W): WarsConfig {
  return { n, r, w, legs: { W: d(W), A: d(A), R: d(R), S: d(S) } };
}

/** The threshold of one trial given its delays as plain lists. */
function threshold(r: number, w: number, W: number[], A: number[], R: number[], S: number[]): number {
  const n = W.length;
  return trialThreshold(
    n,
    r,
    w,
    Float64Array.from(W),
    Float64Array.from(W.map((x, i) => x + A[i]!)),
    Float64Array.from(R),
    Float64Array.from(R.map((x, i) => x + S[i]!)),
    new Int32Array(n),
  );
}

/**
 * The definition, written out plainly: is the read started t after
 * the commit consistent? Commit = the W-th ack; the read returns the first
 * R responses (ties to the lower index); consistent if one of them had
 * applied the write when the read reached it.
 */
function consistentAt(t: number, r: number, w: number, W: number[], A: number[], R: number[], S: number[]): boolean {
  const acks = W.map((x, i) => x + A[i]!).sort((a, b) => a - b);
  const commit = acks[w - 1]!;
  const replicas = W.map((_, i) => i).sort((i, j) => R[i]! + S[i]! - (R[j]! + S[j]!) || i - j);
  return replicas.slice(0, r).some((i) => W[i]! <= commit + t + R[i]!);
}

describe('one trial: the threshold from which its read is consistent', () => {
  // N = 3. Replica 0: W=5, A=1 (ack at 6); replica 1: W=1, A=1 (ack at 2);
  // replica 2: W=20, A=1 (ack at 21). Reads: R=[3, 0.5, 1], S=[1, 5, 0.5],
  // so responses at 4, 5.5, 1.5: replica 2 answers first, then 0, then 1.
  const W = [5, 1, 20], A = [1, 1, 1], R = [3, 0.5, 1], S = [1, 5, 0.5];

  it('W=1, R=1: commit at 2; replica 2 needs 20 ≤ 2 + t + 1, so t ≥ 17', () => {
    expect(threshold(1, 1, W, A, R, S)).toBe(17);
    expect(consistentAt(16.9, 1, 1, W, A, R, S)).toBe(false);
    expect(consistentAt(17, 1, 1, W, A, R, S)).toBe(true);
  });

  it('W=2: commit at 6 (the second ack), so t ≥ 20 − 6 − 1 = 13', () => {
    expect(threshold(1, 2, W, A, R, S)).toBe(13);
  });

  it('R=2: replicas 2 and 0 answer; replica 0 had the write (5 ≤ 2 + 0 + 3), so 0', () => {
    expect(threshold(2, 1, W, A, R, S)).toBe(0);
  });

  it('ties in response time go to the lower replica index', () => {
    // All respond at 2; R=1 takes replica 0 (W=9: t ≥ 9 − 1 − 1 = 7), not replica 1 (W=0).
    expect(threshold(1, 1, [9, 0, 9], [0, 1, 0], [1, 1, 1], [1, 1, 1])).toBe(7);
  });

  it('agrees with the definition at every whole t, for random small cases', () => {
    // Whole-number delays make every sum exact, so the comparison has no
    // rounding. Writes slow next to the other legs (as in the paper's
    // setups), so that many reads are stale at first and τ varies; reads'
    // delays in a narrow range, so that responses often tie.
    // noBias: spread over the range rather than fast-check's pull towards small values.
    const delays = (n: number, max: number) => fc.noBias(fc.array(fc.integer({ min: 0, max }), { minLength: n, maxLength: n }));
    const trial = fc.integer({ min: 1, max: 7 }).chain((n) =>
      fc.record({
        r: fc.integer({ min: 1, max: n }),
        w: fc.integer({ min: 1, max: n }),
        W: delays(n, 100),
        A: delays(n, 10),
        R: delays(n, 4),
        S: delays(n, 4),
      }),
    );
    let stale = 0;
    fc.assert(
      fc.property(trial, ({ r, w, W, A, R, S }) => {
        const tau = threshold(r, w, W, A, R, S);
        if (tau > 0) stale++;
        const disagree = Array.from({ length: 111 }, (_, t) => t).filter((t) => tau <= t !== consistentAt(t, r, w, W, A, R, S));
        expect(disagree).toEqual([]);
      }),
      { numRuns: 300, seed: 16 },
    );
    // The cases exercised the interesting side: reads stale at t = 0.
    expect(stale).toBeGreaterThan(15);
  });
});

describe('a run: chunks, determinism, the curve and its 99.9 % point', () => {
  const paper = config(3, 1, 1, 'exp:0.1', 'exp:1', 'exp:1', 'exp:1');

  it('gives the same trials whether run at once or in chunks (as a worker streams them)', () => {
    const whole = createRun(paper, 5);
    runTrials(whole, 30_000);
    const chunked = createRun(paper, 5);
    const ts = [0, 1, 3, 10, 30, 100];
    for (const count of [1, 999, 0, 10_000, 19_000]) {
      runTrials(chunked, count);
      if (chunked.trials > 0) visibilityCurve(chunked, ts); // reading between chunks changes nothing
    }
    expect(chunked.trials).toBe(30_000);
    expect(visibilityCurve(chunked, ts)).toEqual(visibilityCurve(whole, ts));
    expect(tVisibility(chunked)).toBe(tVisibility(whole));
    expect(chunked.thresholds.subarray(0, 30_000)).toEqual(whole.thresholds.subarray(0, 30_000));
  });

  it('is deterministic in its seed', () => {
    const ts = [0, 5, 20];
    expect(simulate(paper, ts, 5000, 9)).toEqual(simulate(paper, ts, 5000, 9));
    expect(simulate(paper, ts, 5000, 9)).not.toEqual(simulate(paper, ts, 5000, 10));
  });

  it('keeps the other legs’ draws when one leg changes (a stream per leg)', () => {
    const a = createRun(paper, 3);
    const b = createRun(config(3, 1, 1, 'exp:0.1', 'exp:1', 'exp:1', 'exp:2'), 3);
    runTrials(a, 1);
    runTrials(b, 1);
    expect(Array.from(b.wAt)).toEqual(Array.from(a.wAt));
    expect(Array.from(b.rAt)).toEqual(Array.from(a.rAt));
    expect(Array.from(b.respAt)).not.toEqual(Array.from(a.respAt));
  });

  it('rises with t, and t999 is the least t at which the reported P reaches 0.999', () => {
    const run = createRun(paper, 2);
    runTrials(run, 40_000);
    const ts = Array.from({ length: 201 }, (_, i) => i / 2);
    const curve = visibilityCurve(run, ts);
    for (let i = 1; i < curve.length; i++) expect(curve[i]!.pConsistent).toBeGreaterThanOrEqual(curve[i - 1]!.pConsistent);
    const t999 = tVisibility(run);
    const [at, below] = visibilityCurve(run, [t999, t999 * (1 - 1e-12)]);
    expect(at!.pConsistent).toBeGreaterThanOrEqual(0.999);
    expect(below!.pConsistent).toBeLessThan(0.999);
    // Other levels the same way, e.g. the median.
    const t50 = tVisibility(run, 0.5);
    expect(visibilityCurve(run, [t50])[0]!.pConsistent).toBeGreaterThanOrEqual(0.5);
    expect(visibilityCurve(run, [t50 * (1 - 1e-12)])[0]!.pConsistent).toBeLessThan(0.5);
  });

  it('refuses quorums outside 1..N, and reading before any trial', () => {
    expect(configError(config(3, 0, 1, 'exp:1'))).toMatch(/^R must be a whole number in 1\.\.N/);
    expect(configError(config(3, 1, 4, 'exp:1'))).toMatch(/^W must be a whole number in 1\.\.N/);
    expect(configError(config(2.5, 1, 1, 'exp:1'))).toMatch(/^N must be/);
    expect(configError(config(3, 3, 3, 'exp:1'))).toBeUndefined();
    expect(() => createRun(config(3, 4, 1, 'exp:1'), 1)).toThrow(/R must be/);
    expect(() => visibilityCurve(createRun(paper, 1), [0])).toThrow(/no trials/);
    expect(() => runTrials(createRun(paper, 1), -1)).toThrow(/count/);
  });
});

describe('W + R > N: every read is consistent', () => {
  it('gives exactly 1 at every t, and t999 = 0, whatever the latencies', () => {
    const legs = ['exp:0.01', 'pareto:1:1.2', 'mix:0.3:exp:0.001:pareto:5:1.1', 'uniform:0:100', 'fixed:3'];
    for (const [n, r, w] of [[3, 2, 2], [3, 3, 1], [3, 1, 3], [5, 3, 3], [6, 4, 3]] as const) {
      for (let i = 0; i < legs.length; i++) {
        const [W, A, R, S] = [0, 1, 2, 3].map((k) => legs[(i + k) % legs.length]!);
        const cfg = config(n, r, w, W!, A, R, S);
        const { points, t999 } = simulate(cfg, [0, 0.001, 1, 1e6], 4000, i + 1);
        expect(points.map((p) => p.pConsistent)).toEqual([1, 1, 1, 1]);
        expect(t999).toBe(0);
      }
    }
  });

  it('is not 1 at t = 0 when W + R = N (the check above could fail)', () => {
    const { points } = simulate(config(4, 2, 2, 'exp:0.1', 'exp:1', 'exp:1', 'exp:1'), [0], 4000, 1);
    expect(points[0]!.pConsistent).toBeLessThan(1);
  });
});

// Where the closed form is exact: the write has reached exactly the W
// replicas that acknowledged it, and the read's R replicas are a uniform
// choice independent of them. With A = 0 and R = 0 (fixed:0) and W, S
// continuous and independent across replicas: the commit is the W-th
// smallest W_i, so at t = 0 the replicas holding the write (W_i ≤ commit)
// are exactly the W acknowledgers, a uniformly random W-set; the read takes
// the R smallest S_i, a uniformly random R-set independent of it. The read
// is stale when the R-set misses the W-set: probability C(N−W,R)/C(N,R).
//
// Bound: the estimate over n trials is binomial, standard error
// √(p(1−p)/n); we allow 5 standard errors, which a correct model exceeds
// with probability < 1e-6 for any seed, while a model off by 0.01 fails
// (5 SE ≤ 0.0075 at n = 100,000).
describe('the Monte Carlo agrees with the closed form where the closed form is exact', () => {
  const n = 100_000;
  const cases = [
    [3, 1, 1],
    [5, 1, 2],
    [5, 2, 2],
    [10, 3, 2],
    [7, 2, 1],
  ] as const;

  for (const [N, R, W] of cases) {
    it(`N=${N}, R=${R}, W=${W}: P(consistent at t=0) = 1 − C(N−W,R)/C(N,R)`, () => {
      const { points } = simulate(config(N, R, W, 'exp:0.1', 'fixed:0', 'fixed:0', 'uniform:0:10'), [0], n, N * 100 + R * 10 + W);
      const p = pWithinK(N, R, W, 1);
      expect(Math.abs(points[0]!.pConsistent - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    });
  }

  it('and not where it is not: an ack delay lets the write reach more replicas before the commit', () => {
    // With A > 0 non-acknowledging replicas may have applied the write by the
    // commit, so the model is above the closed form (here by far more than 5 SE).
    const { points } = simulate(config(3, 1, 1, 'exp:0.1', 'exp:1', 'fixed:0', 'uniform:0:10'), [0], n, 1);
    const p = pWithinK(3, 1, 1, 1);
    expect(points[0]!.pConsistent - p).toBeGreaterThan(5 * Math.sqrt((p * (1 - p)) / n));
  });
});
