// The coordinator role of a node: takes a client's put/get/delete, fans it
// out to the key's replicas, counts acks against W or replies against R
// within requestTimeoutMs, and repairs stale replicas it read from. One
// long-lived actor per node holds every open request with its phase.

import { setup } from 'xstate';
import type { Delivered, Effect, EffectSink, LifecycleEvent } from './effects';
import { quorumMet, type SentTo, type Unavailable } from './requestText';
import type { Message } from './messages';
import type { Ring } from './ring';
import { localView, replayTo } from './replicaMachine';
import type { Storage } from './storage';
import { toSink } from './sinkAction';
import { transition } from './transition';
import type { ClusterConfig, NodeId } from './types';
import { contextOf, counterOf, EMPTY_VV, isUpToDate, mergeSiblings, valuesOf, type Dot, type Sibling, type VersionVector } from './versions';

export type WritePhase = 'writing' | 'acknowledged' | 'failed';
export type ReadPhase = 'reading' | 'repairing' | 'answered' | 'failed';

interface WriteRequest {
  kind: 'write';
  op: number;
  key: string;
  phase: WritePhase;
  w: number;
  targets: readonly NodeId[];
  /** Substitute → the home node it stands in for (sloppy quorum). */
  hintFor: ReadonlyMap<NodeId, NodeId>;
  acked: Set<NodeId>;
  siblings: readonly Sibling[];
  written: Sibling;
}

interface ReadRequest {
  kind: 'read';
  op: number;
  key: string;
  phase: ReadPhase;
  r: number;
  targets: readonly NodeId[];
  responses: Map<NodeId, readonly Sibling[]>;
  repairing: Set<NodeId>;
  repaired: Set<NodeId>;
  result?: readonly Sibling[];
}

export type Request = WriteRequest | ReadRequest;

export interface CoordinatorInput {
  /** The kernel's sink for this actor's effects. */
  out: EffectSink;
  node: NodeId;
  storage: Storage;
  cluster: ClusterConfig;
  ring: Ring;
}

export interface CoordinatorContext extends CoordinatorInput {
  knownDown: Set<NodeId>;
  /** Where a request for each preference list goes, given `knownDown`:
   *  worked out once per list and forgotten when `knownDown` changes. */
  destinations: Map<readonly NodeId[], SentTo>;
  requests: Map<number, Request>;
  /** Per node, not per process: a module-level counter made hint ids (and so
   *  the trace hash) depend on what ran earlier in the same process. */
  nextHint: number;
}

export type CoordinatorEvent =
  | LifecycleEvent
  | { type: 'CLIENT_WRITE'; op: number; key: string; value: string | null; w: number; context: VersionVector; now: number; clock: number }
  | { type: 'CLIENT_READ'; op: number; key: string; r: number; now: number }
  | Delivered<'writeAck'>
  | Delivered<'readResp'>
  | Delivered<'repairAck'>
  | { type: 'TIMEOUT'; op: number; now: number }
  | { type: 'REPLAY_RETRY'; peer: NodeId; now: number };

type Handler = (ctx: CoordinatorContext, ev: CoordinatorEvent) => Effect[];

const NO_HINTS: ReadonlyMap<NodeId, NodeId> = new Map();

/** Which nodes a request goes to. Strict: every home replica not known
 *  unreachable. Sloppy: the first n nodes of the extended preference list
 *  not known unreachable, substitutes tagged with the home they stand in
 *  for. It depends only on the key's preference list and what this node
 *  knows to be unreachable, so each answer is kept until that changes. */
function chooseReplicas(ctx: CoordinatorContext, key: string): SentTo {
  const homes = ctx.ring.preferenceList(key);
  let sentTo = ctx.destinations.get(homes);
  if (!sentTo) ctx.destinations.set(homes, (sentTo = destinationOf(ctx, key, homes)));
  return sentTo;
}

