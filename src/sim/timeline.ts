// The state of the cluster at any point of a finished run, folded from the
// trace. Views (the UI, tests) move a cursor over kernel events; stepping
// forward applies the next event's records, jumping restores the nearest
// checkpoint and folds from there. Nothing is re-simulated.

import { addRecord, emptyMetrics, type Metrics } from './metrics';
import type { Message, MessageType } from './messages';
import type { OpType, TraceRecord } from './trace';
import type { NodeId, SimScenario } from './types';
import type { Sibling } from './versions';

export interface NodeView {
  id: NodeId;
  up: boolean;
  wiped: boolean;
  skewMs: number;
  data: Map<string, readonly Sibling[]>;
  /** Local time each all-tombstone key was stored (for its age). */
  tombstonedAt: Map<string, number>;
  hints: Map<string, { key: string; for: NodeId }>;
  /** Peers this node believes unreachable. */
  knownDown: Set<NodeId>;
}

export interface FlightView {
  id: number;
  from: NodeId;
  to: NodeId;
  type: MessageType;
  key: string | null;
  msg: Message;
  sentMs: number;
  arriveMs: number;
  sentEvent: number;
}

export interface OpView {
  op: number;
  type: OpType;
  client: string;
  key: string;
  coordinator: NodeId | null;
  quorum: number;
  value?: string;
  startMs: number;
  phase: string;
  detail: string;
  status: 'pending' | 'ok' | 'failed';
  values: readonly string[];
  reason: string;
  consistency: string | null;
  closed: boolean;
  acks: number;
  replicas: readonly NodeId[];
}

export interface SessionView {
  session: string;
  node: NodeId;
  peer: NodeId;
  open: boolean;
  outcome?: string;
  startMs: number;
}

export interface ClusterView {
  /** Kernel events applied (the Timeline's value). */
  event: number;
  timeMs: number;
  nodes: Map<NodeId, NodeView>;
  groups: NodeId[][];
  cuts: { from: NodeId; to: NodeId }[];
  dropRate: number;
  inFlight: Map<number, FlightView>;
  ops: Map<number, OpView>;
  sessions: Map<string, SessionView>;
  metrics: Metrics;
  /** Message ids dropped during the last applied event (for the fade). */
  droppedNow: number[];
}

const CHECKPOINT_EVERY = 256;

export class Timeline {
  /** recordStart[e] = index of the first record of event e (1-based events); recordStart[events+1] = trace length. */
  private readonly recordStart: number[];
  readonly eventTimes: number[];
  private readonly checkpoints = new Map<number, ClusterView>();
  private current: ClusterView;

  constructor(
    readonly scenario: SimScenario,
    readonly trace: readonly TraceRecord[],
    readonly events: number,
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
    this.current = initialView(scenario);
    this.checkpoints.set(0, cloneView(this.current));
  }

  /** Records applied by event e (empty for 0). */
  recordsOf(e: number): readonly TraceRecord[] {
    if (e < 1 || e > this.events) return [];
    return this.trace.slice(this.recordStart[e], this.recordStart[e + 1]);
  }

  /** The cluster as it is after `e` events. The returned object is owned by
   *  the timeline and changes on the next call: copy what you keep. */
  at(e: number): ClusterView {
    const target = Math.max(0, Math.min(this.events, Math.floor(e)));
    if (target < this.current.event || target - this.current.event > CHECKPOINT_EVERY) {
      const base = Math.floor(target / CHECKPOINT_EVERY) * CHECKPOINT_EVERY;
      const from = this.nearestCheckpoint(base);
      this.current = cloneView(from);
    }
    while (this.current.event < target) {
      const next = this.current.event + 1;
      this.current.droppedNow = [];
      for (let i = this.recordStart[next]!; i < this.recordStart[next + 1]!; i++) applyRecord(this.current, this.trace[i]!);
      this.current.event = next;
      this.current.timeMs = this.eventTimes[next]!;
      if (next % CHECKPOINT_EVERY === 0 && !this.checkpoints.has(next)) this.checkpoints.set(next, cloneView(this.current));
    }
    return this.current;
  }

  private nearestCheckpoint(base: number): ClusterView {
    for (let b = base; b >= 0; b -= CHECKPOINT_EVERY) {
      const c = this.checkpoints.get(b);
      if (c) return c;
    }
    return this.checkpoints.get(0)!;
  }
}

function initialView(s: SimScenario): ClusterView {
  const nodes = new Map<NodeId, NodeView>();
  for (const id of s.cluster.nodes) {
    nodes.set(id, { id, up: true, wiped: false, skewMs: 0, data: new Map(), tombstonedAt: new Map(), hints: new Map(), knownDown: new Set() });
  }
  return { event: 0, timeMs: 0, nodes, groups: [], cuts: [], dropRate: s.network.dropRate, inFlight: new Map(), ops: new Map(), sessions: new Map(), metrics: emptyMetrics(), droppedNow: [] };
}

