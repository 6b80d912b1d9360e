// What an operator watches in a leaderless cluster (seed 003, "Monitoring
// staleness"), as series over a run: read repairs, the hints each node
// holds, the anti-entropy lag of each replica pair, and stale reads. Built
// once per run from its trace, in one pass, and memoised per trace like
// traceIndexOf; every series is a step function over kernel events, so its
// value at the Timeline's cursor is a binary search away.
//
// The counts are made by the Metrics' own fold (sim/metrics.ts `addRecord`)
// and the hints held by the snapshot fold's rule (a hint record adds or
// removes one id on its node: sim/clusterView.ts), so at every position they
// equal the Timeline's `view.metrics` and `view.nodes` by construction.
//
// Anti-entropy lag. Two nodes are a replica pair when some token range has
// both among its N home replicas. A pair agrees when, for every key in the
// ranges they share, the two hold the same version: the same siblings, each
// with the same value (or tombstone), timestamp and dot — exactly what a
// Merkle leaf digests (sim/versions.ts `digestOf`), so a pair that agrees is
// a pair whose Merkle trees would compare equal. A key one holds and the
// other lacks is a disagreement. A pair's lag at a moment is the time since
// it last agreed: 0 while it agrees, else the time since the first change
// that made it disagree. It falls back to 0 whatever brings the pair
// together again — a hint replayed, a read repair, an anti-entropy session —
// since the figure operators want is how long replicas stay apart, and
// anti-entropy is the mechanism that bounds it. The state is read at event
// boundaries, as the Timeline shows it: a pair that disagrees only in the
// middle of one event (a session writing several keys) never lags.
// Copies a node holds outside its home ranges (a sloppy quorum's stand-in,
// a `load` on any node) are not part of what a pair shares. Cost: one map
// update per store record, plus one comparison per other home replica of its
// key (N − 1).

import type { TraceRecord } from '../../sim/trace';
import type { NodeId } from '../../sim/types';
import type { Sibling } from '../../sim/versions';
import { addRecord, emptyMetrics } from '../../sim/metrics';
import { lowerBound, upperBound } from '../traceIndex';

/** A step of a step function over kernel events: `v` holds from the end of
 *  event `e` (at virtual time `t`) until the next step. */
export interface Step {
  readonly e: number;
  readonly t: number;
  readonly v: number;
}

/** A stretch during which a replica pair disagreed: from the end of event
 *  `fromE` to the end of event `toE` (Infinity while it lasts to the end). */
export interface LagEpisode {
  readonly fromE: number;
  readonly fromT: number;
  toE: number;
  toT: number;
}

export interface PairLag {
  readonly a: NodeId;
  readonly b: NodeId;
  /** In time order; none overlap, and none starts and ends in one event. */
  readonly episodes: LagEpisode[];
}

export interface StaleMark {
  readonly e: number;
  readonly t: number;
  readonly key: string;
  readonly op: number;
}

export interface MonitorSeries {
  readonly nodes: readonly NodeId[];
  readonly events: number;
  /** Virtual time of the run's last event. */
  readonly endMs: number;
  /** Each event's time (index = event number): the Timeline's own. */
  readonly eventTimes: readonly number[];
  /** Cumulative figures, as the Metrics count them. Each starts with {e: 0, t: 0, v: 0}. */
  readonly readRepairs: readonly Step[];
  readonly staleReads: readonly Step[];
  readonly hintsStored: readonly Step[];
  readonly hintsDelivered: readonly Step[];
  /** Hints each node holds (for all its home nodes together). */
  readonly hintsHeld: ReadonlyMap<NodeId, readonly Step[]>;
  /** Hints held by all nodes together: the whole queue. */
  readonly hintsQueued: readonly Step[];
  readonly staleMarks: readonly StaleMark[];
  /** Every replica pair, in node order (a before b). */
  readonly pairs: readonly PairLag[];
  /** The width of the read repairs' intervals: a round number of ms, about 1/24 of the run. */
  readonly intervalMs: number;
}