function destinationOf(ctx: CoordinatorContext, key: string, homes: readonly NodeId[]): SentTo {
  const { ring, cluster, knownDown, node } = ctx;
  const reachable = (x: NodeId) => x === node || !knownDown.has(x);
  const skipped = homes.filter((h) => !reachable(h));
  if (skipped.length === 0) return { targets: homes, skipped, hintFor: NO_HINTS };
  if (!cluster.sloppyQuorum) return { targets: homes.filter(reachable), skipped, hintFor: NO_HINTS };
  const hintFor = new Map<NodeId, NodeId>();
  const targets: NodeId[] = [];
  for (const x of ring.extendedList(key)) {
    if (targets.length >= homes.length) break;
    if (!reachable(x)) continue;
    targets.push(x);
    if (!homes.includes(x) && skipped.length > 0) hintFor.set(x, skipped.shift()!);
  }
  return { targets, skipped, hintFor };
}

/**
 * Refused up front: the coordinator already knows that fewer than `need`
 * of the nodes it would send to are reachable. Nothing is written, sent or
 * hinted. Cassandra's coordinator throws UnavailableException before
 * forwarding anything, and stores no hint when the consistency level cannot
 * be met; Riak's put FSM returns `insufficient_vnodes` when fewer than W
 * primaries and fallbacks are up (riak_kv_put_fsm.erl, `validate`).
 */
function unavailable(ctx: CoordinatorContext, op: number, quorum: 'W' | 'R', need: number, sentTo: SentTo): Effect[] | null {
  if (sentTo.targets.length >= need) return null;
  const reason: Unavailable = { quorum, need, reachable: sentTo.targets, unreachable: sentTo.skipped, sloppy: ctx.cluster.sloppyQuorum };
  return [
    { kind: 'answer', op, status: 'failed', seen: [], values: NO_VALUES, context: EMPTY_VV, reason },
    { kind: 'close', op, acks: 0, replicas: NO_NODES },
  ];
}

const NO_NODES: readonly NodeId[] = [];

const startWrite: Handler = (ctx, ev) => {
  if (ev.type !== 'CLIENT_WRITE') return [];
  const { storage, node, cluster } = ctx;
  const sentTo = chooseReplicas(ctx, ev.key);
  const refused = unavailable(ctx, ev.op, 'W', ev.w, sentTo);
  if (refused) return refused;
  const { targets, skipped, hintFor } = sentTo;
  // A sloppy-quorum coordinator may itself be a substitute: like any
  // substitute it keeps the write apart, as a hint for the home node.
  const standsInFor = hintFor.get(node);
  const storesLocally = targets.includes(node) && standsInFor === undefined;
  const written: Sibling =
    cluster.conflicts === 'lww'
      ? { value: ev.value, writeId: ev.op, ts: ev.clock }
      : { value: ev.value, writeId: ev.op, ts: ev.clock, dot: mintDot(ctx, ev.key, ev.op, counterOf(ev.context, node), storesLocally), past: ev.context };
  const req: WriteRequest = { kind: 'write', op: ev.op, key: ev.key, phase: 'writing', w: ev.w, targets, hintFor, acked: new Set(), siblings: [written], written };
  const effects: Effect[] = [];
  if (storesLocally) {
    storage.apply(ev.key, [written], ev.now, 'write');
    // Ship the coordinator's whole merged copy: in vector mode this carries
    // the concurrent siblings along, so no replica ever holds a newer dot
    // of ours without the older concurrent ones.
    if (cluster.conflicts === 'vector') req.siblings = storage.get(ev.key) ?? [written];
    req.acked.add(node);
  } else if (standsInFor !== undefined && targets.includes(node)) {
    storeHint(ctx, ev.key, standsInFor, [written]);
    req.acked.add(node);
  }
  for (const t of targets) {
    if (t === node) continue;
    const sub = hintFor.get(t);
    // Two literals rather than a spread: a spread builds each message the slow way.
    const msg: Message = sub ? { type: 'write', req: ev.op, key: ev.key, siblings: req.siblings, hintFor: sub } : { type: 'write', req: ev.op, key: ev.key, siblings: req.siblings };
    effects.push({ kind: 'send', to: t, msg });
  }
  // Cassandra-style: hints for home replicas known unreachable are kept by
  // the coordinator, and never count toward W.
  if (cluster.hintedHandoff && !cluster.sloppyQuorum) for (const h of skipped) storeHint(ctx, ev.key, h, [written]);
  ctx.requests.set(ev.op, req);
  effects.push({
    kind: 'phase',
    op: ev.op,
    phase: 'writing',
    detail: sentTo,
  });
  effects.push({ kind: 'timer', key: ev.op, delayMs: cluster.requestTimeoutMs, event: { type: 'TIMEOUT', op: ev.op } });
  progressWrite(ctx, req, effects);
  return effects;
};

