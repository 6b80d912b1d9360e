// Anti-entropy: a session between two replicas compares their Merkle trees
// top-down — the two sides take turns, each sending its hashes of the nodes
// that still differ, one level per message — and then exchanges only the
// keys in differing leaves, both ways. One long-lived actor per node holds
// its open sessions with their phase.

import { setup } from 'xstate';
import type { Delivered, Effect, EffectSink, LifecycleEvent } from './effects';
import { childrenOf } from './merkle';
import type { MerkleLeaf, MerkleNodeHash, SyncEntry } from './messages';
import type { Ring } from './ring';
import type { Storage } from './storage';
import { toSink } from './sinkAction';
import { transition } from './transition';
import type { ClusterConfig, NodeId } from './types';
import { isUpToDate } from './versions';

export type SessionPhase = 'comparing' | 'syncing';

interface Session {
  id: string;
  peer: NodeId;
  initiator: boolean;
  phase: SessionPhase;
  level: number;
}

export interface AntiEntropyInput {
  /** The kernel's sink for this actor's effects. */
  out: EffectSink;
  node: NodeId;
  storage: Storage;
  cluster: ClusterConfig;
  ring: Ring;
}

export interface AntiEntropyContext extends AntiEntropyInput {
  knownDown: Set<NodeId>;
  sessions: Map<string, Session>;
  nextSession: number;
  /** Round-robin position among the peers this node shares ranges with. */
  nextPeer: number;
}

export type AntiEntropyEvent =
  | LifecycleEvent
  | { type: 'START_SESSION'; peer: NodeId; now: number }
  | { type: 'AE_TICK'; now: number }
  | { type: 'SESSION_TIMEOUT'; session: string; now: number }
  | Delivered<'merkle'>
  | Delivered<'sync'>;

type Handler = (ctx: AntiEntropyContext, ev: AntiEntropyEvent) => Effect[];

function sharedRanges(ctx: AntiEntropyContext, peer: NodeId): number[] {
  return ctx.ring.ranges.filter((r) => r.replicas.includes(ctx.node) && r.replicas.includes(peer)).map((r) => r.index);
}

function armTimeout(ctx: AntiEntropyContext, id: string): Effect {
  return { kind: 'timer', key: `ae:${id}`, delayMs: ctx.cluster.requestTimeoutMs, event: { type: 'SESSION_TIMEOUT', session: id } };
}

function open(ctx: AntiEntropyContext, peer: NodeId): Effect[] {
  const id = `${ctx.node}:${ctx.nextSession++}`;
  const ranges = sharedRanges(ctx, peer);
  const effects: Effect[] = [
    { kind: 'session', session: id, peer, phase: 'start' },
    { kind: 'count', metric: 'antiEntropySessions', by: 1 },
  ];
  if (ranges.length === 0) return [...effects, { kind: 'session', session: id, peer, phase: 'end', outcome: 'no key ranges in common' }];
  ctx.sessions.set(id, { id, peer, initiator: true, phase: 'comparing', level: 0 });
  const nodes = ranges.map((range) => ({ range, index: 0, hash: ctx.storage.tree(range)?.root() ?? 0 }));
  effects.push({ kind: 'send', to: peer, msg: { type: 'merkle', session: id, level: 0, nodes } }, armTimeout(ctx, id));
  return effects;
}

const startSession: Handler = (ctx, ev) => (ev.type === 'START_SESSION' ? open(ctx, ev.peer) : []);

const tick: Handler = (ctx, ev) => {
  if (ev.type !== 'AE_TICK') return [];
  const effects: Effect[] = [{ kind: 'timer', key: 'ae-tick', delayMs: ctx.cluster.antiEntropy.intervalMs, event: { type: 'AE_TICK' }, background: true }];
  const peers = ctx.ring.nodes.filter((p) => p !== ctx.node && sharedRanges(ctx, p).length > 0);
  for (let i = 0; i < peers.length; i++) {
    const peer = peers[(ctx.nextPeer + i) % peers.length]!;
    if (ctx.knownDown.has(peer)) continue;
    ctx.nextPeer = (ctx.nextPeer + i + 1) % peers.length;
    return [...effects, ...open(ctx, peer)];
  }
  return effects;
};

function end(ctx: AntiEntropyContext, s: Session, outcome: string): Effect[] {
  ctx.sessions.delete(s.id);
  return [
    { kind: 'cancel', key: `ae:${s.id}` },
    { kind: 'session', session: s.id, peer: s.peer, phase: 'end', outcome },
  ];
}

function entriesIn(ctx: AntiEntropyContext, leaves: readonly MerkleLeaf[]): SyncEntry[] {
  const out: SyncEntry[] = [];
  for (const leaf of leaves) {
    for (const key of ctx.storage.keysInLeaf(leaf.range, leaf.index)) {
      const siblings = ctx.storage.get(key);
      if (siblings) out.push({ key, siblings });
    }
  }
  return out;
}

