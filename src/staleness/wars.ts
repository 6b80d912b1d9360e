// The WARS model of Bailis et al., "Probabilistically Bounded Staleness for
// Practical Partial Quorums" (VLDB 2012), as a Monte Carlo: the probability
// that a read started t ms after a write committed sees that write
// (t-visibility), for a Dynamo-style store where every request goes to all N
// replicas and the coordinator waits for the first W acks or R responses.
//
// One trial, with replica i's four delays drawn independently from the legs'
// distributions (the paper's WARS figure):
//   - the write reaches replica i after W_i and replica i applies it then;
//     its ack is back after W_i + A_i;
//   - the write commits at c, the W-th smallest W_i + A_i;
//   - a read starts at c + t; its request reaches replica i after R_i and
//     the response is back after R_i + S_i; the read returns the first R
//     responses (ties by replica index);
//   - it is consistent if at least one of those R replicas had applied the
//     write when the read reached it: W_i ≤ c + t + R_i.
// This is the paper's definition ("a response is stale if the read arrives
// before the write") and the authors' own code: calc_prob_fresh in
// pbs/pbsutils/pbs_utils.py of github.com/pbailis/cassandra-pbs tests
// `write_time + R + t >= W` over the first R responses.
//
// Which replicas answer first does not depend on t (the read's delays are
// measured from its start), so each trial has one threshold
//   τ = max(0, min over the first R responders of (W_i − c − R_i)):
// its read is consistent exactly for t ≥ τ. The run keeps every τ; then
// P(consistent at t) = #{τ ≤ t} / trials for any t asked, and the t at which
// P reaches 0.999 is an order statistic of the τ (`tVisibility`), computed
// from the trials whatever t values are asked for.
//
// With W + R > N the first R responders include a replica that acked before
// the commit (pigeonhole), for which W_i ≤ W_i + A_i ≤ c ≤ c + t + R_i in
// floating point as in arithmetic (all delays ≥ 0), so τ = 0 in every trial
// and P = 1 exactly at every t ≥ 0.
//
// A run goes in chunks (`runTrials(run, count)`), so that a worker can report
// progress and stop; any split into chunks gives the same trials as one call.
// Randomness: one stream per leg derived from the seed (src/sim/prng.ts), so
// changing one leg's distribution leaves the other legs' draws unchanged.

import { Prng } from '../sim/prng';
import { samplerOf, type Distribution, type Sampler } from './distribution';

export interface Legs {
  W: Distribution;
  A: Distribution;
  R: Distribution;
  S: Distribution;
}

export interface WarsConfig {
  n: number;
  r: number;
  w: number;
  legs: Legs;
}

/** The largest N a run takes: each trial costs O(N log N), and N is a replication factor. */
export const MAX_N = 1000;

/** A reason the configuration cannot run, or undefined. */
export function configError(config: WarsConfig): string | undefined {
  const { n, r, w } = config;
  if (!Number.isInteger(n) || n < 1 || n > MAX_N) return `N must be a whole number in 1..${MAX_N}, not ${n}`;
  if (!Number.isInteger(r) || r < 1 || r > n) return `R must be a whole number in 1..N (N=${n}), not ${r}`;
  if (!Number.isInteger(w) || w < 1 || w > n) return `W must be a whole number in 1..N (N=${n}), not ${w}`;
  return undefined;
}

export interface VisibilityPoint {
  t: number;
  pConsistent: number;
}

/** The state of a run: its trials so far and their thresholds. */
export interface WarsRun {
  readonly config: WarsConfig;
  readonly seed: number;
  /** Trials run so far. */
  trials: number;
  /** τ of each trial in [0, trials); sorted in place when read (order carries no meaning). */
  thresholds: Float64Array;
  sorted: boolean;
  readonly prng: { W: Prng; A: Prng; R: Prng; S: Prng };
  readonly draw: { W: Sampler; A: Sampler; R: Sampler; S: Sampler };
  /** Scratch, one slot per replica. */
  readonly wAt: Float64Array;
  readonly ackAt: Float64Array;
  readonly rAt: Float64Array;
  readonly respAt: Float64Array;
  readonly order: Int32Array;
}

export function createRun(config: WarsConfig, seed: number): WarsRun {
  const error = configError(config);
  if (error) throw new RangeError(error);
  const { n, legs } = config;
  return {
    config,
    seed,
    trials: 0,
    thresholds: new Float64Array(1024),
    sorted: true,
    prng: {
      W: Prng.derive(seed, 'staleness:W'),
      A: Prng.derive(seed, 'staleness:A'),
      R: Prng.derive(seed, 'staleness:R'),
      S: Prng.derive(seed, 'staleness:S'),
    },
    draw: { W: samplerOf(legs.W), A: samplerOf(legs.A), R: samplerOf(legs.R), S: samplerOf(legs.S) },
    wAt: new Float64Array(n),
    ackAt: new Float64Array(n),
    rAt: new Float64Array(n),
    respAt: new Float64Array(n),
    order: new Int32Array(n),
  };
}