/**
 * The dot of a new version (vector mode). A context {n: c} stands for the
 * dots n:1..c, so node n may mint n:c only if the copy it ships along
 * witnesses n:1..c-1: it must store the key, and still hold its earlier dots
 * or versions that superseded them. A coordinator outside the replica set, a
 * sloppy substitute, or a node that lost its copy (wipe, purge) cannot
 * promise that: its write gets a dot of its own, under an actor id used for
 * this write only ("n4/7"; "/" never occurs in a node id).
 */
function mintDot(ctx: CoordinatorContext, key: string, op: number, contextCounter: number, storesLocally: boolean): Dot {
  if (storesLocally) {
    const counter = ctx.storage.nextCounter(key, contextCounter);
    const witnessed = counterOf(contextOf(ctx.storage.get(key) ?? []), ctx.node);
    if (witnessed >= counter - 1) return { node: ctx.node, counter };
  }
  return { node: `${ctx.node}/${op}`, counter: 1 };
}

function storeHint(ctx: CoordinatorContext, key: string, home: NodeId, siblings: readonly Sibling[]): void {
  ctx.storage.addHint({ id: `${ctx.node}@${ctx.nextHint++}`, key, for: home, siblings });
}

function progressWrite(ctx: CoordinatorContext, req: WriteRequest, effects: Effect[]): Effect[] {
  if (req.phase === 'writing' && req.acked.size >= req.w) {
    req.phase = 'acknowledged';
    effects.push(answerWrite(ctx, req));
  }
  // Close early only once W is met: a write every target acked but short of
  // W (too few replicas reachable) still fails, at its timeout.
  if (req.phase === 'acknowledged' && req.acked.size === req.targets.length) closeRequest(ctx, req, effects);
  return effects;
}

/**
 * A write's answer. Under LWW: the value written. In vector mode: every
 * sibling the coordinator shipped (its merged copy, when it stores the key),
 * like a read's answer, and a context covering exactly those. DDIA ch. 5:
 * "the response from a write request can be like a read, returning all
 * current values"; Riak's `returnbody`. A context covering siblings the
 * client was never shown would let its next write erase them unseen.
 */
function answerWrite(ctx: CoordinatorContext, req: WriteRequest): Effect {
  const vector = ctx.cluster.conflicts === 'vector';
  const returned = vector ? req.siblings : [req.written];
  return {
    kind: 'answer',
    op: req.op,
    status: 'ok',
    seen: returned.map((s) => s.writeId),
    values: valuesOf(returned),
    context: vector ? contextOf(returned) : EMPTY_VV,
    reason: quorumMet('W', req.acked.size, req.targets.length, req.w),
  };
}

/** The request is over: forget it, stop its timeout, report what it got.
 *  (Appends to `effects`, as the helpers below do, and returns it.) */
