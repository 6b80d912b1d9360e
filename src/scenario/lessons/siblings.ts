// Lesson 8: concurrent writes and siblings, DDIA figure 5-13: two clients,
// five writes to one shopping cart. Each write carries the version of its
// client's last response, so it replaces exactly what that client had seen;
// what it had not seen is concurrent and kept as a sibling. A sixth write,
// the client's merge with the version of its read, makes one value again.

import type { Step } from '../../sim/types';
import { defineLesson, scenarioFrom } from './build';

const KEY = 'cart';
const BOTH = ['eggs, milk, ham', 'milk, flour, eggs, bacon'];
const MERGED = 'milk, flour, eggs, bacon, ham';

/** Every write goes through n3, like the single database node of figure 5-13. */
const put = (at: number, client: string, value: string): Step => ({ at, do: 'put', client, key: KEY, value, coordinator: 'n3' });

export const siblings = defineLesson({
  id: 'siblings',
  number: 8,
  title: 'Concurrent writes and siblings',
  summary: 'How version vectors tell a newer write from a concurrent one, keep concurrent values as siblings, and let the client merge them.',
  scenario: scenarioFrom({
    title: 'Concurrent writes and siblings',
    cluster: { conflicts: 'vector' },
    steps: [
      put(100, 'client1', 'milk'),
      put(200, 'client2', 'eggs'),
      put(300, 'client1', 'milk, flour'),
      put(400, 'client2', 'eggs, milk, ham'),
      put(500, 'client1', 'milk, flour, eggs, bacon'),
      { at: 700, do: 'get', client: 'client1', key: KEY, coordinator: 'n3' },
      put(900, 'client1', MERGED),
      { at: 1100, do: 'get', client: 'client2', key: KEY, coordinator: 'n3' },
    ],
  }),
  compare: {
    a: { label: 'Version vectors', cluster: { conflicts: 'vector' } },
    b: { label: 'Last write wins', cluster: { conflicts: 'lww' } },
    differs:
      'With version vectors client 1’s read returns two siblings, ‘milk, flour, eggs, bacon’ and ‘eggs, milk, ham’; with last-write-wins it returns only ‘milk, flour, eggs, bacon’, and client 2’s ham is silently gone.',
  },
  stages: [
    {
      atMs: 0,
      text:
        'Two clients fill the same shopping cart at the same time, as in DDIA’s figure 5-13. ' +
        'This cluster uses version vectors: a version records which writes its writer had seen, so a replica can tell a newer value from a concurrent one.',
      highlight: { nodes: ['n3', 'n4', 'n1'], key: KEY },
    },
    {
      atMs: 210,
      text:
        'Client 1 adds milk. Client 2, who has not seen that write, adds eggs. ' +
        'Neither write knows about the other, so n3 keeps both, as siblings, and returns both to client 2 with their version.',
      highlight: { nodes: ['n3'], key: KEY, step: 1 },
    },
    {
      atMs: 310,
      text:
        'Client 1 writes ‘milk, flour’ with the version of its last response, which covered only ‘milk’. ' +
        'That replaces ‘milk’, but ‘eggs’, which client 1 never saw, stays as a sibling.',
      highlight: { nodes: ['n3'], key: KEY, step: 2 },
    },
    {
      atMs: 410,
      text:
        'Client 2 merges the ‘milk’ and ‘eggs’ it was sent, adds ham and writes ‘eggs, milk, ham’. ' +
        'That replaces both, but not ‘milk, flour’, which client 2 never saw.',
      highlight: { nodes: ['n3'], key: KEY, step: 3 },
    },
    {
      atMs: 600,
      text:
        'Client 1 merged what its last response held, ‘milk, flour’ and ‘eggs’, added bacon and wrote ‘milk, flour, eggs, bacon’. ' +
        'Every write got W = 2 acks from the N = 3 replicas, n3, n4 and n1.',
      highlight: { nodes: ['n3', 'n4', 'n1'], key: KEY, step: 4 },
      predict: {
        question: 'Client 1 now reads the cart (R = 2 read replies). What comes back?',
        choices: ['One value: ‘milk, flour, eggs, bacon’', 'Two siblings: ‘milk, flour, eggs, bacon’ and ‘eggs, milk, ham’', 'All five values written'],
        answer: 1,
        explanation:
          'Client 1’s last write replaced what client 1 had seen, but ‘eggs, milk, ham’ was written after client 1’s previous response. ' +
          'Neither of the two saw the other: they are concurrent, so both are kept.',
        step: 5,
        claims: [
          { kind: 'op', step: 5, values: ['milk, flour, eggs, bacon'] },
          { kind: 'op', step: 5, values: BOTH },
          { kind: 'op', step: 5, values: ['milk', 'eggs', 'milk, flour', 'eggs, milk, ham', 'milk, flour, eggs, bacon'] },
        ],
      },
    },
    {
      atMs: 710,
      text:
        'Two siblings, ‘milk, flour, eggs, bacon’ and ‘eggs, milk, ham’: the database does not pick a winner, and no write was lost. ' +
        'Merging them is the application’s job.',
      highlight: { nodes: ['n3', 'n4', 'n1'], key: KEY, step: 5 },
    },
    {
      atMs: 910,
      text:
        'Client 1 merges the siblings by taking the union, ‘milk, flour, eggs, bacon, ham’, and writes it with the version from its read. ' +
        'That version covers both siblings.',
      highlight: { nodes: ['n3'], key: KEY, step: 6 },
    },
    {
      atMs: 1000,
      text: 'Client 2 reads the cart.',
      highlight: { nodes: ['n3'], key: KEY },
      predict: {
        question: 'What does client 2 get?',
        choices: ['One value: ‘milk, flour, eggs, bacon, ham’', 'Two siblings: the merged cart and ‘eggs, milk, ham’', 'Three siblings'],
        answer: 0,
        explanation: 'The merged write carried a version that covers both siblings it replaced, so it is newer than each of them.',
        step: 7,
        claims: [
          { kind: 'op', step: 7, values: [MERGED] },
          { kind: 'op', step: 7, values: ['eggs, milk, ham', MERGED] },
          { kind: 'op', step: 7, values: [...BOTH, MERGED] },
        ],
      },
    },
    {
      atMs: 1110,
      text:
        'One value again. A union keeps every item anyone added; to remove an item, the application must leave a marker for it, or a merge brings it back. ' +
        'Switch to last-write-wins to see the same five writes lose client 2’s ham without a trace.',
      highlight: { nodes: ['n3'], key: KEY, step: 7 },
    },
  ],
  checks: [
    ...[0, 1, 2, 3, 4, 6].map((step) => ({ kind: 'op' as const, step, status: 'ok' as const })),
    { kind: 'replica', node: 'n3', key: KEY, values: ['eggs', 'milk'], atMs: 210 },
    { kind: 'replica', node: 'n3', key: KEY, values: ['eggs', 'milk, flour'], atMs: 310 },
    { kind: 'replica', node: 'n3', key: KEY, values: ['eggs, milk, ham', 'milk, flour'], atMs: 410 },
    { kind: 'op', step: 5, values: BOTH, consistency: 'fresh' },
    ...['n3', 'n4', 'n1'].map((node) => ({ kind: 'replica' as const, node, key: KEY, values: BOTH, atMs: 800 })),
    { kind: 'op', step: 7, values: [MERGED], consistency: 'fresh' },
    ...['n3', 'n4', 'n1'].map((node) => ({ kind: 'replica' as const, node, key: KEY, values: [MERGED] })),
    { kind: 'metric', name: 'lostWrites', equals: 0 },
    { kind: 'op', step: 5, values: BOTH, variant: 'a' },
    { kind: 'op', step: 5, values: ['milk, flour, eggs, bacon'], variant: 'b' },
    { kind: 'replica', node: 'n3', key: KEY, values: ['milk, flour, eggs, bacon'], atMs: 800, variant: 'b' },
  ],
});
