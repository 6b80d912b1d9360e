// The state of the cluster at any point of a finished run, folded from the
// trace. Views (the UI, tests) move a cursor over kernel events and get back
// a snapshot (clusterView.ts): an immutable value that never changes
// afterwards and shares what did not change with the snapshot it was folded
// from, so React can memoise on its parts. Nothing is re-simulated.
//
// A checkpoint every CHECKPOINT_EVERY events is folded once, as the trace
// comes (TimelineBuilder) or when the timeline is made; a jump folds forward
// from the checkpoint below its target, or from a snapshot handed out lately
// that is at most as far behind, so no jump folds more than CHECKPOINT_EVERY
// events. Checkpoints cost what changed since the one before, so their memory
// is linear in the run (issue 13: full copies made seeking quadratic).

import { Fold, initialView, type ClusterView } from './clusterView';
import type { Footprint } from './persistentMap';
import type { TraceRecord } from './trace';
import type { SimScenario } from './types';

export type { ClusterView, FlightView, HintView, NodeView, OpView, SessionView } from './clusterView';

/** Events between checkpoints: the most a jump folds. Measured on the three
 *  400,000-event links of issue 13 (2 loaded cores, Node 20): a jump takes a
 *  median 0.1–0.5 ms and a 95th percentile under 8 ms at 512; 256 is a
 *  little faster but retains 7–23 % more trie slots, 1024 about twice as
 *  slow for 3–16 % fewer. */
export const CHECKPOINT_EVERY = 512;

/** Snapshots handed out lately that `at` remembers: asking again for the same
 *  event returns the same object, and stepping folds from the nearest. */
const RECENT = 4;

export class Timeline {
  /** recordStart[e] = index of the first record of event e (1-based events); recordStart[events+1] = trace length. */
  private readonly recordStart: number[];
  readonly eventTimes: number[];
  private readonly checkpointEvery: number;
  /** checkpoints[i] is the snapshot after i × checkpointEvery events. */
  private readonly checkpoints: readonly ClusterView[];
  /** Newest first. */
  private readonly recent: ClusterView[] = [];

  /**
   * `built`: a builder already fed this trace, record by record (a run
   * computed in a worker folds its checkpoints as the records arrive);
   * without one, the whole trace is folded here. `checkpointEvery` is for
   * tests, which use short runs.
   */
  constructor(
    readonly scenario: SimScenario,
    readonly trace: readonly TraceRecord[],
    readonly events: number,
    options: { built?: TimelineBuilder; checkpointEvery?: number } = {},
  ) {
    this.recordStart = new Array<number>(events + 2).fill(trace.length);
    this.eventTimes = new Array<number>(events + 1).fill(0);
    for (let i = trace.length - 1; i >= 0; i--) {
      const r = trace[i]!;
      this.recordStart[r.e] = i;
      this.eventTimes[r.e] = r.t;
    }
    for (let e = events; e >= 1; e--) if (this.recordStart[e]! > this.recordStart[e + 1]!) this.recordStart[e] = this.recordStart[e + 1]!;
    this.recordStart[0] = 0;
    let built = options.built;
    if (!built) {
      built = new TimelineBuilder(scenario, options.checkpointEvery);
      for (const r of trace) built.add(r);
    }
    if (built.records !== trace.length) throw new Error(`Timeline: the builder was fed ${built.records} records of a trace of ${trace.length}`);
    this.checkpointEvery = built.checkpointEvery;
    this.checkpoints = built.finish(events);
  }

  /** Records applied by event e (empty for 0). */
  recordsOf(e: number): readonly TraceRecord[] {
    if (e < 1 || e > this.events) return [];
    return this.trace.slice(this.recordStart[e], this.recordStart[e + 1]);
  }

