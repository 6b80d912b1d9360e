// The words for a request's phases and outcomes, as the trace shows them.
// A coordinator hands over the facts (who it sent to, how many answered)
// and the words are built when the trace is read: a run of 10,000
// operations would otherwise build, and keep, 20,000 sentences that a
// headless run never looks at.

import type { NodeId } from './types';

/** Where a request was sent: the targets, the home replicas known
 *  unreachable (dead or cut off: a coordinator cannot tell which), and each
 *  substitute's home node. */
export interface SentTo {
  readonly targets: readonly NodeId[];
  readonly skipped: readonly NodeId[];
  readonly hintFor: ReadonlyMap<NodeId, NodeId>;
}

/** A quorum met: `got` of `of` answered, `need` were needed. A read names
 *  the replicas it heard from. */
export interface QuorumMet {
  readonly quorum: 'W' | 'R';
  readonly got: number;
  readonly of: number;
  readonly need: number;
  readonly from?: readonly NodeId[];
}

/** A request refused up front: fewer than `need` of the nodes it would go
 *  to were reachable, as far as the coordinator knew. */
export interface Unavailable {
  readonly quorum: 'W' | 'R';
  readonly need: number;
  /** The nodes it could have sent to. */
  readonly reachable: readonly NodeId[];
  /** Home replicas it knew to be unreachable. */
  readonly unreachable: readonly NodeId[];
  readonly sloppy: boolean;
}

/** A phase's detail: a sentence, or where the request was sent. */
export type PhaseDetail = string | SentTo;

/** Why an operation ended as it did: a sentence, the quorum it met, or why
 *  it was refused. */
export type Reason = string | QuorumMet | Unavailable;

/** The prefix of every refusal's reason (contract 2). */
export const UNAVAILABLE = 'unavailable:';

/** Met quorums, shared: few distinct ones occur (small counts, and the
 *  responders of a read come from a handful of preference lists), and a run
 *  would otherwise keep one per operation. A trie: the counts, then each
 *  responder in turn. */
interface QuorumNode {
  met?: QuorumMet;
  readonly next: Map<NodeId, QuorumNode>;
}
const W_QUORUMS = new Map<number, QuorumNode>();
const R_QUORUMS = new Map<number, QuorumNode>();

/** The reason for a met quorum. A read names its responders (the keys of
 *  `from`, in the order they answered); a write only counts its acks. */
export function quorumMet(quorum: 'W' | 'R', got: number, of: number, need: number, from?: ReadonlyMap<NodeId, unknown>): QuorumMet {
  const counts = (got * 4096 + of) * 4096 + need;
  const quorums = quorum === 'W' ? W_QUORUMS : R_QUORUMS;
  let node = quorums.get(counts);
  if (!node) quorums.set(counts, (node = { next: new Map<NodeId, QuorumNode>() }));
  if (from) {
    for (const id of from.keys()) {
      let next: QuorumNode | undefined = node.next.get(id);
      if (!next) node.next.set(id, (next = { next: new Map<NodeId, QuorumNode>() }));
      node = next;
    }
  }
  node.met ??= from ? { quorum, got, of, need, from: [...from.keys()] } : { quorum, got, of, need };
  return node.met;
}

export function detailText(detail: PhaseDetail): string {
  if (typeof detail === 'string') return detail;
  const parts = [`sent to ${detail.targets.join(', ') || 'nobody'}`];
  for (const [sub, home] of detail.hintFor) parts.push(`${home} is unreachable, so ${sub} holds a hint for it`);
  if (detail.skipped.length > 0) parts.push(`${detail.skipped.join(', ')} known unreachable`);
  return parts.join('; ');
}

/** "n1", "n1 and n2", "n1, n2 and n3". */
function names(ids: readonly NodeId[]): string {
  return ids.length <= 1 ? ids.join('') : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]!}`;
}

function refusalText({ quorum, need, reachable, unreachable, sloppy }: Unavailable): string {
  const who = unreachable.length > 0 ? `${names(unreachable)} ${unreachable.length === 1 ? 'is' : 'are'} known unreachable, so ` : '';
  const pool = sloppy ? (reachable.length === 1 ? 'node' : 'nodes') : `of the ${reachable.length + unreachable.length} home replicas`;
  const can = quorum === 'W' ? 'take the write' : 'answer the read';
  const needed = quorum === 'W' ? `W = ${need} acks are needed` : `R = ${need} replies are needed`;
  return `${UNAVAILABLE} ${who}only ${reachable.length} ${pool} can ${can}, and ${needed}; nothing was sent`;
}

export function reasonText(reason: Reason): string {
  if (typeof reason === 'string') return reason;
  if ('unreachable' in reason) return refusalText(reason);
  const { quorum, got, of, need, from } = reason;
  if (quorum === 'W') return `${got} of ${of} acks: W = ${need} is met`;
  return `${got} of ${of} replies (${(from ?? []).join(', ')}): R = ${need} is met`;
}