/** What the series are built from: a finished run's facts. */
export interface MonitorInput {
  readonly trace: readonly TraceRecord[];
  readonly events: number;
  readonly eventTimes: readonly number[];
  readonly nodes: readonly NodeId[];
  /** The key's N home replicas. */
  replicasOf(key: string): readonly NodeId[];
  /** The replica sets of the ring's token ranges (for the pairs). */
  readonly ranges: readonly { readonly replicas: readonly NodeId[] }[];
}

const cache = new WeakMap<readonly TraceRecord[], MonitorSeries>();

/** The series of a run, built on first use. A run's trace never changes once it is finished. */
export function monitorSeriesOf(input: MonitorInput): MonitorSeries {
  let series = cache.get(input.trace);
  if (!series) cache.set(input.trace, (series = buildMonitorSeries(input)));
  return series;
}

/** Same version, as a Merkle leaf sees it: value, timestamp and dot of each sibling. */
export function sameCopy(a: readonly Sibling[], b: readonly Sibling[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.value !== y.value || x.ts !== y.ts) return false;
    if (x.dot?.node !== y.dot?.node || x.dot?.counter !== y.dot?.counter) return false;
  }
  return true;
}

const NOTHING: readonly Sibling[] = Object.freeze([]);

/** A round interval (1, 2 or 5 × a power of ten ms) nearest to a `bins`-th of `spanMs`. */
export function niceInterval(spanMs: number, bins = 24): number {
  if (!(spanMs > 0)) return 1;
  const raw = spanMs / bins;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power;
}

class StepBuilder {
  readonly steps: Step[] = [{ e: 0, t: 0, v: 0 }];
  set(e: number, t: number, v: number): void {
    const last = this.steps[this.steps.length - 1]!;
    if (last.v === v) return;
    if (last.e === e) {
      this.steps.pop();
      // Back to the value before this event: no step at all.
      if (this.steps[this.steps.length - 1]!.v === v) return;
    }
    this.steps.push({ e, t, v });
  }
}

interface PairState {
  lag: PairLag;
  /** Keys of their shared ranges on which the two differ now. */
  differ: number;
}

