// What the Timeline shows at one moment — replicas, messages in flight,
// operations, sessions, metrics — as immutable snapshots, and the fold that
// makes the next snapshot from one and a trace record. Maps are persistent
// (persistentMap.ts): a snapshot shares with the one it was folded from
// everything the records did not touch.

import type { SessionOutcome, Why } from './machines/protocol';
import { addRecord, emptyMetrics, type Metrics } from './metrics';
import type { Message, MessageType } from './messages';
import { Edit, PersistentMap } from './persistentMap';
import type { OpType, TraceRecord } from './trace';
import type { NodeId, SimScenario } from './types';
import type { Sibling } from './versions';

export interface HintView {
  readonly key: string;
  readonly for: NodeId;
}

export interface NodeView {
  readonly id: NodeId;
  readonly up: boolean;
  readonly wiped: boolean;
  readonly skewMs: number;
  readonly data: PersistentMap<string, readonly Sibling[]>;
  /** Local time each all-tombstone key was stored (for its age). */
  readonly tombstonedAt: PersistentMap<string, number>;
  readonly hints: PersistentMap<string, HintView>;
  /** Peers this node believes unreachable. */
  readonly knownDown: ReadonlySet<NodeId>;
  /** Each of the node's machines and its state: the replica, coordinator
   *  and anti-entropy machines, and the children they have open (requests
   *  `op-<n>`, hint replays `replay-<home>`, sessions `ae-<id>`); a child
   *  leaves once it reaches a final state. */
  readonly machines: PersistentMap<string, string>;
}

/** Where a coordinator sent a request (the `sent` fact). */
export interface SentView {
  readonly targets: readonly NodeId[];
  readonly skipped: readonly NodeId[];
  readonly standIns: readonly (readonly [NodeId, NodeId])[];
}

export interface FlightView {
  readonly id: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly type: MessageType;
  readonly key: string | null;
  readonly msg: Message;
  readonly sentMs: number;
  readonly arriveMs: number;
  readonly sentEvent: number;
}

export interface OpView {
  readonly op: number;
  readonly type: OpType;
  readonly client: string;
  readonly key: string;
  readonly coordinator: NodeId | null;
  readonly quorum: number;
  readonly value?: string;
  readonly startMs: number;
  /** The request machine's state (`sending` until its first microstep). */
  readonly phase: string;
  readonly sent: SentView | null;
  readonly status: 'pending' | 'ok' | 'failed';
  readonly values: readonly string[];
  /** Why it ended as it did (words: requestText.ts). */
  readonly why: Why | null;
  readonly consistency: string | null;
  readonly closed: boolean;
  readonly acks: number;
  readonly replicas: readonly NodeId[];
}

export interface SessionView {
  readonly session: string;
  readonly node: NodeId;
  readonly peer: NodeId;
  readonly open: boolean;
  readonly outcome?: SessionOutcome;
  readonly startMs: number;
}

export interface ClusterView {
  /** Kernel events applied (the Timeline's value). */
  readonly event: number;
  readonly timeMs: number;
  readonly nodes: PersistentMap<NodeId, NodeView>;
  readonly groups: readonly (readonly NodeId[])[];
  readonly cuts: readonly { readonly from: NodeId; readonly to: NodeId }[];
  readonly dropRate: number;
  readonly inFlight: PersistentMap<number, FlightView>;
  readonly ops: PersistentMap<number, OpView>;
  readonly sessions: PersistentMap<string, SessionView>;
  readonly metrics: Readonly<Metrics>;
  /** Message ids dropped during the last applied event (for the fade). */
  readonly droppedNow: readonly number[];
}

