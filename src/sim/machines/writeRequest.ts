// A write (put or delete) as its own machine, spawned by the node that
// coordinates it:
//
//   sending ──unavailable──────────────────────────────▶ failed
//      └──▶ collecting ──quorumMet──▶ acknowledged ──allAnswered──▶ closed
//               └──timedOut──▶ failed          └──timedOut──▶ closed
//
// It ships the new version to every target, counts acks against W within
// requestTimeoutMs, answers the client once W is met and closes once every
// target has acked. A write that times out is not rolled back; under a
// strict quorum the coordinator keeps a hint for each target that did not
// ack (Cassandra's coordinator does the same) and hands it over.

import { assign, emit, setup } from 'xstate';
import { allAnswered, homeOf, quorumMet, unavailable, type Plan } from '../quorum';
import type { NodeId } from '../types';
import { contextOf, EMPTY_VV, valuesOf, type Sibling } from '../versions';
import { failedAnswer, type Delivered, type Effect, type Effects } from './protocol';

export interface WriteInput {
  op: number;
  /** The coordinating node. */
  node: NodeId;
  key: string;
  w: number;
  plan: Plan;
  /** The new version (with its dot in vector mode), and what travels: the
   *  coordinator's merged copy when it stores the key, else the version. */
  written: Sibling;
  shipped: readonly Sibling[];
  /** What the coordinator does with its own copy. */
  local: 'store' | 'hint' | 'none';
  /** A dot counter minted here, for the disk to remember. */
  claim: number | null;
  vector: boolean;
  sloppy: boolean;
  /** Strict quorum with hinted handoff: hints for homes that cannot take the write. */
  coordinatorHints: boolean;
  /** Homes the coordinator knew unreachable when the write began. */
  knownUnreachable: readonly NodeId[];
  timeoutMs: number;
  now: number;
}

export interface WriteContext extends WriteInput {
  acked: readonly NodeId[];
  deadline: number;
  /** The virtual time of the last event handled (a timer carries none). */
  lastNow: number;
}

export type WriteEvent = Delivered<'writeAck'> | { type: 'CRASH'; now: number };

function closed(ctx: WriteContext): Effect {
  return { type: 'closed', op: ctx.op, acks: ctx.acked.length, replicas: ctx.plan.targets };
}

/** Out it goes: the local copy, the messages, and Cassandra-style hints for
 *  homes known unreachable (they never count toward W). */
function sendWrites(ctx: WriteContext): Effect[] {
  const { op, key, node, plan, shipped, written } = ctx;
  const out: Effect[] = [{ type: 'sent', op, plan }];
  if (ctx.claim !== null) out.push({ type: 'claimDot', key, counter: ctx.claim });
  if (ctx.local === 'store') out.push({ type: 'store', key, siblings: [written], cause: 'write' });
  else if (ctx.local === 'hint') out.push({ type: 'keepHint', key, home: homeOf(plan, node)!, siblings: [written] });
  for (const to of plan.targets) {
    if (to === node) continue;
    const hintFor = homeOf(plan, to);
    out.push({ type: 'send', to, msg: hintFor === undefined ? { type: 'write', req: op, key, siblings: shipped } : { type: 'write', req: op, key, siblings: shipped, hintFor } });
  }
  if (ctx.coordinatorHints) for (const home of plan.skipped) out.push({ type: 'keepHint', key, home, siblings: [written] });
  return out;
}

/** A write's answer: its own value under LWW; in vector mode every sibling
 *  it stands beside, with a context covering exactly those (DDIA ch. 5). */
function answerOk(ctx: WriteContext): Effect {
  const returned = ctx.vector ? ctx.shipped : [ctx.written];
  return {
    type: 'answer',
    op: ctx.op,
    ok: true,
    values: valuesOf(returned),
    seen: returned.map((s) => s.writeId),
    context: ctx.vector ? contextOf(returned) : EMPTY_VV,
    why: { kind: 'quorum', quorum: 'W', got: ctx.acked.length, of: ctx.plan.targets.length, need: ctx.w },
  };
}

/** At the timeout, under a strict quorum: a hint for each target that did
 *  not ack, handed over now where the home is not known unreachable. */
function hintsForMissing(ctx: WriteContext): Effect[] {
  if (!ctx.coordinatorHints) return [];
  const missing = ctx.plan.targets.filter((t) => !ctx.acked.includes(t));
  const out: Effect[] = missing.map((home) => ({ type: 'keepHint', key: ctx.key, home, siblings: [ctx.written] }));
  for (const home of missing) if (!ctx.knownUnreachable.includes(home)) out.push({ type: 'handOff', home });
  return out;
}

const effects = (list: Effect[]): Effects => ({ type: 'effects', effects: list });

export const writeRequest = setup({
  types: {
    input: {} as WriteInput,
    context: {} as WriteContext,
    events: {} as WriteEvent,
    emitted: {} as Effects,
  },
  guards: {
    unavailable: ({ context }) => unavailable(context.plan, context.w),
    quorumMet: ({ context }) => quorumMet(context.acked.length, context.w),
    allAnswered: ({ context }) => allAnswered(context.acked.length, context.plan),
  },
  delays: {
    /** What is left of requestTimeoutMs since the request began. */
    timeout: ({ context }) => Math.max(0, context.deadline - context.lastNow),
  },
  actions: {
    countAck: assign(({ context, event }) => {
      if (event.type !== 'writeAck' || context.acked.includes(event.from)) return { lastNow: event.now };
      return { acked: [...context.acked, event.from], lastNow: event.now };
    }),
    send: emit(({ context }) => effects(sendWrites(context))),
    refuse: emit(({ context }) =>
      effects([
        failedAnswer(context.op, {
          kind: 'unavailable',
          quorum: 'W',
          need: context.w,
          reachable: context.plan.targets,
          unreachable: context.plan.skipped,
          sloppy: context.sloppy,
        }),
        { type: 'closed', op: context.op, acks: 0, replicas: [] },
      ]),
    ),
    answer: emit(({ context }) => effects([answerOk(context)])),
    failTimedOut: emit(({ context }) =>
      effects([
        failedAnswer(context.op, { kind: 'timeout', quorum: 'W', got: context.acked.length, of: context.plan.targets.length, need: context.w, timeoutMs: context.timeoutMs }),
        ...hintsForMissing(context),
        closed(context),
      ]),
    ),
    failCrashed: emit(({ context }) => effects([failedAnswer(context.op, { kind: 'coordinatorCrashed', coordinator: context.node }), closed(context)])),
    close: emit(({ context }) => effects([closed(context)])),
    closeTimedOut: emit(({ context }) => effects([...hintsForMissing(context), closed(context)])),
  },
}).createMachine({
  id: 'write',
  context: ({ input }) => ({
    ...input,
    // The coordinator's own copy (stored, or kept as a hint) is its first ack.
    acked: input.local === 'none' ? [] : [input.node],
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
      always: { guard: 'quorumMet', target: 'acknowledged', actions: 'answer' },
      on: {
        writeAck: { actions: 'countAck' },
        CRASH: { target: 'failed', actions: 'failCrashed' },
      },
      after: { timeout: { target: 'failed', actions: 'failTimedOut' } },
    },
    acknowledged: {
      always: { guard: 'allAnswered', target: 'closed', actions: 'close' },
      on: {
        writeAck: { actions: 'countAck' },
        CRASH: { target: 'closed', actions: 'close' },
      },
      after: { timeout: { target: 'closed', actions: 'closeTimedOut' } },
    },
    failed: { type: 'final' },
    closed: { type: 'final' },
  },
});
