// The words for a request's facts: where it was sent and why it ended as it
// did. The trace keeps the facts (machines/protocol.ts, `Why`); the views —
// the CLI's report, the Event log, the Request tab — make the sentences
// here, when they are read.

import type { Why } from './machines/protocol';
import type { NodeId } from './types';

/** The prefix of every refusal's reason (contract 2). */
export const UNAVAILABLE = 'unavailable:';

/** "n1", "n1 and n2", "n1, n2 and n3". */
function names(ids: readonly NodeId[]): string {
  return ids.length <= 1 ? ids.join('') : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]!}`;
}

/** Where a request went: "sent to n3, n4, n1; n2 is unreachable, so n5 holds a hint for it; …". */
export function sentText(sent: { targets: readonly NodeId[]; skipped: readonly NodeId[]; standIns: readonly (readonly [NodeId, NodeId])[] }): string {
  const parts = [`sent to ${sent.targets.join(', ') || 'nobody'}`];
  for (const [sub, home] of sent.standIns) parts.push(`${home} is unreachable, so ${sub} holds a hint for it`);
  if (sent.skipped.length > 0) parts.push(`${sent.skipped.join(', ')} known unreachable`);
  return parts.join('; ');
}

function refusalText({ quorum, need, reachable, unreachable, sloppy }: Extract<Why, { kind: 'unavailable' }>): string {
  const who = unreachable.length > 0 ? `${names(unreachable)} ${unreachable.length === 1 ? 'is' : 'are'} known unreachable, so ` : '';
  const pool = sloppy ? (reachable.length === 1 ? 'node' : 'nodes') : `of the ${reachable.length + unreachable.length} home replicas`;
  const can = quorum === 'W' ? 'take the write' : 'answer the read';
  const needed = quorum === 'W' ? `W = ${need} acks are needed` : `R = ${need} replies are needed`;
  return `${UNAVAILABLE} ${who}only ${reachable.length} ${pool} can ${can}, and ${needed}; nothing was sent`;
}

/** Why an operation ended as it did, in one sentence (the CLI's `reason`). */
export function whyText(why: Why): string {
  switch (why.kind) {
    case 'unavailable':
      return refusalText(why);
    case 'quorum':
      return why.quorum === 'W' ? `${why.got} of ${why.of} acks: W = ${why.need} is met` : `${why.got} of ${why.of} replies (${(why.from ?? []).join(', ')}): R = ${why.need} is met`;
    case 'timeout':
      return `only ${why.got} of ${why.of} ${why.quorum === 'W' ? 'acks' : 'replies'} within ${why.timeoutMs} ms: ${why.quorum} = ${why.need} not met`;
    case 'coordinatorDown':
      return `coordinator ${why.coordinator} is down`;
    case 'coordinatorCrashed':
      return `coordinator ${why.coordinator} went down`;
    case 'noCoordinator':
      return 'no node is up to coordinate';
  }
}
