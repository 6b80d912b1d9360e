// Handing one home replica the hints a node holds for it, as a machine the
// node's replica spawns once it learns the home is reachable:
//
//   handingOff ──allDelivered──▶ delivered
//      │ ↺ retry (every requestTimeoutMs, resends what is not acked yet)
//      └──homeUnreachable──▶ paused
//
// Each ack deletes its hint from the node's disk. Hints found later for the
// same home join the replay in progress.

import { emit, enqueueActions, setup } from 'xstate';
import { newHints, replayMessage, retryDelayMs } from '../hintedHandoff';
import type { Hint } from '../storage';
import type { NodeId } from '../types';
import type { Delivered, Effect, Effects } from './protocol';

export interface ReplayInput {
  holder: NodeId;
  home: NodeId;
  hints: readonly Hint[];
  requestTimeoutMs: number;
}

export interface ReplayContext extends ReplayInput {
  /** Hints sent and not acknowledged yet. */
  pending: readonly Hint[];
}

export type ReplayEvent = Delivered<'replayAck'> | { type: 'MORE'; hints: readonly Hint[]; now: number } | { type: 'HOME_UNREACHABLE'; now: number } | { type: 'CRASH'; now: number };

const effects = (list: Effect[]): Effects => ({ type: 'effects', effects: list });
const sends = (home: NodeId, hints: readonly Hint[]): Effect[] => hints.map((h) => ({ type: 'send', to: home, msg: replayMessage(h) }));

export const hintReplay = setup({
  types: {
    input: {} as ReplayInput,
    context: {} as ReplayContext,
    events: {} as ReplayEvent,
    emitted: {} as Effects,
  },
  guards: {
    allDelivered: ({ context }) => context.pending.length === 0,
  },
  delays: {
    retry: ({ context }) => retryDelayMs(context.requestTimeoutMs),
  },
  actions: {
    sendPending: emit(({ context }) => effects(sends(context.home, context.pending))),
    // An ack deletes its hint from the disk.
    acknowledge: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'replayAck' || !context.pending.some((h) => h.id === event.msg.hint)) return;
      enqueue.assign({ pending: context.pending.filter((h) => h.id !== event.msg.hint) });
      enqueue.emit(effects([{ type: 'dropHint', id: event.msg.hint }]));
    }),
    addHints: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'MORE') return;
      const added = newHints(context.pending, event.hints);
      if (added.length === 0) return;
      enqueue.assign({ pending: [...context.pending, ...added] });
      enqueue.emit(effects(sends(context.home, added)));
    }),
  },
}).createMachine({
  id: 'replay',
  context: ({ input }) => ({ ...input, pending: input.hints }),
  initial: 'handingOff',
  states: {
    handingOff: {
      entry: 'sendPending',
      always: { guard: 'allDelivered', target: 'delivered' },
      on: {
        replayAck: { actions: 'acknowledge' },
        MORE: { actions: 'addHints' },
        HOME_UNREACHABLE: { target: 'paused' },
        CRASH: { target: 'paused' },
      },
      after: { retry: { target: 'handingOff', reenter: true } },
    },
    delivered: { type: 'final' },
    paused: { type: 'final' },
  },
});
