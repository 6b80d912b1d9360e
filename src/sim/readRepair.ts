// Read repair: the newest version among a read's replies, and which home
// replicas replied with something older and should be sent it. Pure; the
// read machine (machines/readRequest.ts) decides when, by the cluster's mode.

import type { ConflictMode, NodeId } from './types';
import { isUpToDate, mergeSiblings, type Sibling } from './versions';

/** The merge of every reply: under LWW the highest version, in vector
 *  mode every sibling nobody superseded. */
export function newest(mode: ConflictMode, responses: Iterable<readonly [NodeId, readonly Sibling[]]>): readonly Sibling[] {
  let merged: readonly Sibling[] = [];
  for (const [, siblings] of responses) merged = mergeSiblings(mode, merged, siblings).siblings;
  return merged;
}

/** Home replicas whose reply is older than `result`, in reply order. A
 *  sloppy-quorum substitute's reply counts toward R but is not repaired: it
 *  holds hints, not the key, and a copy in its data would sit outside every
 *  Merkle tree, never handed off nor deleted. */
export function staleResponders(mode: ConflictMode, homes: readonly NodeId[], responses: Iterable<readonly [NodeId, readonly Sibling[]]>, result: readonly Sibling[]): NodeId[] {
  const out: NodeId[] = [];
  for (const [node, got] of responses) if (homes.includes(node) && !isUpToDate(mode, got, result)) out.push(node);
  return out;
}
