// A read as its own machine, spawned by the node that coordinates it:
//
//   sending ──unavailable──────────────────────────────────────▶ failed
//      └──▶ collecting ──repairFirst (R met, blocking, some stale)──▶ repairing
//               │  └──quorumMet──▶ answered ◀──repairsDone───────────┘
//               └──timedOut──▶ failed   └──allAnswered / timedOut──▶ closed
//
// It asks every target, answers the client with the newest of the first R
// replies, and repairs the home replicas whose copy was older (read
// repair). The cluster's mode decides when: `blocking` repairs the stale
// replicas among the first R replies before it answers (DDIA: what makes a
// Dynamo-style read linearizable), `async` after, once every reply is in or
// the timeout fires, `off` never.

import { assign, emit, enqueueActions, setup } from 'xstate';
import { allAnswered, quorumMet, unavailable, type Plan } from '../quorum';
import { newest, staleResponders } from '../readRepair';
import type { ConflictMode, NodeId, ReadRepairMode } from '../types';
import { contextOf, EMPTY_VV, valuesOf, type Sibling } from '../versions';
import { failedAnswer, type Delivered, type Effect, type Effects } from './protocol';

export interface ReadInput {
  op: number;
  node: NodeId;
  key: string;
  r: number;
  plan: Plan;
  /** The key's home replicas: only they are repaired (a substitute holds hints, not the key). */
  homes: readonly NodeId[];
  /** The coordinator's own view, when it is a target (read without a message). */
  local: readonly Sibling[] | null;
  readRepair: ReadRepairMode;
  conflicts: ConflictMode;
  sloppy: boolean;
  timeoutMs: number;
  now: number;
}

export interface ReadContext extends ReadInput {
  /** Replies in the order they arrived. */
  responses: readonly (readonly [NodeId, readonly Sibling[]])[];
  /** The newest of the replies that met R, once decided. */
  result: readonly Sibling[] | null;
  repairing: readonly NodeId[];
  repaired: readonly NodeId[];
  deadline: number;
  lastNow: number;
}

export type ReadEvent = Delivered<'readResp'> | Delivered<'repairAck'> | { type: 'CRASH'; now: number };

const effects = (list: Effect[]): Effects => ({ type: 'effects', effects: list });

function closed(ctx: ReadContext): Effect {
  return { type: 'closed', op: ctx.op, acks: ctx.responses.length, replicas: ctx.plan.targets };
}

function answerOk(ctx: ReadContext): Effect {
  const result = ctx.result ?? [];
  return {
    type: 'answer',
    op: ctx.op,
    ok: true,
    values: valuesOf(result),
    seen: result.map((s) => s.writeId),
    context: ctx.conflicts === 'vector' ? contextOf(result) : EMPTY_VV,
    why: { kind: 'quorum', quorum: 'R', got: ctx.responses.length, of: ctx.plan.targets.length, need: ctx.r, from: ctx.responses.map(([n]) => n) },
  };
}

/** Repairs for the stale home replicas not repaired yet: a message each, or
 *  a direct write for the coordinator's own copy. */
function repairs(ctx: ReadContext, result: readonly Sibling[]): { effects: Effect[]; repairing: NodeId[]; repaired: NodeId[] } {
  const out: Effect[] = [];
  const repairing: NodeId[] = [];
  const repaired: NodeId[] = [];
  for (const node of staleResponders(ctx.conflicts, ctx.homes, ctx.responses, result)) {
    if (ctx.repaired.includes(node) || ctx.repairing.includes(node)) continue;
    if (node === ctx.node) {
      out.push({ type: 'store', key: ctx.key, siblings: result, cause: 'repair' });
      repaired.push(node);
    } else {
      out.push({ type: 'send', to: node, msg: { type: 'repair', req: ctx.op, key: ctx.key, siblings: result } });
      repairing.push(node);
    }
    out.push({ type: 'count', metric: 'readRepairs', by: 1 });
  }
  return { effects: out, repairing, repaired };
}

/** Repairs to send, and who is then being repaired. `late`: against the
 *  newest of every reply so far; else against the result already decided. */
function planRepairs(context: ReadContext, late: boolean): { assign: Partial<ReadContext>; emitted: Effects | null } {
  const result = late ? newest(context.conflicts, context.responses) : (context.result ?? []);
  const r = repairs(context, result);
  return {
    assign: { repairing: [...context.repairing, ...r.repairing], repaired: [...context.repaired, ...r.repaired] },
    emitted: r.effects.length > 0 ? effects(r.effects) : null,
  };
}

