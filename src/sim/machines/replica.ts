// A node's replica: it stores what it is sent, answers reads from its disk,
// takes repairs and handed-off hints, and hands the hints it holds to their
// home nodes (one hintReplay child per home; the kernel hands a home's
// acks straight to its replay).
//
//   up ──KILL──▶ down ──REVIVE──▶ up
//
// A killed replica drops everything (the kernel also loses messages sent to
// a dead node). Hints are on its disk: a revived node resumes handing them
// over to the homes it can reach.

import { assign, emit, enqueueActions, setup, stopChild, type ActorRefFrom } from 'xstate';
import { replayChildId } from '../hintedHandoff';
import type { NodeId } from '../types';
import { hintReplay } from './hintReplay';
import type { Delivered, DiskView, Effect, Effects, Lifecycle } from './protocol';

export interface ReplicaInput {
  node: NodeId;
  hintedHandoff: boolean;
  requestTimeoutMs: number;
}

export interface ReplicaContext extends ReplicaInput {
  /** Peers this node believes unreachable (its failure detector's view). */
  knownDown: readonly NodeId[];
}

export type ReplicaEvent =
  | Lifecycle
  | Delivered<'write'>
  | Delivered<'read'>
  | Delivered<'repair'>
  | Delivered<'replay'>
  /** Hints for `home` were just kept on this node's disk. */
  | { type: 'HAND_OFF'; home: NodeId; now: number; disk: DiskView };

const effects = (list: Effect[]): Effects => ({ type: 'effects', effects: list });

type Replay = ActorRefFrom<typeof hintReplay>;

export const replica = setup({
  types: {
    input: {} as ReplicaInput,
    context: {} as ReplicaContext,
    events: {} as ReplicaEvent,
    emitted: {} as Effects,
  },
  actors: { hintReplay },
  actions: {
    storeWrite: emit(({ context, event }) => {
      if (event.type !== 'write') return effects([]);
      const { msg, from } = event;
      const ack: Effect = { type: 'send', to: from, msg: { type: 'writeAck', req: msg.req, key: msg.key } };
      // A sloppy-quorum substitute keeps the write apart, as a hint for its
      // home node (Dynamo's "separate local database"), and acks it.
      if (msg.hintFor !== undefined && msg.hintFor !== context.node) {
        const out: Effect[] = [{ type: 'keepHint', key: msg.key, home: msg.hintFor, siblings: msg.siblings }, ack];
        if (!context.knownDown.includes(msg.hintFor)) out.push({ type: 'handOff', home: msg.hintFor });
        return effects(out);
      }
      return effects([{ type: 'store', key: msg.key, siblings: msg.siblings, cause: 'write' }, ack]);
    }),
    answerRead: emit(({ event }) => {
      if (event.type !== 'read') return effects([]);
      return effects([{ type: 'send', to: event.from, msg: { type: 'readResp', req: event.msg.req, key: event.msg.key, siblings: event.disk.viewOf(event.msg.key) } }]);
    }),
    applyRepair: emit(({ event }) => {
      if (event.type !== 'repair') return effects([]);
      return effects([
        { type: 'store', key: event.msg.key, siblings: event.msg.siblings, cause: 'repair' },
        { type: 'send', to: event.from, msg: { type: 'repairAck', req: event.msg.req, key: event.msg.key } },
      ]);
    }),
    applyReplay: emit(({ event }) => {
      if (event.type !== 'replay') return effects([]);
      return effects([
        { type: 'store', key: event.msg.key, siblings: event.msg.siblings, cause: 'replay' },
        { type: 'send', to: event.from, msg: { type: 'replayAck', hint: event.msg.hint, key: event.msg.key } },
      ]);
    }),
    peerDown: assign(({ context, event }) => (event.type === 'PEER_DOWN' && !context.knownDown.includes(event.peer) ? { knownDown: [...context.knownDown, event.peer] } : {})),
    peerUp: assign(({ context, event }) => (event.type === 'PEER_UP' ? { knownDown: context.knownDown.filter((p) => p !== event.peer) } : {})),
    takeRevivedView: assign(({ event }) => (event.type === 'REVIVE' ? { knownDown: event.knownDown } : {})),
    // Hand hints over to a home this node can reach: a replay child per home;
    // one already running takes the new hints.
    handOff: enqueueActions(({ context, event, enqueue, self }) => {
      if (!context.hintedHandoff) return;
      const homes = event.type === 'PEER_UP' ? [event.peer] : event.type === 'HAND_OFF' ? [event.home] : event.type === 'REVIVE' ? event.disk.hintHomes() : [];
      if (event.type !== 'PEER_UP' && event.type !== 'HAND_OFF' && event.type !== 'REVIVE') return;
      for (const home of homes) {
        if (context.knownDown.includes(home)) continue;
        const hints = event.disk.hintsFor(home);
        if (hints.length === 0) continue;
        const running = self.getSnapshot().children[replayChildId(home)] as Replay | undefined;
        if (running && running.getSnapshot().status === 'active') {
          enqueue.sendTo(running, { type: 'MORE', hints, now: event.now });
        } else {
          if (running) enqueue(stopChild(replayChildId(home)));
          enqueue.spawnChild('hintReplay', { id: replayChildId(home), input: { holder: context.node, home, hints, requestTimeoutMs: context.requestTimeoutMs } });
        }
      }
    }),
    pauseReplay: enqueueActions(({ event, enqueue, self }) => {
      if (event.type !== 'PEER_DOWN') return;
      const running = self.getSnapshot().children[replayChildId(event.peer)] as Replay | undefined;
      if (running) enqueue.sendTo(running, { type: 'HOME_UNREACHABLE', now: event.now });
    }),
    crashReplays: enqueueActions(({ event, enqueue, self }) => {
      for (const child of Object.values(self.getSnapshot().children)) enqueue.sendTo(child as Replay, { type: 'CRASH', now: event.now });
    }),
    forgetFinished: enqueueActions(({ event, enqueue }) => {
      const type: string = event.type;
      if (type.startsWith('xstate.done.actor.')) enqueue(stopChild(type.slice('xstate.done.actor.'.length)));
    }),
  },
}).createMachine({
  id: 'replica',
  context: ({ input }) => ({ ...input, knownDown: [] }),
  initial: 'up',
  on: {
    '*': { actions: 'forgetFinished' },
  },
  states: {
    up: {
      on: {
        write: { actions: 'storeWrite' },
        read: { actions: 'answerRead' },
        repair: { actions: 'applyRepair' },
        replay: { actions: 'applyReplay' },
        HAND_OFF: { actions: 'handOff' },
        PEER_UP: { actions: ['peerUp', 'handOff'] },
        PEER_DOWN: { actions: ['peerDown', 'pauseReplay'] },
        KILL: { target: 'down', actions: 'crashReplays' },
      },
    },
    down: {
      on: { REVIVE: { target: 'up', actions: ['takeRevivedView', 'handOff'] } },
    },
  },
});
