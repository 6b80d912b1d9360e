// The trace regrouped once per run — the one index every view reads: each
// message with its delivery or loss; the verdicts and the spans a node was
// down; for each client operation its request's messages, where it was
// sent, its machine's transitions and its end; for each anti-entropy
// session its messages, each side's transitions, what it counted and the
// keys it wrote; and the transitions of every node's own machines. Views
// read the facts up to the cursor instead of scanning the trace on every
// frame. Nothing here re-derives what happened.

import type { SessionOutcome } from '../sim/machines/protocol';
import type { Message } from '../sim/messages';
import type { DropReason } from '../sim/network';
import type { OpType, TraceRecord } from '../sim/trace';
import { isPerLeg, LATENCY_LEGS, legDistribution } from '../sim/latency';
import type { Latency, LatencyDistribution, NodeId } from '../sim/types';
import type { Sibling } from '../sim/versions';
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

/** What had become of a message by some event: delivered, or lost and why. */
export interface Fate {
  e: number;
  t: number;
  /** Set when the message was lost. */
  dropped?: DropReason;
}

/** One transition of a machine, as the trace recorded it. */
export interface Transition {
  e: number;
  t: number;
  node: NodeId;
  from: string;
  event: string;
  to: string;
}

type OpEndRecord = Extract<TraceRecord, { k: 'opEnd' }>;

export interface OpFacts {
  op: number;
  type: OpType;
  client: string;
  key: string;
  coordinator: NodeId | null;
  startE: number;
  startT: number;
  /** Request messages: write/read/repair out, acks/replies back. */
  messages: MessageInfo[];
  /** Where the coordinator sent it (absent: refused, or nobody could coordinate). */
  sent?: { e: number; t: number; targets: readonly NodeId[]; skipped: readonly NodeId[]; standIns: readonly (readonly [NodeId, NodeId])[] };
  /** Its request machine's transitions, in order. */
  transitions: Transition[];
  end?: OpEndRecord;
  close?: { e: number; t: number; acks: number; replicas: readonly NodeId[] };
  /** The coordinator's own copy of the key when the request started (a
   *  coordinator that is a replica reads it without a message). */
  localCopy: readonly Sibling[];
}

export interface SessionFacts {
  session: string;
  initiator: NodeId;
  peer: NodeId;
  startE: number;
  startT: number;
  messages: MessageInfo[];
  ends: { e: number; t: number; node: NodeId; outcome?: SessionOutcome }[];
  /** Each side's session machine's transitions, in order. */
  transitions: Transition[];
  counts: { e: number; metric: string; by: number }[];
  /** Keys a sync message wrote to a replica (it lacked them or held older). */
  synced: { e: number; t: number; node: NodeId; key: string }[];
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
  ops: Map<number, OpFacts>;
  sessions: Map<string, SessionFacts>;
  /** The transitions of every other machine (a node's replica, coordinator
   *  and anti-entropy machines, its hint replays), by `machineKey`. */
  machines: Map<string, Transition[]>;
  downSpans: DownSpan[];
  /** The longest time any message spent between send and its end. */
  maxFlightMs: number;
}