export function buildMonitorSeries(input: MonitorInput): MonitorSeries {
  const { trace, events, eventTimes, nodes } = input;
  const order = new Map(nodes.map((n, i) => [n, i]));
  const pairKey = (x: NodeId, y: NodeId) => (order.get(x)! < order.get(y)! ? `${x}\u0000${y}` : `${y}\u0000${x}`);
  const pairs = new Map<string, PairState>();
  for (const range of input.ranges) {
    const reps = [...range.replicas].sort((x, y) => order.get(x)! - order.get(y)!);
    for (let i = 0; i < reps.length; i++)
      for (let j = i + 1; j < reps.length; j++) {
        const k = pairKey(reps[i]!, reps[j]!);
        if (!pairs.has(k)) pairs.set(k, { lag: { a: reps[i]!, b: reps[j]!, episodes: [] }, differ: 0 });
      }
  }

  const metrics = emptyMetrics();
  const readRepairs = new StepBuilder();
  const staleReads = new StepBuilder();
  const hintsStored = new StepBuilder();
  const hintsDelivered = new StepBuilder();
  const held = new Map<NodeId, Set<string>>(nodes.map((n) => [n, new Set<string>()]));
  const hintsHeld = new Map<NodeId, StepBuilder>(nodes.map((n) => [n, new StepBuilder()]));
  const hintsQueued = new StepBuilder();
  let queued = 0;
  const staleMarks: StaleMark[] = [];
  /** Each node's copy of each key of its home ranges: `${node}\0${key}`. */
  const copies = new Map<string, readonly Sibling[]>();
  const homes = new Map<string, readonly NodeId[]>();
  const homesOf = (key: string): readonly NodeId[] => {
    let h = homes.get(key);
    if (!h) homes.set(key, (h = input.replicasOf(key)));
    return h;
  };

  const disagree = (p: PairState, e: number, t: number) => {
    if (p.differ++ > 0) return;
    const eps = p.lag.episodes;
    const last = eps[eps.length - 1];
    // Together again and apart within one event: they never agreed in between.
    if (last && last.toE === e) {
      last.toE = Infinity;
      last.toT = Infinity;
    } else eps.push({ fromE: e, fromT: t, toE: Infinity, toT: Infinity });
  };
  const agree = (p: PairState, e: number, t: number) => {
    if (--p.differ > 0) return;
    const eps = p.lag.episodes;
    const last = eps[eps.length - 1]!;
    // Apart and together again within one event: never apart at an event's end.
    if (last.fromE === e) eps.pop();
    else {
      last.toE = e;
      last.toT = t;
    }
  };

  for (const r of trace) {
    addRecord(metrics, r);
    switch (r.k) {
      case 'count':
        if (r.metric === 'readRepairs') readRepairs.set(r.e, r.t, metrics.readRepairs);
        break;
      case 'verdict':
        if (r.kind === 'stale') {
          staleReads.set(r.e, r.t, metrics.staleReads);
          staleMarks.push({ e: r.e, t: r.t, key: r.key, op: r.op });
        }
        break;
      case 'hint': {
        hintsStored.set(r.e, r.t, metrics.hintsStored);
        hintsDelivered.set(r.e, r.t, metrics.hintsDelivered);
        const ids = held.get(r.node);
        if (!ids) break;
        queued -= ids.size;
        if (r.added) ids.add(r.id);
        else ids.delete(r.id);
        queued += ids.size;
        hintsHeld.get(r.node)!.set(r.e, r.t, ids.size);
        hintsQueued.set(r.e, r.t, queued);
        break;
      }
      case 'store': {
        const reps = homesOf(r.key);
        if (!reps.includes(r.node)) break;
        const self = `${r.node}\u0000${r.key}`;
        const before = copies.get(self) ?? NOTHING;
        const after = r.siblings.length === 0 ? NOTHING : r.siblings;
        if (after === NOTHING) copies.delete(self);
        else copies.set(self, after);
        for (const other of reps) {
          if (other === r.node) continue;
          const theirs = copies.get(`${other}\u0000${r.key}`) ?? NOTHING;
          const was = sameCopy(before, theirs);
          const is = sameCopy(after, theirs);
          if (was === is) continue;
          const p = pairs.get(pairKey(r.node, other));
          if (!p) continue;
          if (is) agree(p, r.e, r.t);
          else disagree(p, r.e, r.t);
        }
        break;
      }
      default:
        break;
    }
  }

  const endMs = eventTimes[events] ?? 0;
  return {
    nodes,
    events,
    endMs,
    eventTimes,
    readRepairs: readRepairs.steps,
    staleReads: staleReads.steps,
    hintsStored: hintsStored.steps,
    hintsDelivered: hintsDelivered.steps,
    hintsHeld: new Map([...hintsHeld].map(([n, b]) => [n, b.steps])),
    hintsQueued: hintsQueued.steps,
    staleMarks,
    pairs: [...pairs.values()].map((p) => p.lag).sort((x, y) => order.get(x.a)! - order.get(y.a)! || order.get(x.b)! - order.get(y.b)!),
    intervalMs: niceInterval(endMs),
  };
}

const stepEvent = (s: Step): number => s.e;

/** The index of the step in force once `cursor` events have been applied. */
export function stepIndexAt(steps: readonly Step[], cursor: number): number {
  return upperBound(steps, cursor, stepEvent) - 1;
}

/** A step function's value once `cursor` events have been applied. */
export function valueAt(steps: readonly Step[], cursor: number): number {
  return steps[stepIndexAt(steps, cursor)]?.v ?? 0;
}

/** The episode a pair is in once `cursor` events have been applied, if it disagrees then. */
export function episodeAt(pair: PairLag, cursor: number): LagEpisode | null {
  const i = upperBound(pair.episodes, cursor, (ep) => ep.fromE) - 1;
  const ep = pair.episodes[i];
  return ep && ep.toE > cursor ? ep : null;
}

