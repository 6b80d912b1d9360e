// A replica: stores what it is sent, answers reads, and hands hints back to
// their home node once it learns that node is reachable again. One long-lived
// actor per node; `down` drops everything (the kernel also loses messages
// addressed to a dead node before they get here).

import { setup } from 'xstate';
import type { Delivered, Effect, EffectSink, LifecycleEvent } from './effects';
import type { Storage } from './storage';
import { toSink } from './sinkAction';
import { transition } from './transition';
import type { ClusterConfig, NodeId } from './types';
import { mergeSiblings, type Sibling } from './versions';

export interface ReplicaInput {
  /** The kernel's sink for this actor's effects. */
  out: EffectSink;
  node: NodeId;
  storage: Storage;
  cluster: ClusterConfig;
}

export interface ReplicaContext extends ReplicaInput {
  knownDown: Set<NodeId>;
  nextHint: number;
}

export type ReplicaEvent =
  | LifecycleEvent
  | Delivered<'write'>
  | Delivered<'read'>
  | Delivered<'repair'>
  | Delivered<'replay'>
  | Delivered<'replayAck'>
  | { type: 'REPLAY_RETRY'; peer: NodeId; now: number };

type Handler = (ctx: ReplicaContext, ev: ReplicaEvent) => Effect[];

const storeWrite: Handler = (ctx, ev) => {
  if (ev.type !== 'write') return [];
  const { msg } = ev;
  if (msg.hintFor !== undefined && msg.hintFor !== ctx.node) {
    // A sloppy-quorum substitute keeps the write apart, as a hint for its
    // home node (Dynamo's "separate local database"), and acks it.
    const id = `${ctx.node}#${ctx.nextHint++}`;
    ctx.storage.addHint({ id, key: msg.key, for: msg.hintFor, siblings: msg.siblings });
    const effects: Effect[] = [{ kind: 'send', to: ev.from, msg: { type: 'writeAck', req: msg.req, key: msg.key } }];
    if (!ctx.knownDown.has(msg.hintFor)) effects.push(...replayTo(ctx, msg.hintFor));
    return effects;
  }
  ctx.storage.apply(msg.key, msg.siblings, ev.now, 'write');
  return [{ kind: 'send', to: ev.from, msg: { type: 'writeAck', req: msg.req, key: msg.key } }];
};

const answerRead: Handler = (ctx, ev) => {
  if (ev.type !== 'read') return [];
  return [{ kind: 'send', to: ev.from, msg: { type: 'readResp', req: ev.msg.req, key: ev.msg.key, siblings: localView(ctx, ev.msg.key) } }];
};

const applyRepair: Handler = (ctx, ev) => {
  if (ev.type !== 'repair') return [];
  ctx.storage.apply(ev.msg.key, ev.msg.siblings, ev.now, 'repair');
  return [{ kind: 'send', to: ev.from, msg: { type: 'repairAck', req: ev.msg.req, key: ev.msg.key } }];
};

const applyReplay: Handler = (ctx, ev) => {
  if (ev.type !== 'replay') return [];
  ctx.storage.apply(ev.msg.key, ev.msg.siblings, ev.now, 'replay');
  return [{ kind: 'send', to: ev.from, msg: { type: 'replayAck', hint: ev.msg.hint, key: ev.msg.key } }];
};

const dropDeliveredHint: Handler = (ctx, ev) => {
  if (ev.type !== 'replayAck') return [];
  const hint = ctx.storage.hints.get(ev.msg.hint);
  ctx.storage.removeHint(ev.msg.hint, true);
  if (hint && ctx.storage.hintsFor(hint.for).length === 0) return [{ kind: 'cancel', key: `replay:${hint.for}` }];
  return [];
};

const peerUp: Handler = (ctx, ev) => {
  if (ev.type !== 'PEER_UP') return [];
  ctx.knownDown.delete(ev.peer);
  return replayTo(ctx, ev.peer);
};

