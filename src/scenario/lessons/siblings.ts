// Lesson 8: concurrent writes and siblings, DDIA figure 5-13: two clients,
// five writes to one shopping cart. Each write carries the version of its
// client's last answer, so it replaces exactly what that client had seen;
// what it had not seen is concurrent and kept as a sibling. As in the
// figure, every answer (a write's too) shows all the siblings its version
// covers. A sixth write,
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
        'Neither write knows about the other, so n3 keeps both, as siblings, and its answer to client 2 shows both, with a version that covers them.',
      highlight: { nodes: ['n3'], key: KEY, step: 1 },
      see: [{ says: 'its answer to client 2 shows both', view: 'request', shows: 'Answered with "eggs" and "milk"' }],
    },
    {
      atMs: 310,
      text:
        'Client 1 writes ‘milk, flour’ with the version of its last answer, which covered only ‘milk’. ' +
        'That replaces ‘milk’, but ‘eggs’, which client 1 never saw, stays beside it, and the answer says so.',
      highlight: { nodes: ['n3'], key: KEY, step: 2 },
      see: [{ says: 'the answer says so', view: 'request', shows: 'Answered with "eggs" and "milk, flour"' }],
    },
    {
      atMs: 410,
      text:
        'Client 2 merges the ‘milk’ and ‘eggs’ it was shown, adds ham and writes ‘eggs, milk, ham’. ' +
        'That replaces both, but not ‘milk, flour’, which client 2 never saw: its answer shows that sibling too.',
      highlight: { nodes: ['n3'], key: KEY, step: 3 },
      see: [{ says: 'its answer shows that sibling too', view: 'request', shows: 'Answered with "eggs, milk, ham" and "milk, flour"' }],
    },
    {
      atMs: 450,
      text:
        'Client 1 merges what its last answer held, ‘milk, flour’ and ‘eggs’, adds bacon and writes ‘milk, flour, eggs, bacon’ with that answer’s version. ' +
        'Every write gets W = 2 acks from the N = 3 replicas, n3, n4 and n1.',
      highlight: { nodes: ['n3', 'n4', 'n1'], key: KEY },
      predict: {
        question: 'What will n3 answer client 1 with?',
        choices: ['One value: ‘milk, flour, eggs, bacon’', 'Two siblings: ‘milk, flour, eggs, bacon’ and ‘eggs, milk, ham’', 'All five values written'],
        answer: 1,
        explanation:
          'Client 1’s version covers ‘milk, flour’ and ‘eggs’, so the new value replaces them. ' +
          'But ‘eggs, milk, ham’ was written after client 1’s last answer: neither saw the other, so both are kept and both are returned.',
        step: 4,
        claims: [
          { kind: 'op', step: 4, values: ['milk, flour, eggs, bacon'] },
          { kind: 'op', step: 4, values: BOTH },
          { kind: 'op', step: 4, values: ['milk', 'eggs', 'milk, flour', 'eggs, milk, ham', 'milk, flour, eggs, bacon'] },
        ],
      },
    },
    {
      atMs: 510,
      text:
        'Two siblings, ‘milk, flour, eggs, bacon’ and ‘eggs, milk, ham’, as in the figure: client 1 never saw the ham. ' +
        'The database does not pick a winner, and no write was lost: merging them is the application’s job.',
      highlight: { nodes: ['n3'], key: KEY, step: 4 },
      see: [
        { says: 'Two siblings', view: 'request', shows: 'Answered with "eggs, milk, ham" and "milk, flour, eggs, bacon"' },
        { says: 'no write was lost', view: 'metrics', shows: 'Lost writes: 0' },
      ],
    },
    {
      atMs: 710,
      text: 'Client 1 reads the cart, waiting for R = 2 read replies, and gets the same two siblings, with a version that covers both.',
      highlight: { nodes: ['n3', 'n4', 'n1'], key: KEY, step: 5 },
      see: [{ says: 'gets the same two siblings', view: 'request', shows: 'It returned "eggs, milk, ham" and "milk, flour, eggs, bacon": fresh' }],
    },
    {
      atMs: 910,
      text:
        'Client 1 merges the siblings by taking the union, ‘milk, flour, eggs, bacon, ham’, and writes it with the version from its read. ' +
        'That version covers both siblings, so the answer holds one value.',
      highlight: { nodes: ['n3'], key: KEY, step: 6 },
      see: [
        { says: 'That version covers both siblings', view: 'request', shows: 'Answered with "milk, flour, eggs, bacon, ham"' },
        { says: 'the answer holds one value', view: 'request', shows: 'the one value its version covers' },
      ],
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
      see: [{ says: 'One value again', view: 'request', shows: 'It returned "milk, flour, eggs, bacon, ham": fresh' }],
    },
  ],
  checks: [
    ...[0, 1, 2, 3, 4, 6].map((step) => ({ kind: 'op' as const, step, status: 'ok' as const })),
    { kind: 'replica', node: 'n3', key: KEY, values: ['eggs', 'milk'], atMs: 210 },
    { kind: 'replica', node: 'n3', key: KEY, values: ['eggs', 'milk, flour'], atMs: 310 },
    { kind: 'replica', node: 'n3', key: KEY, values: ['eggs, milk, ham', 'milk, flour'], atMs: 410 },
    { kind: 'op', step: 1, values: ['eggs', 'milk'] },
    { kind: 'op', step: 2, values: ['eggs', 'milk, flour'] },
    { kind: 'op', step: 3, values: ['eggs, milk, ham', 'milk, flour'] },
    { kind: 'op', step: 4, values: BOTH },
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