/** How `machines` names a node's machine: its node and actor (`replica`, `replay-n2`…). */
export function machineKey(node: NodeId, actor: string): string {
  return `${node}\u0000${actor}`;
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

function requestOf(msg: Message): number | null {
  return 'req' in msg ? msg.req : null;
}

function sessionOf(msg: Message): string | null {
  return msg.type === 'merkle' || msg.type === 'sync' ? msg.session : null;
}

/** Builds the index one record at a time, in trace order (a trace that
 *  arrives in chunks is indexed as it comes). */
export class TraceIndexBuilder {
  private readonly messages: MessageInfo[] = [];
  private readonly byId = new Map<number, MessageInfo>();
  private readonly drops: MessageInfo[] = [];
  private readonly verdicts: VerdictInfo[] = [];
  private readonly ops = new Map<number, OpFacts>();
  private readonly sessions = new Map<string, SessionFacts>();
  private readonly machines = new Map<string, Transition[]>();
  private readonly downSpans: DownSpan[] = [];
  private readonly openDown = new Map<NodeId, DownSpan>();
  private maxFlightMs = 0;
  /** Event → the session whose message that event delivered. */
  private readonly sessionOfEvent = new Map<number, string>();
  /** Each node's copy of each key, as stored so far: `${node}\0${key}`. */
  private readonly copies = new Map<string, readonly Sibling[]>();

  private sessionFor(id: string, r: { e: number; t: number; node: NodeId; peer: NodeId }): SessionFacts {
    let s = this.sessions.get(id);
    if (!s) {
      s = { session: id, initiator: r.node, peer: r.peer, startE: r.e, startT: r.t, messages: [], ends: [], transitions: [], counts: [], synced: [] };
      this.sessions.set(id, s);
    }
    return s;
  }

  add(r: TraceRecord): void {
    switch (r.k) {
      case 'send': {
        const m: MessageInfo = { id: r.id, from: r.from, to: r.to, msg: r.msg, kind: glyphKindOf(r.msg), sentMs: r.t, arriveMs: r.arriveMs, sentEvent: r.e, endEvent: null, endMs: null, drop: null };
        this.messages.push(m);
        this.byId.set(r.id, m);
        const req = requestOf(r.msg);
        if (req !== null) this.ops.get(req)?.messages.push(m);
        const session = sessionOf(r.msg);
        // A responder's first message can precede any record of the session on its side.
        if (session !== null) this.sessionFor(session, { e: r.e, t: r.t, node: r.from, peer: r.to }).messages.push(m);
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
        const session = sessionOf(m.msg);
        if (session !== null && r.k === 'deliver') this.sessionOfEvent.set(r.e, session);
        break;
      }
      case 'opStart':
        this.ops.set(r.op, {
          op: r.op,
          type: r.type,
          client: r.client,
          key: r.key,
          coordinator: r.coordinator,
          startE: r.e,
          startT: r.t,
          messages: [],
          transitions: [],
          localCopy: r.coordinator === null ? [] : (this.copies.get(`${r.coordinator}\u0000${r.key}`) ?? []),
        });
        break;
      case 'sent': {
        const o = this.ops.get(r.op);
        if (o) o.sent = { e: r.e, t: r.t, targets: r.targets, skipped: r.skipped, standIns: r.standIns };
        break;
      }
      case 'opEnd': {
        const o = this.ops.get(r.op);
        if (o) o.end = r;
        break;
      }
      case 'opClose': {
        const o = this.ops.get(r.op);
        if (o) o.close = { e: r.e, t: r.t, acks: r.acks, replicas: r.replicas };
        break;
      }
      case 'machine': {
        const transition: Transition = { e: r.e, t: r.t, node: r.node, from: r.from, event: r.event, to: r.to };
        if (r.op !== undefined) this.ops.get(r.op)?.transitions.push(transition);
        else if (r.session !== undefined) this.sessions.get(r.session)?.transitions.push(transition);
        else {
          const key = machineKey(r.node, r.actor);
          const list = this.machines.get(key);
          if (list) list.push(transition);
          else this.machines.set(key, [transition]);
        }
        break;
      }
      case 'store':
        this.copies.set(`${r.node}\u0000${r.key}`, r.siblings);
        if (r.cause === 'sync') this.sessions.get(this.sessionOfEvent.get(r.e) ?? '')?.synced.push({ e: r.e, t: r.t, node: r.node, key: r.key });
        break;
      case 'session': {
        const s = this.sessionFor(r.session, r);
        if (r.phase === 'end') s.ends.push({ e: r.e, t: r.t, node: r.node, ...(r.outcome !== undefined ? { outcome: r.outcome } : {}) });
        break;
      }
      case 'count': {
        const session = this.sessionOfEvent.get(r.e);
        if (session !== undefined && r.metric !== 'antiEntropySessions') this.sessions.get(session)?.counts.push({ e: r.e, metric: r.metric, by: r.by });
        break;
      }
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
    const { messages, byId, drops, verdicts, ops, sessions, machines, downSpans } = this;
    return { messages, byId, drops, verdicts, ops, sessions, machines, downSpans, maxFlightMs };
  }
}

/** What had become of message `id` by kernel event `cursor`: its first
 *  delivery or loss (a duplicate delivery changes nothing). */
export function fateAt(index: TraceIndex, id: number, cursor: number): Fate | null {
  const m = index.byId.get(id);
  if (!m || m.endEvent === null || m.endEvent > cursor) return null;
  return m.drop === null ? { e: m.endEvent, t: m.endMs! } : { e: m.endEvent, t: m.endMs!, dropped: m.drop };
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

/**
 * The typical one-way latency of a network, to size fades and time windows:
 * a distribution's mean, or with one per leg the mean over the four legs
 * (a request crosses each once).
 */
export function typicalLatencyMs(latency: Latency): number {
  if (!isPerLeg(latency)) return meanMs(latency);
  return LATENCY_LEGS.reduce((sum, leg) => sum + meanMs(legDistribution(latency, leg)), 0) / LATENCY_LEGS.length;
}

function meanMs(latency: LatencyDistribution): number {
  switch (latency.kind) {
    case 'fixed':
      return latency.ms;
    case 'uniform':
      return (latency.min + latency.max) / 2;
    case 'exponential':
      return latency.mean;
  }
}