function closeRequest(ctx: CoordinatorContext, req: Request, effects: Effect[]): Effect[] {
  ctx.requests.delete(req.op);
  const acks = req.kind === 'write' ? req.acked.size : req.responses.size;
  effects.push({ kind: 'cancel', key: req.op }, { kind: 'close', op: req.op, acks, replicas: req.targets });
  return effects;
}

const onWriteAck: Handler = (ctx, ev) => {
  if (ev.type !== 'writeAck') return [];
  const req = ctx.requests.get(ev.msg.req);
  if (!req || req.kind !== 'write') return [];
  req.acked.add(ev.from);
  return progressWrite(ctx, req, []);
};

const startRead: Handler = (ctx, ev) => {
  if (ev.type !== 'CLIENT_READ') return [];
  const { node, cluster } = ctx;
  const sentTo = chooseReplicas(ctx, ev.key);
  const refused = unavailable(ctx, ev.op, 'R', ev.r, sentTo);
  if (refused) return refused;
  const { targets } = sentTo;
  const req: ReadRequest = { kind: 'read', op: ev.op, key: ev.key, phase: 'reading', r: ev.r, targets, responses: new Map(), repairing: new Set(), repaired: new Set() };
  ctx.requests.set(ev.op, req);
  const effects: Effect[] = [{ kind: 'phase', op: ev.op, phase: 'reading', detail: sentTo }];
  for (const t of targets) if (t !== node) effects.push({ kind: 'send', to: t, msg: { type: 'read', req: ev.op, key: ev.key } });
  effects.push({ kind: 'timer', key: ev.op, delayMs: cluster.requestTimeoutMs, event: { type: 'TIMEOUT', op: ev.op } });
  if (targets.includes(node)) {
    req.responses.set(node, localView(ctx, ev.key));
    effects.push(...progressRead(ctx, req, ev.now));
  }
  return effects;
};

const onReadResp: Handler = (ctx, ev) => {
  if (ev.type !== 'readResp') return [];
  const req = ctx.requests.get(ev.msg.req);
  if (!req || req.kind !== 'read' || req.responses.has(ev.from)) return [];
  req.responses.set(ev.from, ev.msg.siblings);
  return progressRead(ctx, req, ev.now);
};

const onRepairAck: Handler = (ctx, ev) => {
  if (ev.type !== 'repairAck') return [];
  const req = ctx.requests.get(ev.msg.req);
  if (!req || req.kind !== 'read') return [];
  req.repairing.delete(ev.from);
  req.repaired.add(ev.from);
  return progressRead(ctx, req, ev.now);
};

function newest(ctx: CoordinatorContext, responses: Iterable<readonly Sibling[]>): readonly Sibling[] {
  let merged: readonly Sibling[] = [];
  for (const s of responses) merged = mergeSiblings(ctx.cluster.conflicts, merged, s).siblings;
  return merged;
}

/** Send the newest version to every home replica whose reply was older. A
 *  sloppy-quorum substitute's reply counts toward R but is not repaired: it
 *  holds hints, not the key, and a copy in its data would sit outside every
 *  Merkle tree, never handed off nor deleted, ready to come back as a zombie. */
function repairStale(ctx: CoordinatorContext, req: ReadRequest, result: readonly Sibling[], now: number, effects: Effect[]): Effect[] {
  const homes = ctx.ring.preferenceList(req.key);
  for (const [from, got] of req.responses) {
    if (!homes.includes(from)) continue;
    if (req.repaired.has(from) || req.repairing.has(from) || isUpToDate(ctx.cluster.conflicts, got, result)) continue;
    if (from === ctx.node) {
      ctx.storage.apply(req.key, result, now, 'repair');
      req.repaired.add(from);
    } else {
      req.repairing.add(from);
      effects.push({ kind: 'send', to: from, msg: { type: 'repair', req: req.op, key: req.key, siblings: result } });
    }
    effects.push({ kind: 'count', metric: 'readRepairs', by: 1 });
  }
  return effects;
}

const NO_VALUES: readonly string[] = [];