export function initialView(s: SimScenario): ClusterView {
  const none = PersistentMap.empty<never, never>();
  const roots = PersistentMap.from([
    ['replica', 'up'],
    ['coordinator', 'up'],
    ['antiEntropy', 'up'],
  ] as const);
  const node = (id: NodeId): NodeView => Object.freeze({ id, up: true, wiped: false, skewMs: 0, data: none, tombstonedAt: none, hints: none, knownDown: new Set<NodeId>(), machines: roots });
  const nodes = PersistentMap.from(s.cluster.nodes.map((id) => [id, node(id)] as const));
  return Object.freeze({ event: 0, timeMs: 0, nodes, groups: NONE, cuts: NONE, dropRate: s.network.dropRate, inFlight: none, ops: none, sessions: none, metrics: Object.freeze(emptyMetrics()), droppedNow: NONE });
}

type Mutable<T> = { -readonly [P in keyof T]: T[P] };

const NONE: readonly never[] = Object.freeze([]);

/**
 * A fold forward from a snapshot. It never writes into anything a snapshot
 * holds: maps are persistent, and a node, operation, session, the metrics or
 * the drop list is copied the first time the fold changes it, then changed in
 * place until `snapshot` freezes everything the fold made.
 */
export class Fold {
  private v: Mutable<ClusterView>;
  /** Objects this fold made since its last snapshot: the only ones it may change in place. */
  private readonly made = new Set<object>();
  /** The same for map nodes: a fresh edit at every snapshot. */
  private edit = new Edit();

  constructor(from: ClusterView) {
    this.v = { ...from };
  }

  /** The view as folded so far, frozen; the fold may go on from it. */
  snapshot(): ClusterView {
    for (const o of this.made) Object.freeze(o);
    this.made.clear();
    this.edit = new Edit();
    const view = Object.freeze(this.v);
    this.v = { ...view };
    return view;
  }

  startEvent(e: number, timeMs: number): void {
    this.v.event = e;
    this.v.timeMs = timeMs;
    this.v.droppedNow = NONE;
  }

  /** `o` if this fold made it (so may change it), else null. */
  private mine<T extends object>(o: T): T | null {
    return this.made.has(o) ? o : null;
  }

  /** Records `o` as made by this fold: changed in place until the next snapshot freezes it. */
  private fresh<T extends object>(o: T): T {
    this.made.add(o);
    return o;
  }

  private node(id: NodeId): Mutable<NodeView> {
    const n = this.v.nodes.get(id)!;
    const mine = this.mine(n);
    if (mine) return mine;
    const copy = this.fresh({ ...n });
    this.v.nodes = this.v.nodes.set(id, copy, this.edit);
    return copy;
  }

  private op(id: number): Mutable<OpView> | undefined {
    const o = this.v.ops.get(id);
    if (!o) return undefined;
    const mine = this.mine(o);
    if (mine) return mine;
    const copy = this.fresh({ ...o });
    this.v.ops = this.v.ops.set(id, copy, this.edit);
    return copy;
  }

  private session(id: string): Mutable<SessionView> | undefined {
    const s = this.v.sessions.get(id);
    if (!s) return undefined;
    const mine = this.mine(s);
    if (mine) return mine;
    const copy = this.fresh({ ...s });
    this.v.sessions = this.v.sessions.set(id, copy, this.edit);
    return copy;
  }

  private metrics(): Metrics {
    return this.mine(this.v.metrics) ?? (this.v.metrics = this.fresh({ ...this.v.metrics }));
  }