  /**
   * The cluster as it is after `e` events: an immutable snapshot. Snapshots
   * folded one from another share every object that did not change between
   * them; so stepping forward (or playing) shares all but what the new events
   * touched. A jump or a step back starts from a checkpoint instead, and gives
   * equal values that are new objects where they changed since it.
   */
  at(e: number): ClusterView {
    const target = Math.max(0, Math.min(this.events, Math.floor(e)));
    // A snapshot handed out lately, behind the target and no further than a
    // checkpoint spacing, is as cheap a start as a checkpoint and shares more.
    let base: ClusterView | undefined;
    for (const v of this.recent) {
      if (v.event === target) return this.remember(v);
      if (v.event < target && target - v.event <= this.checkpointEvery && (!base || v.event > base.event)) base = v;
    }
    base ??= this.checkpoints[Math.floor(target / this.checkpointEvery)]!;
    if (base.event === target) return this.remember(base);
    const fold = new Fold(base);
    for (let next = base.event + 1; next <= target; next++) this.applyEvent(fold, next);
    return this.remember(fold.snapshot());
  }

  /** The trie nodes the checkpoints hold, each counted once however many
   *  share it: what the timeline retains, in a unit that does not depend on
   *  the engine's heap (see `PersistentMap.footprint`). */
  retained(): Footprint {
    const seen = new Set<object>();
    const into: Footprint = { nodes: 0, slots: 0 };
    for (const c of this.checkpoints) {
      for (const m of [c.nodes, c.inFlight, c.ops, c.sessions]) m.footprint(seen, into);
      for (const n of c.nodes.values()) for (const m of [n.data, n.tombstonedAt, n.hints]) m.footprint(seen, into);
    }
    return into;
  }

  private applyEvent(fold: Fold, e: number): void {
    fold.startEvent(e, this.eventTimes[e]!);
    for (let i = this.recordStart[e]!; i < this.recordStart[e + 1]!; i++) fold.apply(this.trace[i]!);
  }

  private remember(v: ClusterView): ClusterView {
    const i = this.recent.indexOf(v);
    if (i !== 0) {
      if (i > 0) this.recent.splice(i, 1);
      this.recent.unshift(v);
      if (this.recent.length > RECENT) this.recent.pop();
    }
    return v;
  }
}

/**
 * Folds a trace into the Timeline's checkpoints as its records come, in
 * order: a run computed in a worker arrives in chunks, and folding each
 * chunk as it lands leaves no long pass over the whole trace for the page's
 * thread at the end. Hand it to `new Timeline(…, { built })`.
 */
export class TimelineBuilder {
  private readonly fold: Fold;
  private readonly checkpoints: ClusterView[] = [];
  /** The event whose records are being folded, and whether it is over. */
  private event = 0;
  private closed = true;
  private fed = 0;

  constructor(
    scenario: SimScenario,
    readonly checkpointEvery = CHECKPOINT_EVERY,
  ) {
    this.fold = new Fold(initialView(scenario));
    this.checkpoints.push(this.fold.snapshot());
  }

  /** Records fed so far. */
  get records(): number {
    return this.fed;
  }

  /** The next record of the trace. */
  add(r: TraceRecord): void {
    if (r.e < this.event) throw new Error(`TimelineBuilder: a record of event ${r.e} after event ${this.event}`);
    if (r.e !== this.event) {
      // An event without records (none occur) keeps time 0, as in `eventTimes`.
      for (let e = this.event + 1; e < r.e; e++) this.begin(e, 0);
      this.begin(r.e, r.t);
    }
    this.fold.apply(r);
    this.fed++;
  }

  /** The checkpoints of a run of `events` events, once every record is in. */
  finish(events: number): readonly ClusterView[] {
    for (let e = this.event + 1; e <= events; e++) this.begin(e, 0);
    this.end();
    return this.checkpoints;
  }

  private begin(e: number, timeMs: number): void {
    this.end();
    this.fold.startEvent(e, timeMs);
    this.event = e;
    this.closed = false;
  }

  private end(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.event % this.checkpointEvery === 0) this.checkpoints.push(this.fold.snapshot());
  }
}