function cloneView(v: ClusterView): ClusterView {
  const nodes = new Map<NodeId, NodeView>();
  for (const [id, n] of v.nodes) {
    nodes.set(id, { ...n, data: new Map(n.data), tombstonedAt: new Map(n.tombstonedAt), hints: new Map(n.hints), knownDown: new Set(n.knownDown) });
  }
  const ops = new Map<number, OpView>();
  for (const [k, o] of v.ops) ops.set(k, { ...o });
  const sessions = new Map<string, SessionView>();
  for (const [k, s] of v.sessions) sessions.set(k, { ...s });
  return { ...v, nodes, inFlight: new Map(v.inFlight), ops, sessions, metrics: { ...v.metrics }, groups: v.groups.map((g) => [...g]), cuts: [...v.cuts], droppedNow: [...v.droppedNow] };
}

function applyRecord(v: ClusterView, r: TraceRecord): void {
  addRecord(v.metrics, r);
  switch (r.k) {
    case 'send':
      v.inFlight.set(r.id, { id: r.id, from: r.from, to: r.to, type: r.type, key: r.key, msg: r.msg, sentMs: r.t, arriveMs: r.arriveMs, sentEvent: r.e });
      break;
    case 'deliver':
      // A duplicate delivery of a message already delivered changes nothing here.
      v.inFlight.delete(r.id);
      break;
    case 'drop':
      v.inFlight.delete(r.id);
      v.droppedNow.push(r.id);
      break;
    case 'node': {
      const n = v.nodes.get(r.node)!;
      n.up = r.up;
      if (r.wiped) n.wiped = true;
      if (r.up) n.wiped = false;
      break;
    }
    case 'store': {
      const n = v.nodes.get(r.node)!;
      if (r.siblings.length === 0) {
        n.data.delete(r.key);
        n.tombstonedAt.delete(r.key);
      } else {
        n.data.set(r.key, r.siblings);
        if (r.siblings.every((s) => s.value === null)) n.tombstonedAt.set(r.key, r.t);
        else n.tombstonedAt.delete(r.key);
      }
      break;
    }
    case 'hint': {
      const n = v.nodes.get(r.node)!;
      if (r.added) n.hints.set(r.id, { key: r.key, for: r.for });
      else n.hints.delete(r.id);
      break;
    }
    case 'net':
      v.groups = r.groups.map((g) => [...g]);
      v.cuts = [...r.cuts];
      v.dropRate = r.dropRate;
      break;
    case 'skew':
      v.nodes.get(r.node)!.skewMs = r.offsetMs;
      break;
    case 'view': {
      const n = v.nodes.get(r.node)!;
      if (r.reachable) n.knownDown.delete(r.peer);
      else n.knownDown.add(r.peer);
      break;
    }
    case 'opStart':
      v.ops.set(r.op, {
        op: r.op,
        type: r.type,
        client: r.client,
        key: r.key,
        coordinator: r.coordinator,
        quorum: r.quorum,
        ...(r.value !== undefined ? { value: r.value } : {}),
        startMs: r.t,
        phase: 'started',
        detail: '',
        status: 'pending',
        values: [],
        reason: '',
        consistency: null,
        closed: false,
        acks: 0,
        replicas: [],
      });
      break;
    case 'opPhase': {
      const o = v.ops.get(r.op);
      if (o) {
        o.phase = r.phase;
        o.detail = r.detail;
      }
      break;
    }
    case 'opEnd': {
      const o = v.ops.get(r.op);
      if (o) {
        o.status = r.status;
        o.values = r.values;
        o.reason = r.reason;
        o.consistency = r.consistency;
        // The answer implies the phase: the coordinator records no phase for it.
        o.phase = r.status === 'failed' ? 'failed' : o.type === 'get' ? 'answered' : 'acknowledged';
      }
      break;
    }
    case 'opClose': {
      const o = v.ops.get(r.op);
      if (o) {
        o.closed = true;
        o.acks = r.acks;
        o.replicas = r.replicas;
      }
      break;
    }
    case 'session':
      if (r.phase === 'start') v.sessions.set(r.session, { session: r.session, node: r.node, peer: r.peer, open: true, startMs: r.t });
      else {
        const s = v.sessions.get(r.session);
        if (s) {
          s.open = false;
          if (r.outcome !== undefined) s.outcome = r.outcome;
        }
      }
      break;
    case 'verdict': {
      // A write found lost after it was acknowledged: its operation says so from then on.
      const o = r.kind === 'lost' ? v.ops.get(r.op) : undefined;
      if (o) o.consistency = 'lost';
      break;
    }
    case 'step':
    case 'timer':
    case 'count':
      break;
  }
}