/** A pair's anti-entropy lag at `cursor` (whose time is `nowMs`): the time since it last agreed, 0 if it agrees. */
export function lagAt(pair: PairLag, cursor: number, nowMs: number): number {
  const ep = episodeAt(pair, cursor);
  return ep ? nowMs - ep.fromT : 0;
}

/** Everything the panel says at one position: the figures at the cursor. */
export interface Reading {
  readonly cursor: number;
  readonly timeMs: number;
  readonly readRepairs: number;
  /** The read-repair interval holding `timeMs`, and the repairs in it so far. */
  readonly interval: { readonly fromMs: number; readonly toMs: number; readonly repairs: number };
  readonly staleReads: number;
  readonly hintsStored: number;
  readonly hintsDelivered: number;
  readonly hintsHeld: ReadonlyMap<NodeId, number>;
  /** Hints held by all nodes together. */
  readonly hintsQueued: number;
  /** Pairs that disagree at the cursor, longest lag first. */
  readonly lagging: readonly { readonly a: NodeId; readonly b: NodeId; readonly sinceMs: number; readonly lagMs: number }[];
  readonly pairs: number;
}

export function readingAt(s: MonitorSeries, cursor: number): Reading {
  const c = Math.max(0, Math.min(s.events, cursor));
  const timeMs = s.eventTimes[c] ?? 0;
  const fromMs = Math.floor(timeMs / s.intervalMs) * s.intervalMs;
  const lagging: { a: NodeId; b: NodeId; sinceMs: number; lagMs: number }[] = [];
  for (const p of s.pairs) {
    const ep = episodeAt(p, c);
    if (ep) lagging.push({ a: p.a, b: p.b, sinceMs: ep.fromT, lagMs: timeMs - ep.fromT });
  }
  lagging.sort((x, y) => y.lagMs - x.lagMs);
  const readRepairs = valueAt(s.readRepairs, c);
  return {
    cursor: c,
    timeMs,
    readRepairs,
    interval: { fromMs, toMs: fromMs + s.intervalMs, repairs: readRepairs - repairsBefore(s, fromMs) },
    staleReads: valueAt(s.staleReads, c),
    hintsStored: valueAt(s.hintsStored, c),
    hintsDelivered: valueAt(s.hintsDelivered, c),
    hintsHeld: new Map(s.nodes.map((n) => [n, valueAt(s.hintsHeld.get(n)!, c)])),
    hintsQueued: valueAt(s.hintsQueued, c),
    lagging,
    pairs: s.pairs.length,
  };
}

/** Read repairs made at times before `ms`. */
function repairsBefore(s: MonitorSeries, ms: number): number {
  return s.readRepairs[lowerBound(s.readRepairs, ms, (st) => st.t) - 1]?.v ?? 0;
}

/** Read repairs per interval, counting those made by `cursor`: [bin index, count] for the bins that have any. */
export function repairsPerInterval(s: MonitorSeries, cursor: number): Map<number, number> {
  const out = new Map<number, number>();
  const last = stepIndexAt(s.readRepairs, cursor);
  for (let i = 1; i <= last; i++) {
    const st = s.readRepairs[i]!;
    const bin = Math.floor(st.t / s.intervalMs);
    out.set(bin, (out.get(bin) ?? 0) + st.v - s.readRepairs[i - 1]!.v);
  }
  return out;
}

/** The series of an app run (memoised per trace). */
export function seriesOfRun(run: {
  readonly kernel: { readonly trace: readonly TraceRecord[]; readonly ring: { preferenceList(key: string): readonly NodeId[]; readonly ranges: readonly { readonly replicas: readonly NodeId[] }[] } };
  readonly events: number;
  readonly timeline: { readonly eventTimes: readonly number[] };
  readonly scenario: { readonly cluster: { readonly nodes: readonly NodeId[] } };
}): MonitorSeries {
  const { ring } = run.kernel;
  return monitorSeriesOf({
    trace: run.kernel.trace,
    events: run.events,
    eventTimes: run.timeline.eventTimes,
    nodes: run.scenario.cluster.nodes,
    replicasOf: (key) => ring.preferenceList(key),
    ranges: ring.ranges,
  });
}
