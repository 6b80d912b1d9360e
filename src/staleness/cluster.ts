// "Check it against the cluster": the WARS model's prediction (wars.ts)
// measured on Ringside's real engine (src/sim) instead of drawn from
// formulas. A generated scenario reproduces the model's setting:
//
//   - N + 1 nodes with replication factor N, and for each key the one node
//     outside its preference list coordinates, so every replica is reached
//     over the network, as WARS assumes (a coordinator that is a replica
//     reads and writes its own copy at once);
//   - per-leg latency (contract 1's `{write, ack, read, response}`) with the
//     model's W, A, R and S legs — for the kinds contract 1 has: exp, fixed,
//     uniform (no Pareto, so no mixtures either);
//   - each trial is a fresh key: one put, then one get per t, each started
//     exactly t ms after the put committed (its W-th ack), and a read is
//     fresh when it returns the put's value.
//
// A get must start t after the *commit*, which the engine decides. So the
// check runs twice: first the puts alone, to learn each commit time, then the
// puts again with the gets at commit + t. The second run's writes and acks are
// the first run's, draw for draw, because per-leg latency gives each leg its
// own PRNG stream (src/sim/network.ts): reads, responses and repairs added to
// the run draw from other streams. Every get's measured delay is checked.
//
// Two configurations:
//   - `wars`: read repair, hinted handoff and anti-entropy off. Reads change
//     no replica, so the several reads of one key are each a faithful sample
//     of the model at their t, and the measured fraction should match the
//     model's curve within its confidence interval;
//   - `repair`: read repair (async), hinted handoff and anti-entropy on. WARS
//     assumes none of them. Without failures hinted handoff has nothing to
//     do; anti-entropy syncs replicas every `antiEntropyMs`; and read repair
//     makes a stale replica fresh once a read of the key has seen both
//     versions — which helps the *later* reads of the same key, so the curve
//     rises above the model's only from the second t on. That is why each
//     trial reads its key at every t (repeated reads, as a real client does).

import { Kernel } from '../sim/kernel';
import { Ring } from '../sim/ring';
import type { LatencyDistribution, LegLatency, SimScenario, Step } from '../sim/types';
import { MAX_TIME_MS } from '../scenario/limits';
import { parseScenario } from '../scenario/parse';
import type { Distribution } from './distribution';
import type { Legs, WarsConfig } from './wars';

export type ClusterMode = 'wars' | 'repair';

export interface ClusterCheckOptions {
  config: WarsConfig;
  /** Delays after the commit at which each key is read, in ms. */
  ts: readonly number[];
  /** Trials: keys written, each read once per t. */
  keys: number;
  seed: number;
  mode: ClusterMode;
  /** Anti-entropy interval of the `repair` mode, in ms. */
  antiEntropyMs?: number;
}

export interface ClusterPoint {
  t: number;
  /** Reads that returned the put's value, of `reads`. */
  fresh: number;
  reads: number;
  /** Wilson 95 % interval of the fresh fraction. */
  low: number;
  high: number;
}

export interface ClusterProgress {
  done: number;
  total: number;
}

export interface ClusterResult {
  points: ClusterPoint[];
  /** Kernel events of both runs. */
  events: number;
  /** Gets not counted because they did not start t after their put's commit (expected: none). */
  excluded: number;
}

/** A trial's key; `k` and a number, short to keep the traces small. */
const keyOf = (i: number) => `k${i}`;
/** The value every put writes: a get that returns it is fresh. */
const VALUE = 'v';
/** Kernel events per progress report. */
const CHUNK = 4000;

/** Contract 1's form of one of the model's distributions, when it has one. */
export function contractDistribution(d: Distribution): LatencyDistribution | undefined {
  switch (d.kind) {
    case 'exp':
      return { kind: 'exponential', mean: 1 / d.rate };
    case 'fixed':
      return { kind: 'fixed', ms: d.ms };
    case 'uniform':
      return { kind: 'uniform', min: d.min, max: d.max };
    default:
      return undefined;
  }
}

