// Quorums: where a request goes, whether it can be served at all, and when
// enough replicas have answered. Pure functions of what the coordinator
// knows; the request machines (machines/writeRequest.ts, readRequest.ts)
// name them as guards.
//
// - Strict quorum: every home replica not known unreachable.
// - Sloppy quorum: the first n nodes of the extended preference list not
//   known unreachable; a substitute is tagged with the home it stands in
//   for (Dynamo, section 4.6).
// - Refused up front when fewer than W (R) of those nodes are reachable:
//   Cassandra's UnavailableException ("the request has not even been
//   forwarded"), Riak's insufficient_vnodes (riak_kv_put_fsm, validate/2).

import type { NodeId } from './types';

/** Where a request goes: its targets, the homes known unreachable, and
 *  each substitute's home (sloppy quorum). Plain data: machines keep it. */
export interface Plan {
  readonly targets: readonly NodeId[];
  readonly skipped: readonly NodeId[];
  /** [substitute, home] pairs, in the order the substitutes were chosen. */
  readonly standIns: readonly (readonly [NodeId, NodeId])[];
}

/** The plan of a request coordinated by `self`, for a key whose home
 *  replicas are `homes` and whose nodes clockwise are `extended`. */
export function planRequest(self: NodeId, homes: readonly NodeId[], extended: readonly NodeId[], knownUnreachable: readonly NodeId[], sloppy: boolean): Plan {
  const reachable = (x: NodeId) => x === self || !knownUnreachable.includes(x);
  const skipped = homes.filter((h) => !reachable(h));
  if (skipped.length === 0) return { targets: homes, skipped, standIns: [] };
  if (!sloppy) return { targets: homes.filter(reachable), skipped, standIns: [] };
  const waiting = [...skipped];
  const targets: NodeId[] = [];
  const standIns: [NodeId, NodeId][] = [];
  for (const x of extended) {
    if (targets.length >= homes.length) break;
    if (!reachable(x)) continue;
    targets.push(x);
    if (!homes.includes(x) && waiting.length > 0) standIns.push([x, waiting.shift()!]);
  }
  return { targets, skipped, standIns };
}

/** The home a substitute stands in for, if it is one. */
export function homeOf(plan: Plan, node: NodeId): NodeId | undefined {
  for (const [sub, home] of plan.standIns) if (sub === node) return home;
  return undefined;
}

/** Fewer nodes to ask than answers needed: the request cannot succeed. */
export function unavailable(plan: Plan, need: number): boolean {
  return plan.targets.length < need;
}

export function quorumMet(answered: number, need: number): boolean {
  return answered >= need;
}

export function allAnswered(answered: number, plan: Plan): boolean {
  return answered >= plan.targets.length;
}
