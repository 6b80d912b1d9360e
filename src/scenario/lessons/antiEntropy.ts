// Lesson 6: anti-entropy with Merkle trees. Part 1 is the lecture notes'
// example: n1 holds writes A, C, E, F, G and n2 holds B, C, D, F, G; one
// session leaves both with all seven. Part 2 is the notes' Merkle example,
// a value that differs rather than a key that is missing: both hold apples,
// bananas, cherries and dates, but bananas is 6 on n1 and 9 (written later)
// on n2. Part 3 adds 1,024 keys to both nodes, n2 missing one of them: the
// session finds it by comparing 18 hashes.
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
/** The one write n2 missed in part 3. */
const MISSED = userKey(517);

const part1: Step[] = [
  ...ON_N1.map((key): Step => ({ at: 100, do: 'load', node: 'n1', key, value: FRUIT[key]! })),
  ...ON_N2.map((key): Step => ({ at: 100, do: 'load', node: 'n2', key, value: FRUIT[key]! })),
  { at: 300, do: 'repair', nodes: ['n1', 'n2'] },
];
const FIRST_REPAIR = part1.length - 1;

/** The notes' rows: equal on both nodes but for bananas. */
const STOCK: Record<string, string> = { apples: '10', cherries: '63', dates: '7' };
const part2: Step[] = [
  ...['n1', 'n2'].flatMap((node) => Object.entries(STOCK).map(([key, value]): Step => ({ at: 500, do: 'load', node, key, value }))),
  { at: 500, do: 'load', node: 'n1', key: 'bananas', value: '6' },
  { at: 520, do: 'load', node: 'n2', key: 'bananas', value: '9' },
  { at: 700, do: 'repair', nodes: ['n1', 'n2'] },
];
const VALUE_REPAIR = part1.length + part2.length - 1;

const part3: Step[] = [];
for (let i = 0; i < STORE_SIZE; i++) {
  part3.push({ at: 1000, do: 'load', node: 'n1', key: userKey(i), value: 'v1' });
  if (userKey(i) !== MISSED) part3.push({ at: 1000, do: 'load', node: 'n2', key: userKey(i), value: 'v1' });
}
part3.push({ at: 1200, do: 'repair', nodes: ['n1', 'n2'] });
const SECOND_REPAIR = part1.length + part2.length + part3.length - 1;

const bothHoldAllSeven: Check[] = ['n1', 'n2'].flatMap((node) =>
  Object.entries(FRUIT).map(([key, value]): Check => ({ kind: 'replica', node, key, values: [value], atMs: 450 })),
);

