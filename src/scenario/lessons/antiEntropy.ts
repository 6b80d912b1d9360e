// Lesson 6: anti-entropy with Merkle trees. Part 1 is the lecture notes'
// example: n1 holds writes A, C, E, F, G and n2 holds B, C, D, F, G; one
// session leaves both with all seven. Part 2 adds 1,024 keys to both nodes,
// n2 missing one of them: the session finds it by comparing 18 hashes.
//
// Two nodes with N = 2, so each holds every key range (a Merkle tree covers
// only the ranges a node replicates). Loads made at the same instant get the
// same timestamp, so the copies both nodes hold are identical versions.

import type { Step } from '../../sim/types';
import type { Check } from './types';
import { defineLesson, scenarioFrom } from './build';

const FRUIT: Record<string, string> = { A: 'apple', B: 'banana', C: 'cherry', D: 'date', E: 'elderberry', F: 'fig', G: 'grape' };
const ON_N1 = ['A', 'C', 'E', 'F', 'G'];
const ON_N2 = ['B', 'C', 'D', 'F', 'G'];

const STORE_SIZE = 1024;
const userKey = (i: number): string => `user${String(i).padStart(4, '0')}`;
/** The one write n2 missed in part 2. */
const MISSED = userKey(517);

const part1: Step[] = [
  ...ON_N1.map((key): Step => ({ at: 100, do: 'load', node: 'n1', key, value: FRUIT[key]! })),
  ...ON_N2.map((key): Step => ({ at: 100, do: 'load', node: 'n2', key, value: FRUIT[key]! })),
  { at: 300, do: 'repair', nodes: ['n1', 'n2'] },
];
const FIRST_REPAIR = part1.length - 1;

const part2: Step[] = [];
for (let i = 0; i < STORE_SIZE; i++) {
  part2.push({ at: 1000, do: 'load', node: 'n1', key: userKey(i), value: 'v1' });
  if (userKey(i) !== MISSED) part2.push({ at: 1000, do: 'load', node: 'n2', key: userKey(i), value: 'v1' });
}
part2.push({ at: 1200, do: 'repair', nodes: ['n1', 'n2'] });
const SECOND_REPAIR = part1.length + part2.length - 1;

const bothHoldAllSeven: Check[] = ['n1', 'n2'].flatMap((node) =>
  Object.entries(FRUIT).map(([key, value]): Check => ({ kind: 'replica', node, key, values: [value], atMs: 600 })),
);