/** What a read of a sibling list answers: the write ids and the values.
 *  Replicas share the list a write shipped, so most reads of one version
 *  find it here instead of building (and keeping, in the trace) their own. */
const READ_ANSWERS = new WeakMap<readonly Sibling[], { seen: readonly number[]; values: readonly string[] }>();

function answerRead(ctx: CoordinatorContext, req: ReadRequest, result: readonly Sibling[]): Effect {
  let answer = READ_ANSWERS.get(result);
  if (!answer) READ_ANSWERS.set(result, (answer = { seen: result.map((s) => s.writeId), values: valuesOf(result) }));
  return {
    kind: 'answer',
    op: req.op,
    status: 'ok',
    seen: answer.seen,
    values: answer.values,
    context: ctx.cluster.conflicts === 'vector' ? contextOf(result) : EMPTY_VV,
    reason: quorumMet('R', req.responses.size, req.targets.length, req.r, req.responses),
  };
}

function progressRead(ctx: CoordinatorContext, req: ReadRequest, now: number): Effect[] {
  const effects: Effect[] = [];
  const mode = ctx.cluster.readRepair;
  if (req.phase === 'reading' && req.responses.size >= req.r) {
    req.result = newest(ctx, req.responses.values());
    if (mode === 'blocking') {
      repairStale(ctx, req, req.result, now, effects);
      req.phase = 'repairing';
      effects.push({ kind: 'phase', op: req.op, phase: 'repairing', detail: `repairing ${[...req.repairing, ...req.repaired].join(', ') || 'nobody'} before answering` });
    } else {
      req.phase = 'answered';
      effects.push(answerRead(ctx, req, req.result));
      if (mode === 'off') return closeRequest(ctx, req, effects);
    }
  }
  if (req.phase === 'repairing' && req.repairing.size === 0) {
    req.phase = 'answered';
    effects.push(answerRead(ctx, req, req.result!));
  }
  if (req.phase === 'answered' && req.responses.size === req.targets.length) finishRead(ctx, req, now, effects);
  return effects;
}

/** After the answer: with async read repair, bring every stale responder up
 *  to date (late replies included), then close. */
function finishRead(ctx: CoordinatorContext, req: ReadRequest, now: number, effects: Effect[]): Effect[] {
  if (ctx.cluster.readRepair !== 'off') repairStale(ctx, req, newest(ctx, req.responses.values()), now, effects);
  return closeRequest(ctx, req, effects);
}

const onTimeout: Handler = (ctx, ev) => {
  if (ev.type !== 'TIMEOUT') return [];
  const req = ctx.requests.get(ev.op);
  if (!req) return [];
  const effects: Effect[] = [];
  if (req.kind === 'write') {
    if (req.phase === 'writing') {
      req.phase = 'failed';
      effects.push(failure(req.op, `only ${req.acked.size} of ${req.targets.length} acks within ${ctx.cluster.requestTimeoutMs} ms: W = ${req.w} not met`));
    }
    // Replicas that never acked get a hint, as Cassandra's coordinator does.
    // A home this node does not know to be down will never be announced by
    // PEER_UP, so the hint is handed off now (and retried) instead.
    if (ctx.cluster.hintedHandoff && !ctx.cluster.sloppyQuorum) {
      const missing = req.targets.filter((t) => !req.acked.has(t));
      for (const t of missing) storeHint(ctx, req.key, t, [req.written]);
      for (const t of missing) if (!ctx.knownDown.has(t)) effects.push(...replayTo(ctx, t));
    }
    return closeRequest(ctx, req, effects);
  }
  if (req.phase === 'reading') {
    req.phase = 'failed';
    effects.push(failure(req.op, `only ${req.responses.size} of ${req.targets.length} replies within ${ctx.cluster.requestTimeoutMs} ms: R = ${req.r} not met`));
    return closeRequest(ctx, req, effects);
  }
  if (req.phase === 'repairing') {
    req.phase = 'answered';
    effects.push(answerRead(ctx, req, req.result!));
  }
  return finishRead(ctx, req, ev.now, effects);
};