export const antiEntropy = defineLesson({
  id: 'anti-entropy',
  number: 6,
  title: 'Anti-entropy with Merkle trees',
  summary: 'How two replicas find what one has and the other lacks by comparing Merkle-tree hashes, and why that pays off in a large store.',
  scenario: scenarioFrom({
    title: 'Anti-entropy with Merkle trees',
    cluster: { nodes: 2, n: 2, antiEntropy: { intervalMs: 0, merkleDepth: 8 } },
    steps: [...part1, ...part2, ...part3],
  }),
  stages: [
    {
      atMs: 0,
      text:
        'Anti-entropy is a background process that compares two replicas and copies over whatever one has and the other lacks, or holds in an older version. ' +
        'Here two nodes each hold every key: N = 2 replicas.',
      highlight: { nodes: ['n1', 'n2'] },
      tab: 'merkle',
    },
    {
      atMs: 100,
      text:
        'n1 holds the writes A, C, E, F and G; n2 holds B, C, D, F and G. ' +
        'Each node keeps a Merkle tree: each key’s hash goes into a leaf, and each parent hashes its two children, up to a root hash for each key range, as in the Dynamo paper.',
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
          { kind: 'metric', name: 'keysSynced', equals: 2, atMs: 450 },
          { kind: 'metric', name: 'keysSynced', equals: 4, atMs: 450 },
          { kind: 'metric', name: 'keysSynced', equals: 7, atMs: 450 },
        ],
      },
    },
    {
      atMs: 400,
      text:
        'The roots differed, so the nodes compared the children, level by level, following only the branches whose hashes differ. ' +
        'At the leaves they swapped just A and E (to n2) and B and D (to n1): 4 keys synced, and both now hold all seven.',
      highlight: { nodes: ['n1', 'n2'], step: FIRST_REPAIR },
      see: [
        { says: '4 keys synced', view: 'merkle', shows: 'finished — synced 4 keys: 2 to n1, 2 to n2' },
        { says: '4 keys synced', view: 'metrics', shows: 'Keys synced: 4' },
        { says: 'A and E (to n2) and B and D (to n1)', view: 'merkle', shows: 'Synced: D → n1 at 350 ms, B → n1 at 350 ms, E → n2 at 355 ms, A → n2 at 355 ms' },
      ],
    },
    {
      atMs: 450,
      text:
        'That took 52 hash comparisons to find 4 keys among 7: for a store this small, comparing the keys themselves would be cheaper. ' +
        'Trees pay off when the store is large and the differences are few.',
      highlight: { nodes: ['n1', 'n2'] },
      see: [
        { says: '52 hash comparisons', view: 'merkle', shows: 'Hashes compared: 52' },
        { says: '52 hash comparisons', view: 'metrics', shows: 'Merkle hashes compared: 52' },
        { says: 'to find 4 keys among 7', view: 'merkle', shows: 'Keys sent: 4 of the 7 they hold there.' },
      ],
    },
    {
      atMs: 600,
      text:
        'Now a value that differs rather than a key that is missing, as in the lecture notes: both nodes hold apples = 10, cherries = 63 and dates = 7, ' +
        'but bananas is 6 on n1 and 9 on n2, written 20 ms later.',
      highlight: { nodes: ['n1', 'n2'], key: 'bananas' },
    },
    {
      atMs: 650,
      text: 'n1 and n2 compare their trees again.',
      highlight: { nodes: ['n1', 'n2'], key: 'bananas' },
      predict: {
        question: 'Both nodes hold the same four keys. What does the session do about bananas?',
        choices: ['Nothing: the same keys are on both sides', 'n1 takes 9, the later write', 'n2 takes 6', 'Both keep both values'],
        answer: 1,
        explanation:
          'A leaf hashes each key’s value and version, not just its name, so the leaf holding bananas differs. ' +
          'Both sides send that leaf’s keys, and each keeps the newer version: 9, written later (last-write-wins).',
        step: VALUE_REPAIR,
        claims: [
          { kind: 'metric', name: 'keysSynced', equals: 0, sinceMs: 650, atMs: 900 },
          { kind: 'replica', node: 'n1', key: 'bananas', values: ['9'], atMs: 900 },
          { kind: 'replica', node: 'n2', key: 'bananas', values: ['6'], atMs: 900 },
          { kind: 'replica', node: 'n2', key: 'bananas', values: ['6', '9'], atMs: 900 },
        ],
      },
    },
    {
      atMs: 800,
      text:
        'The hashes differed only down the branch of the leaf holding bananas, so only that leaf’s keys were sent, and n1 took 9: 1 key synced. ' +
        'A tree compares versions, not just which keys exist.',
      highlight: { nodes: ['n1', 'n2'], key: 'bananas', step: VALUE_REPAIR },
      see: [
        { says: 'n1 took 9: 1 key synced', view: 'merkle', shows: 'finished — synced 1 key: 1 to n1' },
        { says: 'the leaf holding bananas', view: 'merkle', shows: 'keys in it: bananas' },
      ],
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
        'Comparing the stores key by key would have meant looking at 1,035 keys. ' +
        'For one difference the session compares 2 hashes per level, so the count grows with the tree’s depth, set here to 8 levels, not with the number of keys.',
      highlight: { nodes: ['n1', 'n2'], key: MISSED, step: SECOND_REPAIR },
      see: [
        { says: '18 hash comparisons', view: 'merkle', shows: 'Hashes compared: 18' },
        { says: '1 key, user0517, was copied to n2', view: 'merkle', shows: 'finished — synced 1 key: 1 to n2' },
        { says: '1,035 keys', view: 'merkle', shows: 'of the 1035 they hold there' },
        { says: '2 hashes per level', view: 'merkle', shows: '2 leaf hashes — 1 differs' },
      ],
    },
  ],
  checks: [
    { kind: 'replica', node: 'n2', key: 'A', absent: true, atMs: 250 },
    { kind: 'replica', node: 'n1', key: 'B', absent: true, atMs: 250 },
    ...bothHoldAllSeven,
    { kind: 'metric', name: 'keysSynced', equals: 4, atMs: 450 },
    { kind: 'metric', name: 'merkleHashesCompared', equals: 52, atMs: 450 },
    { kind: 'metric', name: 'antiEntropySessions', equals: 1, atMs: 450 },
    { kind: 'replica', node: 'n1', key: 'bananas', values: ['6'], atMs: 650 },
    { kind: 'replica', node: 'n2', key: 'bananas', values: ['9'], atMs: 650 },
    ...['n1', 'n2'].map((node): Check => ({ kind: 'replica', node, key: 'bananas', values: ['9'], atMs: 900 })),
    { kind: 'metric', name: 'keysSynced', equals: 1, sinceMs: 650, atMs: 900 },
    { kind: 'replica', node: 'n2', key: MISSED, absent: true, atMs: 1100 },
    { kind: 'metric', name: 'merkleHashesCompared', equals: 18, sinceMs: 1100 },
    { kind: 'metric', name: 'keysSynced', equals: 1, sinceMs: 1100 },
    { kind: 'metric', name: 'keysSent', atMost: 10, sinceMs: 1100 },
    { kind: 'replica', node: 'n2', key: MISSED, values: ['v1'] },
    { kind: 'metric', name: 'antiEntropySessions', equals: 3 },
  ],
});
