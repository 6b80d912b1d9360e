// The trace regrouped once per run: for each client operation the messages
// of its request (with their delivery or loss), where it was sent, its
// machine's transitions and its end; for each anti-entropy session its hash
// and sync messages, each side's transitions, what it counted and the keys
// it wrote. Views then read the facts up to the cursor instead of
// scanning the whole trace on every frame.

import type { SessionOutcome } from '../../sim/machines/protocol';
import type { Message } from '../../sim/messages';
import type { DropReason } from '../../sim/network';
import type { TraceRecord } from '../../sim/trace';
import type { NodeId } from '../../sim/types';
import type { Sibling } from '../../sim/versions';

export interface SentMessage {
  /** Kernel event that sent it. */
  e: number;
  t: number;
  id: number;
  from: NodeId;
  to: NodeId;
  msg: Message;
  arriveMs: number;
}

export interface Fate {
  e: number;
  t: number;
  /** Set when the message was lost. */
  dropped?: DropReason;
}

type OpEndRecord = Extract<TraceRecord, { k: 'opEnd' }>;

/** One transition of a machine, as the trace recorded it. */
export interface Transition {
  e: number;
  t: number;
  node: NodeId;
  from: string;
  event: string;
  to: string;
}

export interface OpFacts {
  op: number;
  startE: number;
  startT: number;
  /** Request messages: write/read/repair out, acks/replies back. */
  messages: SentMessage[];
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
  messages: SentMessage[];
  ends: { e: number; t: number; node: NodeId; outcome?: SessionOutcome }[];
  /** Each side's session machine's transitions, in order. */
  transitions: Transition[];
  counts: { e: number; metric: string; by: number }[];
  /** Keys a sync message wrote to a replica (it lacked them or held older). */
  synced: { e: number; t: number; node: NodeId; key: string }[];
}

export interface TraceIndex {
  ops: Map<number, OpFacts>;
  sessions: Map<string, SessionFacts>;
  /** The transitions of every other machine (a node's replica, coordinator
   *  and anti-entropy machines, its hint replays), by `machineKey`. */
  machines: Map<string, Transition[]>;
  /** Delivery or loss of every message, by message id. */
  fates: Map<number, Fate[]>;
}

/** How `machines` names a node's machine: its node and actor (`replica`, `replay-n2`…). */
export function machineKey(node: NodeId, actor: string): string {
  return `${node}\u0000${actor}`;
}

const cache = new WeakMap<readonly TraceRecord[], TraceIndex>();

/** Index a finished run's trace (memoised per trace array). */
export function indexTrace(trace: readonly TraceRecord[]): TraceIndex {
  const hit = cache.get(trace);
  if (hit) return hit;
  const builder = new RequestIndexBuilder();
  for (const r of trace) builder.add(r);
  cache.set(trace, builder.index);
  return builder.index;
}

/** Use an index built while the trace arrived (see runLoader.ts) for `trace`. */
export function adoptRequestIndex(trace: readonly TraceRecord[], index: TraceIndex): void {
  cache.set(trace, index);
}

function requestOf(msg: Message): number | null {
  return 'req' in msg ? msg.req : null;
}

function sessionOf(msg: Message): string | null {
  return msg.type === 'merkle' || msg.type === 'sync' ? msg.session : null;
}

/** Builds the index one record at a time, in trace order, so a trace that
 *  arrives in chunks is indexed as it comes rather than in one long task. */
export class RequestIndexBuilder {
  readonly index: TraceIndex = { ops: new Map(), sessions: new Map(), machines: new Map(), fates: new Map() };
  private readonly sessionOfMessage = new Map<number, string>();
  /** Event → the session whose message that event delivered. */
  private readonly sessionOfEvent = new Map<number, string>();
  private readonly copies = new Map<string, readonly Sibling[]>();