function failure(op: number, reason: string): Effect {
  return { kind: 'answer', op, status: 'failed', seen: [], values: [], context: {}, reason };
}

/** A coordinator that dies drops its open requests: the clients see failures. */
const crash: Handler = (ctx) => {
  const effects: Effect[] = [];
  for (const req of [...ctx.requests.values()].sort((a, b) => a.op - b.op)) {
    const answered = req.phase === 'acknowledged' || req.phase === 'answered';
    if (!answered && req.phase !== 'failed') effects.push(failure(req.op, `coordinator ${ctx.node} went down`));
    closeRequest(ctx, req, effects);
  }
  return effects;
};

/** Retry the hand-off started on a timeout until the home acks (the
 *  replica role deletes acked hints); a home found down waits for PEER_UP. */
const retryReplay: Handler = (ctx, ev) => {
  if (ev.type !== 'REPLAY_RETRY' || ctx.knownDown.has(ev.peer)) return [];
  return replayTo(ctx, ev.peer);
};

const peerUp: Handler = (ctx, ev) => {
  if (ev.type === 'PEER_UP' && ctx.knownDown.delete(ev.peer)) ctx.destinations.clear();
  return [];
};
const peerDown: Handler = (ctx, ev) => {
  if (ev.type === 'PEER_DOWN' && !ctx.knownDown.has(ev.peer)) {
    ctx.knownDown.add(ev.peer);
    ctx.destinations.clear();
  }
  return [];
};
const revive: Handler = (ctx, ev) => {
  if (ev.type === 'REVIVE') {
    ctx.knownDown = new Set(ev.knownDown);
    ctx.destinations.clear();
  }
  return [];
};

const out = (handler: Handler) => toSink(handler);

// One state. Whether the node is up is the replica machine's state (and
// the kernel's, which delivers nothing to a dead node), so KILL and REVIVE
// are plain actions here: KILL ends the open requests, REVIVE takes the
// restarted node's view of its peers. A second state would repeat the
// replica's, and each active state adds to XState's work on every event
// (3 % of the benchmark's instructions; see docs/BENCHMARKS.md).

export const coordinatorMachine = setup({
  types: {
    context: {} as CoordinatorContext,
    events: {} as CoordinatorEvent,
    input: {} as CoordinatorInput,
  },
  actions: {
    startWrite: out(startWrite),
    startRead: out(startRead),
    onWriteAck: out(onWriteAck),
    onReadResp: out(onReadResp),
    onRepairAck: out(onRepairAck),
    onTimeout: out(onTimeout),
    retryReplay: out(retryReplay),
    crash: out(crash),
    peerUp: out(peerUp),
    peerDown: out(peerDown),
    revive: out(revive),
  },
}).createMachine({
  id: 'coordinator',
  context: ({ input }) => ({ ...input, knownDown: new Set<NodeId>(), destinations: new Map<readonly NodeId[], SentTo>(), requests: new Map<number, Request>(), nextHint: 1 }),
  on: {
    CLIENT_WRITE: transition({ actions: 'startWrite' }),
    CLIENT_READ: transition({ actions: 'startRead' }),
    writeAck: transition({ actions: 'onWriteAck' }),
    readResp: transition({ actions: 'onReadResp' }),
    repairAck: transition({ actions: 'onRepairAck' }),
    TIMEOUT: transition({ actions: 'onTimeout' }),
    REPLAY_RETRY: transition({ actions: 'retryReplay' }),
    PEER_UP: transition({ actions: 'peerUp' }),
    PEER_DOWN: transition({ actions: 'peerDown' }),
    KILL: transition({ actions: 'crash' }),
    REVIVE: transition({ actions: 'revive' }),
  },
});
