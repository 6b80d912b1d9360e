// Hinted handoff: a node that holds hints for a home replica hands them
// over as soon as it learns the home is reachable, resends every
// requestTimeoutMs until the home acks each one, then deletes it (Dynamo
// 4.6; Cassandra replays a coordinator's hints when gossip says the replica
// is back). The machine is machines/hintReplay.ts; these are its rules.

import type { Message } from './messages';
import type { Hint } from './storage';
import type { NodeId } from './types';

/** The replay message of one hint. */
export function replayMessage(hint: Hint): Message {
  return { type: 'replay', hint: hint.id, key: hint.key, siblings: hint.siblings };
}

/** At least 1 ms: with requestTimeoutMs 0 (a valid setting) a retry would
 *  fire again at the same instant forever, before any ack could arrive. */
export function retryDelayMs(requestTimeoutMs: number): number {
  return Math.max(1, requestTimeoutMs);
}

/** Hints added to a replay in progress: those it does not have yet. */
export function newHints(pending: readonly Hint[], offered: readonly Hint[]): Hint[] {
  return offered.filter((h) => !pending.some((p) => p.id === h.id));
}

export function replayChildId(home: NodeId): string {
  return `replay-${home}`;
}