/** The model's legs as a scenario's per-leg latency, or why they cannot be. */
export function clusterLatency(legs: Legs): { ok: true; latency: LegLatency } | { ok: false; error: string } {
  const write = contractDistribution(legs.W);
  const ack = contractDistribution(legs.A);
  const read = contractDistribution(legs.R);
  const response = contractDistribution(legs.S);
  if (write && ack && read && response) return { ok: true, latency: { write, ack, read, response } };
  const bad = (['W', 'A', 'R', 'S'] as const).filter((l) => contractDistribution(legs[l]) === undefined);
  return {
    ok: false,
    error: `The cluster takes exp, fixed and uniform latencies only (a scenario has no Pareto or mixture); leg${bad.length > 1 ? 's' : ''} ${bad.join(', ')} cannot be checked`,
  };
}

/** The largest N the check runs (N + 1 nodes, a run's size grows with N). */
export const MAX_CHECK_N = 15;

/** Why the check cannot run this configuration, or undefined. */
export function checkError(config: WarsConfig): string | undefined {
  if (config.n > MAX_CHECK_N) return `The cluster check runs up to N = ${MAX_CHECK_N} (it simulates every replica)`;
  const latency = clusterLatency(config.legs);
  return latency.ok ? undefined : latency.error;
}

/**
 * How many keys fit a run of about `messages` messages: a trial sends 2N
 * for its put and 2N for each of its reads. Bounded below so that an
 * interval still says something.
 */
export function keysWithin(n: number, ts: readonly number[], messages: number): number {
  return Math.max(50, Math.floor(messages / (2 * n * (1 + ts.length))));
}

/**
 * Wilson score interval for `successes` of `n` (95 % with z = 1.96): unlike
 * p ± z·SE it stays inside [0, 1] and does not collapse to a point when the
 * fraction is 0 or 1, which a fresh-read fraction near 100 % often is.
 */
export function wilson(successes: number, n: number, z = 1.96): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The time between one trial's put and the next: its reads and their replies are done by then, almost always. */
function spacingMs(o: ClusterCheckOptions, l: LegLatency): number {
  const roundTrip = meanMs(l.write) + meanMs(l.ack ?? l.write) + meanMs(l.read ?? l.write) + meanMs(l.response ?? l.write);
  return Math.ceil(Math.max(...o.ts, 0) + 4 * roundTrip + 1);
}

/** Anti-entropy in the `repair` mode: by default twice per trial, so a session often falls inside a trial's reads. */
export function antiEntropyIntervalMs(o: ClusterCheckOptions): number {
  if (o.antiEntropyMs !== undefined) return Math.max(1, o.antiEntropyMs);
  const latency = clusterLatency(o.config.legs);
  return latency.ok ? Math.max(1, Math.round(spacingMs(o, latency.latency) / 2)) : 1;
}

/** Mean of a distribution the scenario can take, in ms. */
function meanMs(d: LatencyDistribution): number {
  return d.kind === 'fixed' ? d.ms : d.kind === 'uniform' ? (d.min + d.max) / 2 : d.mean;
}

/**
 * The scenario of a check: one put per key, `spacingMs` apart (trials could
 * overlap — keys are independent — but apart, anti-entropy sessions stay
 * small), and, given the commit times of a first run, the gets.
 */
export function checkScenario(o: ClusterCheckOptions, commits?: readonly number[]): SimScenario {
  const { n, r, w, legs } = o.config;
  const latency = clusterLatency(legs);
  if (!latency.ok) throw new RangeError(latency.error);
  const l = latency.latency;
  const spacing = spacingMs(o, l);
  const nodes = Array.from({ length: n + 1 }, (_, i) => `n${i + 1}`);
  const ring = new Ring(nodes, 1, n);
  const steps: Step[] = [];
  for (let i = 0; i < o.keys; i++) {
    const key = keyOf(i);
    const coordinator = nodes.find((id) => !ring.preferenceList(key).includes(id))!;
    steps.push({ at: i * spacing, do: 'put', client: 'writer', key, value: VALUE, coordinator });
    const c = commits?.[i];
    if (c === undefined || Number.isNaN(c)) continue;
    for (const t of o.ts) steps.push({ at: c + t, do: 'get', client: 'reader', key, coordinator });
  }
  const repair = o.mode === 'repair';
  const input = {
    version: 1,
    title: `Cluster check: N=${n}, R=${r}, W=${w}`,
    seed: o.seed,
    cluster: {
      nodes: n + 1,
      n,
      w,
      r,
      hintedHandoff: repair,
      readRepair: repair ? 'async' : 'off',
      antiEntropy: { intervalMs: repair ? antiEntropyIntervalMs(o) : 0, merkleDepth: 2 },
      // Long enough that no request times out (a timed-out put has no commit
      // to measure from), yet a bound on a run whose latencies have long tails.
      requestTimeoutMs: Math.min(MAX_TIME_MS, Math.max(1000, 25 * spacing)),
    },
    network: { latency: l },
    steps,
  };
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new RangeError(parsed.error);
  return parsed.scenario;
}

