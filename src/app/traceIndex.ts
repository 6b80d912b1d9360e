// Indexes over a finished run's trace, built once per trace and shared by
// the message layer, the space-time diagram and the timeline markers. They
// only regroup trace records (send → its delivery or drop, verdicts, down
// spans); nothing here re-derives what happened.

import type { Message } from '../sim/messages';
import type { DropReason } from '../sim/network';
import type { OpType, TraceRecord } from '../sim/trace';
import type { Latency, NodeId } from '../sim/types';
import { glyphKindOf, type GlyphKind } from './messageKinds';

export interface MessageInfo {
  id: number;
  from: NodeId;
  to: NodeId;
  msg: Message;
  kind: GlyphKind;
  sentMs: number;
  arriveMs: number;
  sentEvent: number;
  /** The event that delivered or dropped it (the first, for a duplicate); null if the run stopped first. */
  endEvent: number | null;
  endMs: number | null;
  drop: DropReason | null;
}

export type VerdictKind = 'stale' | 'lost' | 'resurrection';

export interface VerdictInfo {
  e: number;
  t: number;
  kind: VerdictKind;
  key: string;
  op: number;
  /** Where to flash it: the node the trace names, else the operation's coordinator. */
  node: NodeId | null;
}

export interface OpStartInfo {
  op: number;
  type: OpType;
  client: string;
  key: string;
  coordinator: NodeId | null;
  e: number;
  t: number;
}

export interface DownSpan {
  node: NodeId;
  fromMs: number;
  /** Infinity while the node stays down to the end of the run. */
  toMs: number;
  fromEvent: number;
}

export interface TraceIndex {
  /** In send order, which is time order. */
  messages: MessageInfo[];
  byId: Map<number, MessageInfo>;
  /** Dropped messages in the order of their drop events. */
  drops: MessageInfo[];
  verdicts: VerdictInfo[];
  ops: Map<number, OpStartInfo>;
  downSpans: DownSpan[];
  /** The longest time any message spent between send and its end. */
  maxFlightMs: number;
}

const cache = new WeakMap<readonly TraceRecord[], TraceIndex>();

/** The index of a trace, built on first use. A run's trace never changes once it is finished. */
export function traceIndexOf(trace: readonly TraceRecord[]): TraceIndex {
  let index = cache.get(trace);
  if (!index) cache.set(trace, (index = buildTraceIndex(trace)));
  return index;
}

/** Use an index built while the trace arrived (see runLoader.ts) for `trace`. */
export function adoptTraceIndex(trace: readonly TraceRecord[], index: TraceIndex): void {
  cache.set(trace, index);
}

export function buildTraceIndex(trace: readonly TraceRecord[]): TraceIndex {
  const builder = new TraceIndexBuilder();
  for (const r of trace) builder.add(r);
  return builder.finish();
}

/** Builds the index one record at a time, in trace order (a trace that
 *  arrives in chunks is indexed as it comes). */
export class TraceIndexBuilder {
  private readonly messages: MessageInfo[] = [];
  private readonly byId = new Map<number, MessageInfo>();
  private readonly drops: MessageInfo[] = [];
  private readonly verdicts: VerdictInfo[] = [];
  private readonly ops = new Map<number, OpStartInfo>();
  private readonly downSpans: DownSpan[] = [];
  private readonly openDown = new Map<NodeId, DownSpan>();
  private maxFlightMs = 0;