export const antiEntropy = defineLesson({
  id: 'anti-entropy',
  number: 6,
  title: 'Anti-entropy with Merkle trees',
  summary: 'How two replicas find what one has and the other lacks by comparing Merkle-tree hashes, and why that pays off in a large store.',
  scenario: scenarioFrom({
    title: 'Anti-entropy with Merkle trees',
    cluster: { nodes: 2, n: 2, antiEntropy: { intervalMs: 0, merkleDepth: 8 } },
    steps: [...part1, ...part2],
  }),
  stages: [
    {
      atMs: 0,
      text:
        'Anti-entropy is a background process that compares two replicas and copies over whatever one has and the other lacks. ' +
        'Here two nodes each hold every key: N = 2 replicas.',
      highlight: { nodes: ['n1', 'n2'] },
    },
    {
      atMs: 100,
      text:
        'n1 holds the writes A, C, E, F and G; n2 holds B, C, D, F and G. ' +
        'Each node keeps a Merkle tree: each key’s hash goes into a leaf, and each parent hashes its two children, up to one root hash per key range, as in the Dynamo paper.',
      highlight: { nodes: ['n1', 'n2'] },
    },
    {
      atMs: 250,
      text: 'n1 starts an anti-entropy session with n2.',
      highlight: { nodes: ['n1', 'n2'] },
      predict: {
        question: 'How many keys will the session copy from one node to the other?',
        choices: ['2: A and E, to n2', '4: A and E to n2, B and D to n1', '7: all of them'],
        answer: 1,
        explanation: 'Keys are copied both ways, and only those one side lacks: A and E go to n2, B and D to n1. C, F and G are already equal.',
        step: FIRST_REPAIR,
        claims: [
          { kind: 'metric', name: 'keysSynced', equals: 2, atMs: 600 },
          { kind: 'metric', name: 'keysSynced', equals: 4, atMs: 600 },
          { kind: 'metric', name: 'keysSynced', equals: 7, atMs: 600 },
        ],
      },
    },
    {
      atMs: 600,
      text:
        'The roots differed, so the nodes compared the children, level by level, following only the branches whose hashes differ. ' +
        'At the leaves they swapped just A and E (to n2) and B and D (to n1): both now hold all seven keys.',
      highlight: { nodes: ['n1', 'n2'], step: FIRST_REPAIR },
    },
    {
      atMs: 700,
      text:
        'That took 52 hash comparisons to find 4 keys among 7: for a store this small, comparing the keys themselves would be cheaper. ' +
        'Trees pay off when the store is large and the differences are few.',
      highlight: { nodes: ['n1', 'n2'] },
    },
    {
      atMs: 1100,
      text: 'Now each node also holds the keys user0000 to user1023, except that n2 missed one of them, user0517.',
      highlight: { nodes: ['n1', 'n2'], key: MISSED },
    },
    {
      atMs: 1150,
      text: 'n1 and n2 run another session. Each tree has 2⁸ = 256 leaves.',
      highlight: { nodes: ['n1', 'n2'] },
      predict: {
        question: 'How many hashes will the two nodes compare to find the one missing key?',
        choices: ['18', 'About 1,000', 'About 2,000'],
        answer: 0,
        explanation:
          'The session compares the 2 roots (one tree per key range), then the 2 children of the one branch that differs, level by level, 8 levels down: 2 + 8 × 2 = 18.',
        step: SECOND_REPAIR,
        claims: [
          { kind: 'metric', name: 'merkleHashesCompared', equals: 18, sinceMs: 1100 },
          { kind: 'metric', name: 'merkleHashesCompared', atLeast: 900, atMost: 1100, sinceMs: 1100 },
          { kind: 'metric', name: 'merkleHashesCompared', atLeast: 1900, sinceMs: 1100 },
        ],
      },
    },
    {
      atMs: 1300,
      text:
        '18 hash comparisons led to the one leaf that differs; only its few keys were sent, and 1 key, user0517, was copied to n2. ' +
        'Comparing the stores key by key would have meant looking at 1,031 keys. ' +
        'For one difference, the hashes compared grow with the depth of the tree, about log₂ of the store’s size, not with the number of keys.',
      highlight: { nodes: ['n1', 'n2'], key: MISSED, step: SECOND_REPAIR },
    },
  ],
  checks: [
    { kind: 'replica', node: 'n2', key: 'A', absent: true, atMs: 250 },
    { kind: 'replica', node: 'n1', key: 'B', absent: true, atMs: 250 },
    ...bothHoldAllSeven,
    { kind: 'metric', name: 'keysSynced', equals: 4, atMs: 600 },
    { kind: 'metric', name: 'merkleHashesCompared', equals: 52, atMs: 700 },
    { kind: 'metric', name: 'antiEntropySessions', equals: 1, atMs: 700 },
    { kind: 'replica', node: 'n2', key: MISSED, absent: true, atMs: 1100 },
    { kind: 'metric', name: 'merkleHashesCompared', equals: 18, sinceMs: 1100 },
    { kind: 'metric', name: 'keysSynced', equals: 1, sinceMs: 1100 },
    { kind: 'metric', name: 'keysSent', atMost: 10, sinceMs: 1100 },
    { kind: 'replica', node: 'n2', key: MISSED, values: ['v1'] },
    { kind: 'metric', name: 'antiEntropySessions', equals: 2 },
  ],
});
