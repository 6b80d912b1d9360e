// Test-only: the Timeline's fold as it was before snapshots (commit a9ca845),
// one mutable view of plain Maps changed record by record, kept as the
// reference the tests compare every event of the persistent Timeline with.
// Plain Maps iterate in insertion order, so the comparison checks order too.
// Nothing in the app may import this.

import { addRecord, emptyMetrics, type Metrics } from './metrics';
import type { ClusterView } from './timeline';
import type { TraceRecord } from './trace';
import type { NodeId, SimScenario } from './types';
import type { Sibling } from './versions';

interface OracleNode {
  id: NodeId;
  up: boolean;
  wiped: boolean;
  skewMs: number;
  data: Map<string, readonly Sibling[]>;
  tombstonedAt: Map<string, number>;
  hints: Map<string, { key: string; for: NodeId }>;
  knownDown: Set<NodeId>;
  machines: Map<string, string>;
}

type Op = Record<string, unknown> & { type: string };

export interface OracleView {
  event: number;
  timeMs: number;
  nodes: Map<NodeId, OracleNode>;
  groups: NodeId[][];
  cuts: { from: NodeId; to: NodeId }[];
  dropRate: number;
  inFlight: Map<number, unknown>;
  ops: Map<number, Op>;
  sessions: Map<string, Record<string, unknown>>;
  metrics: Metrics;
  droppedNow: number[];
}

export function oracleStart(s: SimScenario): OracleView {
  const nodes = new Map<NodeId, OracleNode>();
  for (const id of s.cluster.nodes) nodes.set(id, { id, up: true, wiped: false, skewMs: 0, data: new Map(), tombstonedAt: new Map(), hints: new Map(), knownDown: new Set(), machines: new Map([['replica', 'up'], ['coordinator', 'up'], ['antiEntropy', 'up']]) });
  return { event: 0, timeMs: 0, nodes, groups: [], cuts: [], dropRate: s.network.dropRate, inFlight: new Map(), ops: new Map(), sessions: new Map(), metrics: emptyMetrics(), droppedNow: [] };
}

/** Applies one kernel event's records, as the old `at()` did. */
export function oracleEvent(v: OracleView, e: number, timeMs: number, records: readonly TraceRecord[]): void {
  v.droppedNow = [];
  for (const r of records) oracleRecord(v, r);
  v.event = e;
  v.timeMs = timeMs;
}

function oracleRecord(v: OracleView, r: TraceRecord): void {
  addRecord(v.metrics, r);
  switch (r.k) {
    case 'send':
      v.inFlight.set(r.id, { id: r.id, from: r.from, to: r.to, type: r.type, key: r.key, msg: r.msg, sentMs: r.t, arriveMs: r.arriveMs, sentEvent: r.e });
      break;
    case 'deliver':
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
        phase: 'sending',
        sent: null,
        status: 'pending',
        values: [],
        why: null,
        consistency: null,
        closed: false,
        acks: 0,
        replicas: [],
      });
      break;
    case 'sent': {
      const o = v.ops.get(r.op);
      if (o) o.sent = { targets: r.targets, skipped: r.skipped, standIns: r.standIns };
      break;
    }
    case 'opEnd': {
      const o = v.ops.get(r.op);
      if (o) Object.assign(o, { status: r.status, values: r.values, why: r.why, consistency: r.consistency });
      if (o && (r.why.kind === 'coordinatorDown' || r.why.kind === 'noCoordinator')) o.phase = 'failed';
      break;
    }
    case 'machine': {
      const n = v.nodes.get(r.node)!;
      if (r.ended) n.machines.delete(r.actor);
      else n.machines.set(r.actor, r.to);
      const o = r.op === undefined ? undefined : v.ops.get(r.op);
      if (o) o.phase = r.to;
      break;
    }
    case 'opClose': {
      const o = v.ops.get(r.op);
      if (o) Object.assign(o, { closed: true, acks: r.acks, replicas: r.replicas });
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

/** Everything a view shows, as plain data in its maps' iteration order: equal for equal views. */
export function plain(v: ClusterView | OracleView): unknown {
  return {
    event: v.event,
    timeMs: v.timeMs,
    nodes: [...v.nodes.values()].map((n) => ({
      id: n.id,
      up: n.up,
      wiped: n.wiped,
      skewMs: n.skewMs,
      data: [...n.data],
      tombstonedAt: [...n.tombstonedAt],
      hints: [...n.hints].map(([id, h]) => [id, { ...h }]),
      knownDown: [...n.knownDown],
      machines: [...n.machines],
    })),
    groups: v.groups.map((g) => [...g]),
    cuts: v.cuts.map((c) => ({ ...c })),
    dropRate: v.dropRate,
    inFlight: [...v.inFlight],
    ops: [...v.ops].map(([id, o]) => [id, { ...o }]),
    sessions: [...v.sessions].map(([id, s]) => [id, { ...s }]),
    metrics: { ...v.metrics },
    droppedNow: [...v.droppedNow],
  };
}