  add(r: TraceRecord): void {
    switch (r.k) {
      case 'send': {
        const m: MessageInfo = { id: r.id, from: r.from, to: r.to, msg: r.msg, kind: glyphKindOf(r.msg), sentMs: r.t, arriveMs: r.arriveMs, sentEvent: r.e, endEvent: null, endMs: null, drop: null };
        this.messages.push(m);
        this.byId.set(r.id, m);
        break;
      }
      case 'deliver':
      case 'drop': {
        const m = this.byId.get(r.id);
        if (!m || m.endEvent !== null) break;
        m.endEvent = r.e;
        m.endMs = r.t;
        this.maxFlightMs = Math.max(this.maxFlightMs, r.t - m.sentMs);
        if (r.k === 'drop') {
          m.drop = r.reason;
          this.drops.push(m);
        }
        break;
      }
      case 'opStart':
        this.ops.set(r.op, { op: r.op, type: r.type, client: r.client, key: r.key, coordinator: r.coordinator, e: r.e, t: r.t });
        break;
      case 'verdict':
        this.verdicts.push({ e: r.e, t: r.t, kind: r.kind, key: r.key, op: r.op, node: r.node ?? this.ops.get(r.op)?.coordinator ?? null });
        break;
      case 'node': {
        const open = this.openDown.get(r.node);
        if (!r.up && !open) {
          const span: DownSpan = { node: r.node, fromMs: r.t, toMs: Infinity, fromEvent: r.e };
          this.openDown.set(r.node, span);
          this.downSpans.push(span);
        } else if (r.up && open) {
          open.toMs = r.t;
          this.openDown.delete(r.node);
        }
        break;
      }
      default:
        break;
    }
  }

  /** The index, once every record has been added. */
  finish(): TraceIndex {
    let maxFlightMs = this.maxFlightMs;
    // A message still in flight when the run stopped counts up to its arrival.
    for (const m of this.messages) if (m.endEvent === null) maxFlightMs = Math.max(maxFlightMs, m.arriveMs - m.sentMs);
    return { messages: this.messages, byId: this.byId, drops: this.drops, verdicts: this.verdicts, ops: this.ops, downSpans: this.downSpans, maxFlightMs };
  }
}

/** First index i with key(items[i]) > value, for items sorted by key. */
export function upperBound<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(items[mid]!) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i with key(items[i]) >= value, for items sorted by key. */
export function lowerBound<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(items[mid]!) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const sentEventOf = (m: MessageInfo): number => m.sentEvent;
const sentMsOf = (m: MessageInfo): number => m.sentMs;
const endEventOf = (m: MessageInfo): number => m.endEvent ?? Infinity;

/** Messages in flight once `cursor` events have been applied: sent by then,
 *  neither delivered nor dropped yet. In send order. */
/** Messages in flight at `cursor`, in send order: the latest `limit` of
 *  them (a ring cannot show hundreds of thousands of glyphs, and finding
 *  them all would cost as much). */
export function flightsAt(index: TraceIndex, cursor: number, cursorMs: number, limit = Infinity): MessageInfo[] {
  const out: MessageInfo[] = [];
  const { messages } = index;
  const hi = upperBound(messages, cursor, sentEventOf);
  // Nothing sent more than the longest flight ago can still be in the air.
  const lo = lowerBound(messages, cursorMs - index.maxFlightMs, sentMsOf);
  for (let i = hi - 1; i >= Math.min(lo, hi) && out.length < limit; i--) {
    const m = messages[i]!;
    if (m.endEvent === null || m.endEvent > cursor) out.push(m);
  }
  return out.reverse();
}

/** Messages dropped at or before `cursor` whose drop happened at or after `sinceMs`. */
export function dropsSince(index: TraceIndex, cursor: number, sinceMs: number): MessageInfo[] {
  const { drops } = index;
  const hi = upperBound(drops, cursor, endEventOf);
  let lo = hi;
  while (lo > 0 && drops[lo - 1]!.endMs! >= sinceMs) lo--;
  return drops.slice(lo, hi);
}

/** Messages whose flight overlaps [fromMs, toMs] and that were sent by `cursor`. */
export function messagesInWindow(index: TraceIndex, cursor: number, fromMs: number, toMs: number): MessageInfo[] {
  const { messages } = index;
  const out: MessageInfo[] = [];
  const hi = Math.min(upperBound(messages, cursor, sentEventOf), upperBound(messages, toMs, sentMsOf));
  const lo = lowerBound(messages, fromMs - index.maxFlightMs, sentMsOf);
  for (let i = lo; i < hi; i++) {
    const m = messages[i]!;
    if ((m.endMs ?? m.arriveMs) >= fromMs) out.push(m);
  }
  return out;
}

/** The typical one-way latency of a network, to size fades and time windows. */
export function typicalLatencyMs(latency: Latency): number {
  switch (latency.kind) {
    case 'fixed':
      return latency.ms;
    case 'uniform':
      return (latency.min + latency.max) / 2;
    case 'exponential':
      return latency.mean;
  }
}