const peerDown: Handler = (ctx, ev) => {
  if (ev.type !== 'PEER_DOWN') return [];
  ctx.knownDown.add(ev.peer);
  return [{ kind: 'cancel', key: `replay:${ev.peer}` }];
};

const retryReplay: Handler = (ctx, ev) => {
  if (ev.type !== 'REPLAY_RETRY' || ctx.knownDown.has(ev.peer)) return [];
  return replayTo(ctx, ev.peer);
};

const revive: Handler = (ctx, ev) => {
  if (ev.type !== 'REVIVE') return [];
  ctx.knownDown = new Set(ev.knownDown);
  // Hints survive a restart (they are on disk): resume handing them off.
  const homes = [...new Set([...ctx.storage.hints.values()].map((h) => h.for))].sort();
  return homes.filter((h) => !ctx.knownDown.has(h)).flatMap((h) => replayTo(ctx, h));
};

/** Send every hint held for `home`, and retry until each is acknowledged.
 *  (The coordinator role uses it too, for hints it stores on a timeout.) */
function replayTo(ctx: { storage: Storage; cluster: ClusterConfig }, home: NodeId): Effect[] {
  if (!ctx.cluster.hintedHandoff) return [];
  const hints = ctx.storage.hintsFor(home);
  if (hints.length === 0) return [];
  const effects: Effect[] = hints.map((h) => ({
    kind: 'send' as const,
    to: home,
    msg: { type: 'replay' as const, hint: h.id, key: h.key, siblings: h.siblings },
  }));
  // At least 1 ms: with requestTimeoutMs 0 (a valid setting) the retry would
  // fire again at the same instant forever, before any ack could arrive.
  effects.push({ kind: 'timer', key: `replay:${home}`, delayMs: Math.max(1, ctx.cluster.requestTimeoutMs), event: { type: 'REPLAY_RETRY', peer: home } });
  return effects;
}

/** What this node can say about a key: its data, plus any hinted copies it
 *  holds as a sloppy-quorum substitute (they count toward R as they did W). */
function localView(ctx: { storage: Storage; cluster: ClusterConfig }, key: string): readonly Sibling[] {
  let view = ctx.storage.get(key) ?? [];
  for (const h of ctx.storage.hintsForKey(key)) view = mergeSiblings(ctx.cluster.conflicts, view, h.siblings).siblings;
  return view;
}

const out = (handler: Handler) => toSink(handler);

export const replicaMachine = setup({
  types: {
    context: {} as ReplicaContext,
    events: {} as ReplicaEvent,
    input: {} as ReplicaInput,
  },
  actions: {
    storeWrite: out(storeWrite),
    answerRead: out(answerRead),
    applyRepair: out(applyRepair),
    applyReplay: out(applyReplay),
    dropDeliveredHint: out(dropDeliveredHint),
    peerUp: out(peerUp),
    peerDown: out(peerDown),
    retryReplay: out(retryReplay),
    revive: out(revive),
  },
}).createMachine({
  id: 'replica',
  context: ({ input }) => ({ ...input, knownDown: new Set<NodeId>(), nextHint: 1 }),
  initial: 'up',
  states: {
    up: {
      on: {
        write: transition({ actions: 'storeWrite' }),
        read: transition({ actions: 'answerRead' }),
        repair: transition({ actions: 'applyRepair' }),
        replay: transition({ actions: 'applyReplay' }),
        replayAck: transition({ actions: 'dropDeliveredHint' }),
        PEER_UP: transition({ actions: 'peerUp' }),
        PEER_DOWN: transition({ actions: 'peerDown' }),
        REPLAY_RETRY: transition({ actions: 'retryReplay' }),
        KILL: transition({ target: 'down' }),
      },
    },
    down: {
      on: { REVIVE: transition({ target: 'up', actions: 'revive' }) },
    },
  },
});

export { localView, replayTo };
