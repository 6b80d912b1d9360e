// Known slips of the lecture notes in shared/seeds (see ARCHITECTURE.md):
// sentences a lesson must never say. Matched per sentence; a sentence that
// negates the claim ("DynamoDB is not leaderless") is the correction, not
// the slip, so it passes.

export interface Slip {
  id: string;
  /** Why it is wrong, with the source that says so. */
  why: string;
  /** Every pattern must match the same sentence. */
  all: RegExp[];
}

export const SLIPS: readonly Slip[] = [
  {
    id: 'dynamodb-leaderless',
    why: 'Amazon DynamoDB (the AWS service) is not leaderless: each partition has a leader (only the 2007 Dynamo paper is).',
    all: [/dynamo\s*db/i, /leaderless|sloppy|hinted|every node can (write|accept)/i],
  },
  {
    id: 'cassandra-sloppy',
    why: 'Cassandra stores hints but never counts them toward a consistency level except ANY; Riak uses sloppy quorums by default.',
    all: [/cassandra/i, /sloppy/i],
  },
  {
    id: 'cassandra-counts-hints',
    why: 'Cassandra never counts a hint toward the consistency level, except at level ANY.',
    all: [/cassandra/i, /hints?\b/i, /count|toward|quorum/i],
  },
  {
    id: 'quorum-is-majority',
    why: 'A quorum needs only W + R > N (W = 1 with R = 3 works); it need not be a majority.',
    all: [/quorum/i, /\b(means|is|=)\b/i, /majority/i],
  },
  {
    id: 'quorum-strong-consistency',
    why: 'DDIA ch. 5: even with W + R > N there are edge cases where stale values are returned; it is not a guarantee of linearizability.',
    all: [/W\s*\+\s*R\s*>\s*N|quorum/i, /guarantee|ensure/i, /strong(ly)? consisten|linearizab/i],
  },
  {
    id: 'cap-pick-two',
    why: 'CAP is not a pick of two of three: partitions are not optional. While one lasts, a replicated store gives up either consistency or availability (DDIA ch. 9, "The CAP theorem").',
    all: [/\bCAP\b|consistency, availability,? and partition/i, /two of (the )?three|pick (any )?two|choose between consistency, availability,? and partition/i],
  },
  {
    id: 'merkle-log-n',
    why: 'For one difference a Merkle comparison costs two hashes per level: it grows with the depth of the tree, which is configured (Cassandra builds trees of a fixed depth), not with log n of the store.',
    all: [/O\(\s*log\s*n\s*\)|log₂? of (the )?(store|size|number of (keys|rows))/i],
  },
  {
    id: 'n-is-cluster-size',
    why: 'N is the number of replicas of each key, not the number of nodes in the cluster.',
    all: [/\bN\b\s*(=|is)\s*(the\s+)?(total\s+)?(number of\s+|# of\s+)?(all\s+)?nodes/],
  },
];

const NEGATION = /\b(not|never|no|isn't|doesn't|don't|aren't|without|nor)\b|n't\b/i;

/** Sentences of a text. Splits after . ! ? followed by a space, so values such
 *  as 'cat.jpg' and numbers such as 1.5 stay whole. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The slips a text makes: [slip id, offending sentence]. */
export function findSlips(text: string): [string, string][] {
  const found: [string, string][] = [];
  for (const sentence of sentencesOf(text)) {
    if (NEGATION.test(sentence)) continue;
    for (const slip of SLIPS) if (slip.all.every((re) => re.test(sentence))) found.push([slip.id, sentence]);
  }
  return found;
}