/** Runs a kernel to its end, reporting progress in chunks. */
function* runKernel(kernel: Kernel, base: number, total: number): Generator<ClusterProgress, void> {
  const end = kernel.scenario.steps.reduce((m, s) => Math.max(m, s.at), 0) || 1;
  for (;;) {
    for (let i = 0; i < CHUNK; i++) if (!kernel.step()) return;
    yield { done: base + Math.min(1, kernel.now / end) * (total / 2), total };
  }
}

/** The operations of a run by step index: start, end, status and values. */
function operations(kernel: Kernel): Map<number, { type: string; start: number; end: number | null; ok: boolean; values: readonly string[] }> {
  const ops = new Map<number, { type: string; start: number; end: number | null; ok: boolean; values: readonly string[] }>();
  for (const rec of kernel.trace) {
    if (rec.k === 'opStart') ops.set(rec.op, { type: rec.type, start: rec.t, end: null, ok: false, values: [] });
    if (rec.k === 'opEnd') {
      const op = ops.get(rec.op);
      if (op) Object.assign(op, { end: rec.t, ok: rec.status === 'ok', values: rec.values });
    }
  }
  return ops;
}

/**
 * The check, as a generator: it yields progress between chunks of kernel
 * events (a worker posts them and can be terminated for Cancel) and returns
 * the fresh fraction at each t with its Wilson 95 % interval.
 */
export function* clusterCheck(o: ClusterCheckOptions): Generator<ClusterProgress, ClusterResult> {
  const total = 1000;
  // First run: the puts alone, for their commit times.
  const first = new Kernel(checkScenario(o));
  yield* runKernel(first, 0, total);
  const putOps = operations(first);
  const commits = Array.from({ length: o.keys }, (_, i) => {
    const op = putOps.get(i);
    return op?.ok && op.end !== null ? op.end : NaN;
  });
  // Second run: the same puts, and the gets at commit + t.
  const scenario = checkScenario(o, commits);
  const second = new Kernel(scenario);
  yield* runKernel(second, total / 2, total);
  const ops = operations(second);
  const fresh = o.ts.map(() => 0);
  const reads = o.ts.map(() => 0);
  let excluded = 0;
  let put = -1;
  let j = 0;
  let commit = NaN;
  scenario.steps.forEach((step, i) => {
    const op = ops.get(i);
    if (step.do === 'put') {
      put++;
      j = 0;
      commit = op?.ok && op.end !== null ? op.end : NaN;
      return;
    }
    const at = j++;
    // The gets were placed by the first run's commit; a second run that
    // committed elsewhere (it should not: see the top) would measure another t.
    if (op === undefined || commit !== commits[put] || Math.abs(op.start - commit - o.ts[at]!) > 1e-6) {
      excluded++;
      return;
    }
    reads[at]!++;
    if (op.ok && op.values.includes(VALUE)) fresh[at]!++;
  });
  const points = o.ts.map((t, k) => ({ t, fresh: fresh[k]!, reads: reads[k]!, ...wilson(fresh[k]!, reads[k]!) }));
  return { points, events: first.events + second.events, excluded };
}

/** Runs a check to its end (tests and the command line). */
export function runClusterCheck(o: ClusterCheckOptions): ClusterResult {
  const gen = clusterCheck(o);
  for (;;) {
    const next = gen.next();
    if (next.done) return next.value;
  }
}
