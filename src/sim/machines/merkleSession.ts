// One anti-entropy session between two replicas, on each side, as its own
// machine (spawned by the node's anti-entropy role):
//
//   opening ──noSharedRanges──▶ done
//      └──▶ comparingLevel ──equal──▶ done
//               │ ↺ childrenDiffer (one level further down)
//               ├──leaves differ──▶ syncing ──their keys──▶ done
//               ├──their keys──▶ done
//               └──timedOut / crash──▶ abandoned
//
// The initiator opens with its root hashes; each side answers the other's
// hashes of one level with its own hashes of the children that differ. The
// side that reaches the leaves sends its keys there and waits (`syncing`);
// the other keeps what it lacked and answers with what the first lacked.

import { enqueueActions, setup } from 'xstate';
import { childHashes, differing, leafEntries, peerLacks, takeEntries } from '../antiEntropy';
import type { MerkleNodeHash } from '../messages';
import type { ConflictMode, NodeId } from '../types';
import type { Delivered, DiskView, Effect, Effects, SessionOutcome } from './protocol';

export interface SessionInput {
  session: string;
  node: NodeId;
  peer: NodeId;
  initiator: boolean;
  /** Key ranges both replicate (each has a tree on both sides). */
  ranges: readonly number[];
  /** The initiator's root hashes, read from its disk when it opened. */
  roots: readonly MerkleNodeHash[];
  depth: number;
  conflicts: ConflictMode;
  timeoutMs: number;
}

export type SessionContext = SessionInput;

export type SessionEvent = Delivered<'merkle'> | Delivered<'sync'> | { type: 'CRASH'; now: number };

const effects = (list: Effect[]): Effects => ({ type: 'effects', effects: list });
const end = (ctx: SessionContext, outcome: SessionOutcome): Effect => ({ type: 'sessionEnd', session: ctx.session, peer: ctx.peer, outcome });

/** The peer's hashes of one level, compared with ours. */
function compare(disk: DiskView, msg: Extract<Delivered<'merkle'>, object>['msg']): MerkleNodeHash[] {
  return differing(disk, msg.level, msg.nodes);
}

export const merkleSession = setup({
  types: {
    input: {} as SessionInput,
    context: {} as SessionContext,
    events: {} as SessionEvent,
    emitted: {} as Effects,
  },
  guards: {
    responder: ({ context }) => !context.initiator,
    noSharedRanges: ({ context }) => context.ranges.length === 0,
    equal: ({ event }) => event.type === 'merkle' && compare(event.disk, event.msg).length === 0,
    childrenDiffer: ({ context, event }) => event.type === 'merkle' && event.msg.level < context.depth,
  },
  delays: {
    timeout: ({ context }) => context.timeoutMs,
  },
  actions: {
    open: enqueueActions(({ context, enqueue }) => {
      enqueue.emit(
        effects([
          { type: 'sessionStart', session: context.session, peer: context.peer },
          { type: 'count', metric: 'antiEntropySessions', by: 1 },
          { type: 'send', to: context.peer, msg: { type: 'merkle', session: context.session, level: 0, nodes: context.roots } },
        ]),
      );
    }),
    endNoRanges: enqueueActions(({ context, enqueue }) => {
      enqueue.emit(effects([{ type: 'sessionStart', session: context.session, peer: context.peer }, { type: 'count', metric: 'antiEntropySessions', by: 1 }, end(context, { kind: 'noRanges' })]));
    }),
    // Trees equal where the peer looked: tell it, and stop.
    sayEqual: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'merkle') return;
      enqueue.emit(
        effects([
          { type: 'count', metric: 'merkleHashesCompared', by: event.msg.nodes.length },
          { type: 'send', to: context.peer, msg: { type: 'sync', session: context.session, leaves: [], entries: [], final: true } },
          end(context, { kind: 'equal' }),
        ]),
      );
    }),
    // One level further down: our hashes of the children that differ.
    descend: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'merkle') return;
      const nodes = childHashes(event.disk, event.msg.level, compare(event.disk, event.msg));
      enqueue.emit(
        effects([
          { type: 'count', metric: 'merkleHashesCompared', by: event.msg.nodes.length },
          { type: 'send', to: context.peer, msg: { type: 'merkle', session: context.session, level: event.msg.level + 1, nodes } },
        ]),
      );
    }),
    // At the leaves: send our keys in the leaves that differ.
    sendLeaves: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'merkle') return;
      const leaves = compare(event.disk, event.msg).map((d) => ({ range: d.range, index: d.index }));
      const entries = leafEntries(event.disk, leaves);
      enqueue.emit(
        effects([
          { type: 'count', metric: 'merkleHashesCompared', by: event.msg.nodes.length },
          { type: 'send', to: context.peer, msg: { type: 'sync', session: context.session, leaves, entries, final: false } },
          { type: 'count', metric: 'keysSent', by: entries.length },
        ]),
      );
    }),
    // Their keys: keep what we lacked or held older; answer (unless this was
    // their answer) with what they lack.
    takeKeys: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'sync') return;
      const { writes, synced } = takeEntries(context.conflicts, event.disk, event.msg.entries);
      const out: Effect[] = [...writes];
      if (synced > 0) out.push({ type: 'count', metric: 'keysSynced', by: synced });
      if (!event.msg.final) {
        const reply = peerLacks(context.conflicts, event.disk, event.msg.leaves, event.msg.entries);
        out.push(
          { type: 'send', to: context.peer, msg: { type: 'sync', session: context.session, leaves: event.msg.leaves, entries: reply, final: true } },
          { type: 'count', metric: 'keysSent', by: reply.length },
        );
      }
      out.push(end(context, { kind: 'took', keys: synced }));
      enqueue.emit(effects(out));
    }),
    abandon: enqueueActions(({ context, event, enqueue }) => {
      enqueue.emit(effects([end(context, event.type === 'CRASH' ? { kind: 'crashed' } : { kind: 'abandoned', peer: context.peer, afterMs: context.timeoutMs })]));
    }),
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => input,
  initial: 'opening',
  states: {
    opening: {
      always: [
        { guard: 'responder', target: 'comparingLevel' },
        { guard: 'noSharedRanges', target: 'done', actions: 'endNoRanges' },
        { target: 'comparingLevel', actions: 'open' },
      ],
    },
    comparingLevel: {
      on: {
        merkle: [
          { guard: 'equal', target: 'done', actions: 'sayEqual' },
          { guard: 'childrenDiffer', target: 'comparingLevel', reenter: true, actions: 'descend' },
          { target: 'syncing', actions: 'sendLeaves' },
        ],
        sync: { target: 'done', actions: 'takeKeys' },
        CRASH: { target: 'abandoned', actions: 'abandon' },
      },
      after: { timeout: { target: 'abandoned', actions: 'abandon' } },
    },
    syncing: {
      on: {
        sync: { target: 'done', actions: 'takeKeys' },
        CRASH: { target: 'abandoned', actions: 'abandon' },
      },
      after: { timeout: { target: 'abandoned', actions: 'abandon' } },
    },
    done: { type: 'final' },
    abandoned: { type: 'final' },
  },
});