  private sessionFor(id: string, r: { e: number; t: number; node: NodeId; peer: NodeId }): SessionFacts {
    let s = this.index.sessions.get(id);
    if (!s) {
      s = { session: id, initiator: r.node, peer: r.peer, startE: r.e, startT: r.t, messages: [], ends: [], transitions: [], counts: [], synced: [] };
      this.index.sessions.set(id, s);
    }
    return s;
  }

  add(r: TraceRecord): void {
    const { ops, sessions, fates } = this.index;
    const { sessionOfMessage, sessionOfEvent, copies } = this;
    switch (r.k) {
      case 'opStart':
        ops.set(r.op, {
          op: r.op,
          startE: r.e,
          startT: r.t,
          messages: [],
          transitions: [],
          localCopy: r.coordinator === null ? [] : (copies.get(`${r.coordinator}\u0000${r.key}`) ?? []),
        });
        break;
      case 'sent': {
        const o = ops.get(r.op);
        if (o) o.sent = { e: r.e, t: r.t, targets: r.targets, skipped: r.skipped, standIns: r.standIns };
        break;
      }
      case 'machine': {
        const transition: Transition = { e: r.e, t: r.t, node: r.node, from: r.from, event: r.event, to: r.to };
        if (r.op !== undefined) ops.get(r.op)?.transitions.push(transition);
        else if (r.session !== undefined) sessions.get(r.session)?.transitions.push(transition);
        else {
          const key = machineKey(r.node, r.actor);
          const list = this.index.machines.get(key);
          if (list) list.push(transition);
          else this.index.machines.set(key, [transition]);
        }
        break;
      }
      case 'opEnd': {
        const o = ops.get(r.op);
        if (o) o.end = r;
        break;
      }
      case 'opClose': {
        const o = ops.get(r.op);
        if (o) o.close = { e: r.e, t: r.t, acks: r.acks, replicas: r.replicas };
        break;
      }
      case 'store':
        copies.set(`${r.node}\u0000${r.key}`, r.siblings);
        if (r.cause === 'sync') {
          const s = sessions.get(sessionOfEvent.get(r.e) ?? '');
          s?.synced.push({ e: r.e, t: r.t, node: r.node, key: r.key });
        }
        break;
      case 'send': {
        const sent: SentMessage = { e: r.e, t: r.t, id: r.id, from: r.from, to: r.to, msg: r.msg, arriveMs: r.arriveMs };
        const req = requestOf(r.msg);
        if (req !== null) ops.get(req)?.messages.push(sent);
        const session = sessionOf(r.msg);
        if (session !== null) {
          sessionOfMessage.set(r.id, session);
          // A responder's first message can precede any record of the session on its side.
          this.sessionFor(session, { e: r.e, t: r.t, node: r.from, peer: r.to }).messages.push(sent);
        }
        break;
      }
      case 'deliver':
      case 'drop': {
        const fate: Fate = r.k === 'drop' ? { e: r.e, t: r.t, dropped: r.reason } : { e: r.e, t: r.t };
        const list = fates.get(r.id);
        if (list) list.push(fate);
        else fates.set(r.id, [fate]);
        const session = sessionOfMessage.get(r.id);
        if (session !== undefined && r.k === 'deliver') sessionOfEvent.set(r.e, session);
        break;
      }
      case 'session': {
        const s = this.sessionFor(r.session, r);
        if (r.phase === 'end') s.ends.push({ e: r.e, t: r.t, node: r.node, ...(r.outcome !== undefined ? { outcome: r.outcome } : {}) });
        break;
      }
      case 'count': {
        const session = sessionOfEvent.get(r.e);
        if (session !== undefined && r.metric !== 'antiEntropySessions') sessions.get(session)?.counts.push({ e: r.e, metric: r.metric, by: r.by });
        break;
      }
      default:
        break;
    }
  }
}

/** What had become of a message by kernel event `cursor`: the first
 *  delivery or loss (a duplicate delivery changes nothing). */
export function fateAt(index: TraceIndex, id: number, cursor: number): Fate | null {
  const first = index.fates.get(id)?.[0];
  return first !== undefined && first.e <= cursor ? first : null;
}