/** The k-th smallest (1-based) of values[0..n), reordering `values`. */
function kthSmallest(values: Float64Array, n: number, k: number): number {
  if (k === 1) {
    let m = values[0]!;
    for (let i = 1; i < n; i++) if (values[i]! < m) m = values[i]!;
    return m;
  }
  if (n <= 32) {
    for (let i = 1; i < n; i++) {
      const v = values[i]!;
      let j = i - 1;
      while (j >= 0 && values[j]! > v) {
        values[j + 1] = values[j]!;
        j--;
      }
      values[j + 1] = v;
    }
  } else values.subarray(0, n).sort();
  return values[k - 1]!;
}

/**
 * The threshold τ of one trial from its delays: the read started t ≥ τ after
 * the commit is consistent, one started earlier is not. `order` is scratch
 * of length ≥ n; `ackAt` is reordered.
 */
export function trialThreshold(
  n: number,
  r: number,
  w: number,
  wAt: Float64Array,
  ackAt: Float64Array,
  rAt: Float64Array,
  respAt: Float64Array,
  order: Int32Array,
): number {
  const commit = kthSmallest(ackAt, n, w);
  let best = Infinity;
  if (r === 1) {
    // The first response; ties go to the lower replica index.
    let first = 0;
    for (let i = 1; i < n; i++) if (respAt[i]! < respAt[first]!) first = i;
    best = wAt[first]! - commit - rAt[first]!;
  } else {
    // The r first responses: a stable insertion sort of replica indices by
    // response time, kept to its first r places.
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const v = respAt[i]!;
      if (kept === r && v >= respAt[order[r - 1]!]!) continue;
      let j = kept === r ? r - 2 : kept - 1;
      while (j >= 0 && respAt[order[j]!]! > v) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = i;
      if (kept < r) kept++;
    }
    for (let k = 0; k < r; k++) {
      const i = order[k]!;
      const need = wAt[i]! - commit - rAt[i]!;
      if (need < best) best = need;
    }
  }
  return best > 0 ? best : 0;
}

/** Runs `count` more trials into `run`. */
export function runTrials(run: WarsRun, count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, not ${count}`);
  const { n, r, w } = run.config;
  const { wAt, ackAt, rAt, respAt, order } = run;
  const pW = run.prng.W, pA = run.prng.A, pR = run.prng.R, pS = run.prng.S;
  const dW = run.draw.W, dA = run.draw.A, dR = run.draw.R, dS = run.draw.S;
  if (run.trials + count > run.thresholds.length) {
    let size = run.thresholds.length;
    while (size < run.trials + count) size *= 2;
    const grown = new Float64Array(size);
    grown.set(run.thresholds.subarray(0, run.trials));
    run.thresholds = grown;
  }
  const thresholds = run.thresholds;
  let at = run.trials;
  for (let trial = 0; trial < count; trial++) {
    for (let i = 0; i < n; i++) {
      const wi = dW(pW);
      wAt[i] = wi;
      ackAt[i] = wi + dA(pA);
      const ri = dR(pR);
      rAt[i] = ri;
      respAt[i] = ri + dS(pS);
    }
    thresholds[at++] = trialThreshold(n, r, w, wAt, ackAt, rAt, respAt, order);
  }
  run.trials = at;
  if (count > 0) run.sorted = false;
}

function sortedThresholds(run: WarsRun): Float64Array {
  const view = run.thresholds.subarray(0, run.trials);
  if (!run.sorted) {
    view.sort();
    run.sorted = true;
  }
  return view;
}

/** How many of the sorted values are ≤ t. */
function countAtMost(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** P(consistent) at each t: the fraction of the trials so far whose read at t would be consistent. */
export function visibilityCurve(run: WarsRun, ts: readonly number[]): VisibilityPoint[] {
  if (run.trials === 0) throw new RangeError('no trials run yet');
  const sorted = sortedThresholds(run);
  return ts.map((t) => ({ t, pConsistent: countAtMost(sorted, t) / run.trials }));
}

/**
 * The smallest t ≥ 0 at which P(consistent), as `visibilityCurve` reports it
 * for these trials, is ≥ p: the m-th smallest τ for the least m with
 * m / trials ≥ p (0.999 by default: the paper's 99.9 % point).
 */
export function tVisibility(run: WarsRun, p = 0.999): number {
  if (run.trials === 0) throw new RangeError('no trials run yet');
  if (!(p > 0 && p <= 1)) throw new RangeError(`p must be in (0, 1], not ${p}`);
  const n = run.trials;
  let m = Math.min(n, Math.max(1, Math.ceil(p * n)));
  // Compare as the curve does (m / n in floating point), not as p·n rounds.
  while (m > 1 && (m - 1) / n >= p) m--;
  while (m < n && m / n < p) m++;
  return sortedThresholds(run)[m - 1]!;
}

export interface StalenessResult {
  points: VisibilityPoint[];
  t999: number;
}

/** A whole run in one call: `trials` trials, the curve at `ts` and the 99.9 % point. */
export function simulate(config: WarsConfig, ts: readonly number[], trials: number, seed: number): StalenessResult {
  const run = createRun(config, seed);
  runTrials(run, trials);
  return { points: visibilityCurve(run, ts), t999: tVisibility(run) };
}
