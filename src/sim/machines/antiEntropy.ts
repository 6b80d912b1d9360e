// The anti-entropy role of a node: it opens a Merkle session with a peer
// when told to (a `repair` step, or the periodic tick the operator's
// scheduler sends), picking peers in turn and skipping those it knows
// unreachable, and it takes part in sessions other nodes open with it. Each
// session is a child machine (merkleSession.ts), `ae-<session>`.
//
//   up ──KILL──▶ down ──REVIVE──▶ up

import { assign, enqueueActions, setup, stopChild, type AnyActorRef } from 'xstate';
import { rootHashes } from '../antiEntropy';
import type { ConflictMode, NodeId } from '../types';
import { merkleSession, type SessionInput } from './merkleSession';
import type { Delivered, DiskView, Lifecycle } from './protocol';

export interface AntiEntropyInput {
  node: NodeId;
  /** Peers that share key ranges with this node, in ring order, and the ranges. */
  peers: readonly NodeId[];
  shared: Readonly<Record<NodeId, readonly number[]>>;
  depth: number;
  conflicts: ConflictMode;
  timeoutMs: number;
}

export interface AntiEntropyContext extends AntiEntropyInput {
  knownDown: readonly NodeId[];
  nextSession: number;
  /** Round-robin position among `peers`. */
  nextPeer: number;
}

export type AntiEntropyEvent =
  | Lifecycle
  | { type: 'START_SESSION'; peer: NodeId; now: number; disk: DiskView }
  | { type: 'AE_TICK'; now: number; disk: DiskView }
  /** The first message of a session another node opened. */
  | Delivered<'merkle'>;

export const sessionId = (session: string): string => `ae-${session}`;

function opened(ctx: AntiEntropyContext, peer: NodeId, disk: DiskView): SessionInput {
  const ranges = ctx.shared[peer] ?? [];
  return {
    session: `${ctx.node}:${ctx.nextSession}`,
    node: ctx.node,
    peer,
    initiator: true,
    ranges,
    roots: rootHashes(disk, ranges),
    depth: ctx.depth,
    conflicts: ctx.conflicts,
    timeoutMs: ctx.timeoutMs,
  };
}

export const antiEntropy = setup({
  types: {
    input: {} as AntiEntropyInput,
    context: {} as AntiEntropyContext,
    events: {} as AntiEntropyEvent,
  },
  actors: { merkleSession },
  actions: {
    open: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'START_SESSION') return;
      const input = opened(context, event.peer, event.disk);
      enqueue.assign({ nextSession: context.nextSession + 1 });
      enqueue.spawnChild('merkleSession', { id: sessionId(input.session), input });
    }),
    // The next peer in turn that this node does not know to be unreachable,
    // one exchange at a time: while a session this node opened is still
    // running, the tick waits for the next one (Riak's active anti-entropy
    // limits concurrent exchanges, `anti_entropy_concurrency`). Without it
    // an interval shorter than a session piles sessions up without bound.
    // (A check of the children here, not a guard: guards see no children.)
    tick: enqueueActions(({ context, event, enqueue, self }) => {
      if (event.type !== 'AE_TICK') return;
      const mine = sessionId(`${context.node}:`);
      const children: Record<string, AnyActorRef | undefined> = self.getSnapshot().children;
      const open = (child: AnyActorRef | undefined): boolean => (child?.getSnapshot() as { status?: string } | undefined)?.status === 'active';
      if (Object.entries(children).some(([id, child]) => id.startsWith(mine) && open(child))) return;
      const n = context.peers.length;
      for (let i = 0; i < n; i++) {
        const peer = context.peers[(context.nextPeer + i) % n]!;
        if (context.knownDown.includes(peer)) continue;
        const input = opened(context, peer, event.disk);
        enqueue.assign({ nextSession: context.nextSession + 1, nextPeer: (context.nextPeer + i + 1) % n });
        enqueue.spawnChild('merkleSession', { id: sessionId(input.session), input });
        return;
      }
    }),
    // Another node opened a session with this one: take part in it. (The
    // kernel then hands the opening message to the new session.)
    join: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'merkle') return;
      const input: SessionInput = {
        session: event.msg.session,
        node: context.node,
        peer: event.from,
        initiator: false,
        ranges: context.shared[event.from] ?? [],
        roots: [],
        depth: context.depth,
        conflicts: context.conflicts,
        timeoutMs: context.timeoutMs,
      };
      enqueue.spawnChild('merkleSession', { id: sessionId(event.msg.session), input });
    }),
    peerDown: assign(({ context, event }) => (event.type === 'PEER_DOWN' && !context.knownDown.includes(event.peer) ? { knownDown: [...context.knownDown, event.peer] } : {})),
    peerUp: assign(({ context, event }) => (event.type === 'PEER_UP' ? { knownDown: context.knownDown.filter((p) => p !== event.peer) } : {})),
    takeRevivedView: assign(({ event }) => (event.type === 'REVIVE' ? { knownDown: event.knownDown } : {})),
    crashSessions: enqueueActions(({ event, enqueue, self }) => {
      for (const child of Object.values(self.getSnapshot().children)) enqueue.sendTo(child as AnyActorRef, { type: 'CRASH', now: event.now });
    }),
    forgetFinished: enqueueActions(({ event, enqueue }) => {
      const type: string = event.type;
      if (type.startsWith('xstate.done.actor.')) enqueue(stopChild(type.slice('xstate.done.actor.'.length)));
    }),
  },
}).createMachine({
  id: 'antiEntropy',
  context: ({ input }) => ({ ...input, knownDown: [], nextSession: 1, nextPeer: 0 }),
  initial: 'up',
  on: {
    '*': { actions: 'forgetFinished' },
  },
  states: {
    up: {
      on: {
        START_SESSION: { actions: 'open' },
        AE_TICK: { actions: 'tick' },
        merkle: { actions: 'join' },
        PEER_UP: { actions: 'peerUp' },
        PEER_DOWN: { actions: 'peerDown' },
        KILL: { target: 'down', actions: 'crashSessions' },
      },
    },
    down: {
      on: { REVIVE: { target: 'up', actions: 'takeRevivedView' } },
    },
  },
});
