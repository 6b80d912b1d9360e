// The coordinator role of a node: it takes a client's put, get or delete,
// works out where it goes (quorum.ts) and what it writes (versions.ts), and
// starts one request machine per operation (writeRequest, readRequest),
// `op-<n>`. Acks and replies go straight to the request they belong to.
//
//   up ──KILL──▶ down ──REVIVE──▶ up
//
// A coordinator that dies fails the requests it has open.
//
// Why the kernel hosts the request actors rather than the coordinator
// spawning them as children: XState copies a parent's `children` object on
// every spawn and every stop, and scans its system's scheduled events on
// every stop, so a coordinator with thousands of requests open at once
// (a hostile link: 47,000 gets at t = 0) costs time quadratic in them —
// 2,000 concurrent gets took 4.2 s, 8,000 took 63 s (profile in
// docs/BENCHMARKS.md). Each request is its own actor, started at the
// coordinator's word (`startRequest`), on the same clock and inspected the
// same way; the anti-entropy sessions and hint replays, a few per node at
// most, stay children of their node's machines.

import { assign, emit, setup } from 'xstate';
import { homeOf, planRequest } from '../quorum';
import type { ClusterConfig, NodeId } from '../types';
import { counterOf, mergeSiblings, mintDot, type Sibling, type VersionVector } from '../versions';
import type { DiskView, Effects, Lifecycle } from './protocol';
import type { ReadInput } from './readRequest';
import type { WriteInput } from './writeRequest';

export type RequestSettings = Pick<ClusterConfig, 'conflicts' | 'sloppyQuorum' | 'hintedHandoff' | 'readRepair' | 'requestTimeoutMs'>;

export interface CoordinatorInput {
  node: NodeId;
  cluster: RequestSettings;
}

export interface CoordinatorContext extends CoordinatorInput {
  knownDown: readonly NodeId[];
}

/** What the kernel tells a coordinator of a client's request: the key's
 *  home replicas and the nodes after them (the ring's answer), the time,
 *  the coordinator's own clock (skew included) and its disk. */
interface ClientRequest {
  op: number;
  key: string;
  homes: readonly NodeId[];
  extended: readonly NodeId[];
  now: number;
  disk: DiskView;
}

export type CoordinatorEvent =
  | Lifecycle
  | (ClientRequest & { type: 'CLIENT_WRITE'; value: string | null; w: number; context: VersionVector; clock: number })
  | (ClientRequest & { type: 'CLIENT_READ'; r: number });

export const requestId = (op: number): string => `op-${op}`;

function writeInput(ctx: CoordinatorContext, ev: Extract<CoordinatorEvent, { type: 'CLIENT_WRITE' }>): WriteInput {
  const { node, cluster } = ctx;
  const plan = planRequest(node, ev.homes, ev.extended, ctx.knownDown, cluster.sloppyQuorum);
  // A sloppy-quorum coordinator may itself be a substitute: like any
  // substitute it keeps the write apart, as a hint for the home node.
  const standsInFor = homeOf(plan, node);
  const inTargets = plan.targets.includes(node);
  const local = inTargets ? (standsInFor === undefined ? 'store' : 'hint') : 'none';
  const vector = cluster.conflicts === 'vector';
  const held = ev.disk.get(ev.key);
  let written: Sibling = { value: ev.value, writeId: ev.op, ts: ev.clock };
  let claim: number | null = null;
  if (vector) {
    claim = local === 'store' ? ev.disk.nextCounter(ev.key, counterOf(ev.context, node)) : null;
    written = { ...written, dot: mintDot(node, ev.op, held, claim), past: ev.context };
  }
  // Ship the coordinator's whole merged copy: in vector mode this carries
  // the concurrent siblings along, so no replica ever holds a newer dot of
  // ours without the older concurrent ones.
  const shipped = vector && local === 'store' ? mergeSiblings('vector', held, [written]).siblings : [written];
  return {
    op: ev.op,
    node,
    key: ev.key,
    w: ev.w,
    plan,
    written,
    shipped,
    local,
    claim,
    vector,
    sloppy: cluster.sloppyQuorum,
    coordinatorHints: cluster.hintedHandoff && !cluster.sloppyQuorum,
    knownUnreachable: ctx.knownDown,
    timeoutMs: cluster.requestTimeoutMs,
    now: ev.now,
  };
}

function readInput(ctx: CoordinatorContext, ev: Extract<CoordinatorEvent, { type: 'CLIENT_READ' }>): ReadInput {
  const { node, cluster } = ctx;
  const plan = planRequest(node, ev.homes, ev.extended, ctx.knownDown, cluster.sloppyQuorum);
  return {
    op: ev.op,
    node,
    key: ev.key,
    r: ev.r,
    plan,
    homes: ev.homes,
    local: plan.targets.includes(node) ? ev.disk.viewOf(ev.key) : null,
    readRepair: cluster.readRepair,
    conflicts: cluster.conflicts,
    sloppy: cluster.sloppyQuorum,
    timeoutMs: cluster.requestTimeoutMs,
    now: ev.now,
  };
}

export const coordinator = setup({
  types: {
    input: {} as CoordinatorInput,
    context: {} as CoordinatorContext,
    events: {} as CoordinatorEvent,
    emitted: {} as Effects,
  },
  actions: {
    startWrite: emit(({ context, event }) => ({
      type: 'effects' as const,
      effects: event.type === 'CLIENT_WRITE' ? [{ type: 'startRequest' as const, request: { kind: 'write' as const, input: writeInput(context, event) } }] : [],
    })),
    startRead: emit(({ context, event }) => ({
      type: 'effects' as const,
      effects: event.type === 'CLIENT_READ' ? [{ type: 'startRequest' as const, request: { kind: 'read' as const, input: readInput(context, event) } }] : [],
    })),
    peerDown: assign(({ context, event }) => (event.type === 'PEER_DOWN' && !context.knownDown.includes(event.peer) ? { knownDown: [...context.knownDown, event.peer] } : {})),
    peerUp: assign(({ context, event }) => (event.type === 'PEER_UP' ? { knownDown: context.knownDown.filter((p) => p !== event.peer) } : {})),
    takeRevivedView: assign(({ event }) => (event.type === 'REVIVE' ? { knownDown: event.knownDown } : {})),
    // Every request open here fails, in operation order, as the clients would see it.
    crashRequests: emit({ type: 'effects', effects: [{ type: 'crashRequests' }] }),
  },
}).createMachine({
  id: 'coordinator',
  context: ({ input }) => ({ ...input, knownDown: [] }),
  initial: 'up',
  states: {
    up: {
      on: {
        CLIENT_WRITE: { actions: 'startWrite' },
        CLIENT_READ: { actions: 'startRead' },
        PEER_UP: { actions: 'peerUp' },
        PEER_DOWN: { actions: 'peerDown' },
        KILL: { target: 'down', actions: 'crashRequests' },
      },
    },
    down: {
      on: { REVIVE: { target: 'up', actions: 'takeRevivedView' } },
    },
  },
});