  apply(r: TraceRecord): void {
    addRecord(this.metrics(), r);
    const { v, edit } = this;
    switch (r.k) {
      case 'send':
        v.inFlight = v.inFlight.set(r.id, this.fresh({ id: r.id, from: r.from, to: r.to, type: r.type, key: r.key, msg: r.msg, sentMs: r.t, arriveMs: r.arriveMs, sentEvent: r.e }), edit);
        break;
      case 'deliver':
        // A duplicate delivery of a message already delivered changes nothing here.
        v.inFlight = v.inFlight.delete(r.id, edit);
        break;
      case 'drop': {
        v.inFlight = v.inFlight.delete(r.id, edit);
        const dropped = this.mine(v.droppedNow as number[]) ?? this.fresh([...v.droppedNow]);
        dropped.push(r.id);
        v.droppedNow = dropped;
        break;
      }
      case 'node': {
        const n = this.node(r.node);
        n.up = r.up;
        if (r.wiped) n.wiped = true;
        if (r.up) n.wiped = false;
        break;
      }
      case 'store': {
        const n = this.node(r.node);
        if (r.siblings.length === 0) {
          n.data = n.data.delete(r.key, edit);
          n.tombstonedAt = n.tombstonedAt.delete(r.key, edit);
        } else {
          n.data = n.data.set(r.key, r.siblings, edit);
          if (r.siblings.every((s) => s.value === null)) n.tombstonedAt = n.tombstonedAt.set(r.key, r.t, edit);
          else n.tombstonedAt = n.tombstonedAt.delete(r.key, edit);
        }
        break;
      }
      case 'hint': {
        const n = this.node(r.node);
        n.hints = r.added ? n.hints.set(r.id, this.fresh({ key: r.key, for: r.for }), edit) : n.hints.delete(r.id, edit);
        break;
      }
      case 'net':
        v.groups = this.fresh(r.groups.map((g) => this.fresh([...g])));
        v.cuts = this.fresh(r.cuts.map((c) => this.fresh({ ...c })));
        v.dropRate = r.dropRate;
        break;
      case 'skew':
        this.node(r.node).skewMs = r.offsetMs;
        break;
      case 'view': {
        const n = this.node(r.node);
        const knownDown = new Set(n.knownDown);
        if (r.reachable) knownDown.delete(r.peer);
        else knownDown.add(r.peer);
        n.knownDown = knownDown;
        break;
      }
      case 'opStart':
        v.ops = v.ops.set(
          r.op,
          this.fresh({
            op: r.op,
            type: r.type,
            client: r.client,
            key: r.key,
            coordinator: r.coordinator,
            quorum: r.quorum,
            ...(r.value !== undefined ? { value: r.value } : {}),
            startMs: r.t,
            phase: 'sending',
            sent: null,
            status: 'pending',
            values: [],
            why: null,
            consistency: null,
            closed: false,
            acks: 0,
            replicas: [],
          }),
          edit,
        );
        break;
      case 'sent': {
        const o = this.op(r.op);
        if (o) o.sent = this.fresh({ targets: r.targets, skipped: r.skipped, standIns: r.standIns });
        break;
      }
      case 'opEnd': {
        const o = this.op(r.op);
        if (o) {
          o.status = r.status;
          o.values = r.values;
          o.why = r.why;
          o.consistency = r.consistency;
          // Nobody could coordinate it: no machine ran, so none records its end.
          if (r.why.kind === 'coordinatorDown' || r.why.kind === 'noCoordinator') o.phase = 'failed';
        }
        break;
      }
      case 'machine': {
        const n = this.node(r.node);
        n.machines = r.ended ? n.machines.delete(r.actor, edit) : n.machines.set(r.actor, r.to, edit);
        if (r.op !== undefined) {
          const o = this.op(r.op);
          if (o) o.phase = r.to;
        }
        break;
      }
      case 'opClose': {
        const o = this.op(r.op);
        if (o) {
          o.closed = true;
          o.acks = r.acks;
          o.replicas = r.replicas;
        }
        break;
      }
      case 'session':
        if (r.phase === 'start') v.sessions = v.sessions.set(r.session, this.fresh({ session: r.session, node: r.node, peer: r.peer, open: true, startMs: r.t }), edit);
        else {
          const s = this.session(r.session);
          if (s) {
            s.open = false;
            if (r.outcome !== undefined) s.outcome = r.outcome;
          }
        }
        break;
      case 'verdict': {
        // A write found lost after it was acknowledged: its operation says so from then on.
        const o = r.kind === 'lost' ? this.op(r.op) : undefined;
        if (o) o.consistency = 'lost';
        break;
      }
      case 'step':
      case 'timer':
      case 'count':
        break;
    }
  }
}