const onMerkle: Handler = (ctx, ev) => {
  if (ev.type !== 'merkle') return [];
  const { msg, from } = ev;
  let s = ctx.sessions.get(msg.session);
  if (!s) {
    s = { id: msg.session, peer: from, initiator: false, phase: 'comparing', level: msg.level };
    ctx.sessions.set(s.id, s);
  }
  s.level = msg.level;
  const differing = msg.nodes.filter((n) => (ctx.storage.tree(n.range)?.hash(msg.level, n.index) ?? 0) !== n.hash);
  const effects: Effect[] = [{ kind: 'count', metric: 'merkleHashesCompared', by: msg.nodes.length }];
  if (differing.length === 0) {
    effects.push({ kind: 'send', to: from, msg: { type: 'sync', session: s.id, leaves: [], entries: [], final: true } });
    return [...effects, ...end(ctx, s, 'trees already equal')];
  }
  if (msg.level < ctx.cluster.antiEntropy.merkleDepth) {
    const nodes: MerkleNodeHash[] = [];
    for (const d of differing) {
      for (const index of childrenOf(d.index)) nodes.push({ range: d.range, index, hash: ctx.storage.tree(d.range)?.hash(msg.level + 1, index) ?? 0 });
    }
    effects.push({ kind: 'send', to: from, msg: { type: 'merkle', session: s.id, level: msg.level + 1, nodes } }, armTimeout(ctx, s.id));
    return effects;
  }
  s.phase = 'syncing';
  const leaves = differing.map((d) => ({ range: d.range, index: d.index }));
  const entries = entriesIn(ctx, leaves);
  effects.push(
    { kind: 'send', to: from, msg: { type: 'sync', session: s.id, leaves, entries, final: false } },
    { kind: 'count', metric: 'keysSent', by: entries.length },
    armTimeout(ctx, s.id),
  );
  return effects;
};

const onSync: Handler = (ctx, ev) => {
  if (ev.type !== 'sync') return [];
  const { msg, from } = ev;
  const mode = ctx.cluster.conflicts;
  let synced = 0;
  for (const e of msg.entries) if (ctx.storage.apply(e.key, e.siblings, ev.now, 'sync')) synced++;
  const effects: Effect[] = synced > 0 ? [{ kind: 'count', metric: 'keysSynced', by: synced }] : [];
  const s = ctx.sessions.get(msg.session) ?? { id: msg.session, peer: from, initiator: false, phase: 'syncing' as const, level: 0 };
  if (!msg.final) {
    // Send back only what the peer lacks or holds an older version of.
    const theirs = new Map(msg.entries.map((e) => [e.key, e.siblings]));
    const reply = entriesIn(ctx, msg.leaves).filter((e) => !isUpToDate(mode, theirs.get(e.key), e.siblings));
    effects.push(
      { kind: 'send', to: from, msg: { type: 'sync', session: s.id, leaves: msg.leaves, entries: reply, final: true } },
      { kind: 'count', metric: 'keysSent', by: reply.length },
    );
  }
  // Each side ends the session with what it took itself; the views add the two up.
  return [...effects, ...end(ctx, s, `${ctx.node} took ${synced} key${synced === 1 ? '' : 's'}`)];
};

const onTimeout: Handler = (ctx, ev) => {
  if (ev.type !== 'SESSION_TIMEOUT') return [];
  const s = ctx.sessions.get(ev.session);
  return s ? end(ctx, s, `abandoned: no reply from ${s.peer} within ${ctx.cluster.requestTimeoutMs} ms`) : [];
};

const crash: Handler = (ctx) => [...ctx.sessions.values()].flatMap((s) => end(ctx, s, 'aborted: node went down'));

const revive: Handler = (ctx, ev) => {
  if (ev.type !== 'REVIVE') return [];
  ctx.knownDown = new Set(ev.knownDown);
  const every = ctx.cluster.antiEntropy.intervalMs;
  return every > 0 ? [{ kind: 'timer', key: 'ae-tick', delayMs: every, event: { type: 'AE_TICK' }, background: true }] : [];
};

const peerUp: Handler = (ctx, ev) => {
  if (ev.type === 'PEER_UP') ctx.knownDown.delete(ev.peer);
  return [];
};
const peerDown: Handler = (ctx, ev) => {
  if (ev.type === 'PEER_DOWN') ctx.knownDown.add(ev.peer);
  return [];
};

const out = (handler: Handler) => toSink(handler);

// One state. Whether the node is up is the replica machine's state (and
// the kernel's, which delivers nothing to a dead node), so KILL and REVIVE
// are plain actions here: KILL ends the open sessions, REVIVE takes the
// restarted node's view of its peers. A second state would repeat the
// replica's, and each active state adds to XState's work on every event
// (3 % of the benchmark's instructions; see docs/BENCHMARKS.md).

export const antiEntropyMachine = setup({
  types: {
    context: {} as AntiEntropyContext,
    events: {} as AntiEntropyEvent,
    input: {} as AntiEntropyInput,
  },
  actions: {
    startSession: out(startSession),
    tick: out(tick),
    onMerkle: out(onMerkle),
    onSync: out(onSync),
    onTimeout: out(onTimeout),
    crash: out(crash),
    revive: out(revive),
    peerUp: out(peerUp),
    peerDown: out(peerDown),
  },
}).createMachine({
  id: 'antiEntropy',
  context: ({ input }) => ({ ...input, knownDown: new Set<NodeId>(), sessions: new Map<string, Session>(), nextSession: 1, nextPeer: 0 }),
  on: {
    START_SESSION: transition({ actions: 'startSession' }),
    AE_TICK: transition({ actions: 'tick' }),
    merkle: transition({ actions: 'onMerkle' }),
    sync: transition({ actions: 'onSync' }),
    SESSION_TIMEOUT: transition({ actions: 'onTimeout' }),
    PEER_UP: transition({ actions: 'peerUp' }),
    PEER_DOWN: transition({ actions: 'peerDown' }),
    KILL: transition({ actions: 'crash' }),
    REVIVE: transition({ actions: 'revive' }),
  },
});