export const readRequest = setup({
  types: {
    input: {} as ReadInput,
    context: {} as ReadContext,
    events: {} as ReadEvent,
    emitted: {} as Effects,
  },
  guards: {
    unavailable: ({ context }) => unavailable(context.plan, context.r),
    quorumMet: ({ context }) => quorumMet(context.responses.length, context.r),
    allAnswered: ({ context }) => allAnswered(context.responses.length, context.plan),
    /** R replies are in, read repair is blocking, and some of them are stale. */
    repairFirst: ({ context }) =>
      quorumMet(context.responses.length, context.r) &&
      context.readRepair === 'blocking' &&
      staleResponders(context.conflicts, context.homes, context.responses, newest(context.conflicts, context.responses)).length > 0,
    noRepair: ({ context }) => context.readRepair === 'off',
    repairsDone: ({ context }) => context.repairing.length === 0,
  },
  delays: {
    timeout: ({ context }) => Math.max(0, context.deadline - context.lastNow),
  },
  actions: {
    record: assign(({ context, event }) => {
      if (event.type === 'readResp') {
        if (context.responses.some(([n]) => n === event.from)) return { lastNow: event.now };
        return { responses: [...context.responses, [event.from, event.msg.siblings] as const], lastNow: event.now };
      }
      if (event.type === 'repairAck') {
        return { repairing: context.repairing.filter((n) => n !== event.from), repaired: [...context.repaired, event.from], lastNow: event.now };
      }
      return { lastNow: event.now };
    }),
    decide: assign(({ context }) => ({ result: newest(context.conflicts, context.responses) })),
    send: emit(({ context }) => {
      const out: Effect[] = [{ type: 'sent', op: context.op, plan: context.plan }];
      for (const to of context.plan.targets) if (to !== context.node) out.push({ type: 'send', to, msg: { type: 'read', req: context.op, key: context.key } });
      return effects(out);
    }),
    refuse: emit(({ context }) =>
      effects([
        failedAnswer(context.op, { kind: 'unavailable', quorum: 'R', need: context.r, reachable: context.plan.targets, unreachable: context.plan.skipped, sloppy: context.sloppy }),
        { type: 'closed', op: context.op, acks: 0, replicas: [] },
      ]),
    ),
    // Blocking: repair the stale replicas among the replies so far, then answer.
    sendRepairs: enqueueActions(({ context, enqueue }) => {
      const r = planRepairs(context, false);
      enqueue.assign(r.assign);
      if (r.emitted) enqueue.emit(r.emitted);
    }),
    answer: emit(({ context }) => effects([answerOk(context)])),
    // After the answer (async, and blocking for late replies): repair every
    // stale reply against the newest of all of them, then close.
    repairLate: enqueueActions(({ context, enqueue }) => {
      const r = planRepairs(context, true);
      enqueue.assign(r.assign);
      if (r.emitted) enqueue.emit(r.emitted);
    }),
    close: emit(({ context }) => effects([closed(context)])),
    // The timer fired: it is the deadline now (a timer carries no time), so
    // `answered` has no time left and closes at once, not requestTimeoutMs
    // after the last reply.
    atDeadline: assign(({ context }) => ({ lastNow: context.deadline })),
    failTimedOut: emit(({ context }) =>
      effects([
        failedAnswer(context.op, { kind: 'timeout', quorum: 'R', got: context.responses.length, of: context.plan.targets.length, need: context.r, timeoutMs: context.timeoutMs }),
        closed(context),
      ]),
    ),
    failCrashed: emit(({ context }) =>
      effects([
        failedAnswer(context.op, { kind: 'coordinatorCrashed', coordinator: context.node }),
        closed(context),
      ]),
    ),
  },
}).createMachine({
  id: 'read',
  context: ({ input }) => ({
    ...input,
    responses: input.local === null ? [] : [[input.node, input.local] as const],
    result: null,
    repairing: [],
    repaired: [],
    deadline: input.now + input.timeoutMs,
    lastNow: input.now,
  }),
  initial: 'sending',
  states: {
    sending: {
      always: [
        { guard: 'unavailable', target: 'failed', actions: 'refuse' },
        { target: 'collecting', actions: 'send' },
      ],
    },
    collecting: {
      always: [
        { guard: 'repairFirst', target: 'repairing', actions: ['decide', 'sendRepairs'] },
        { guard: 'quorumMet', target: 'answered', actions: ['decide', 'answer'] },
      ],
      on: {
        readResp: { actions: 'record' },
        CRASH: { target: 'failed', actions: 'failCrashed' },
      },
      after: { timeout: { target: 'failed', actions: 'failTimedOut' } },
    },
    repairing: {
      always: { guard: 'repairsDone', target: 'answered', actions: 'answer' },
      on: {
        readResp: { actions: 'record' },
        repairAck: { actions: 'record' },
        CRASH: { target: 'failed', actions: 'failCrashed' },
      },
      // Replicas that never ack a repair do not hold the client forever.
      after: { timeout: { target: 'answered', actions: ['atDeadline', 'answer'] } },
    },
    answered: {
      always: [
        { guard: 'noRepair', target: 'closed', actions: 'close' },
        { guard: 'allAnswered', target: 'closed', actions: ['repairLate', 'close'] },
      ],
      on: {
        readResp: { actions: 'record' },
        repairAck: { actions: 'record' },
        CRASH: { target: 'closed', actions: 'close' },
      },
      after: { timeout: { target: 'closed', actions: ['repairLate', 'close'] } },
    },
    failed: { type: 'final' },
    closed: { type: 'final' },
  },
});

