// Lesson 2: with W + R ≤ N a read can miss an acknowledged write, even when
// nothing fails. W = 1 lets n2 acknowledge alone while its copies to n3 and
// n4 are still on the wire; R = 1 lets n4 answer alone from its old copy.

import { defineLesson, scenarioFrom } from './build';

const KEY = 'status';

export const staleRead = defineLesson({
  id: 'stale-read',
  number: 2,
  title: 'A stale read when W + R ≤ N',
  summary: 'How a read can miss an acknowledged write when the write acks (W) plus the read replies (R) are not more than the replicas (N).',
  scenario: scenarioFrom({
    title: 'A stale read when W + R ≤ N',
    cluster: { w: 1, r: 1 },
    steps: [
      { at: 100, do: 'put', client: 'alice', key: KEY, value: 'at work' },
      { at: 300, do: 'put', client: 'alice', key: KEY, value: 'at home' },
      { at: 302, do: 'get', client: 'bob', key: KEY, coordinator: 'n4' },
      { at: 400, do: 'get', client: 'bob', key: KEY, coordinator: 'n4' },
    ],
  }),
  stages: [
    {
      atMs: 0,
      text:
        'Each key still has N = 3 replicas (n2, n3 and n4 for ‘status’), but now W = 1 and R = 1: a write needs 1 ack and a read waits for 1 reply. ' +
        'W + R = 2 is not more than N = 3.',
      highlight: { nodes: ['n2', 'n3', 'n4'], key: KEY },
      see: [
        { says: 'a write needs 1 ack', view: 'request', shows: 'W = 1 ack finishes a write' },
        { says: 'a read waits for 1 reply', view: 'request', shows: 'R = 1 reply finishes a read' },
      ],
    },
    {
      atMs: 110,
      text: 'Alice sets ‘status’ to ‘at work’, and all three replicas have it.',
      highlight: { nodes: ['n2', 'n3', 'n4'], key: KEY, step: 0 },
      see: [
        { says: 'all three replicas have it', view: 'request', shows: 'n4 · home #3 · acked at 110 ms' },
      ],
    },
    {
      atMs: 301,
      text:
        'At 300 ms Alice writes ‘at home’ through n2. With W = 1, n2’s own ack is enough: she is told the write succeeded at once, while its copies to n3 and n4 are still on the wire.',
      highlight: { nodes: ['n2', 'n3', 'n4'], key: KEY, step: 1 },
      see: [
        { says: 'n2’s own ack is enough', view: 'request', shows: '1 of 3 acks: W = 1 is met' },
        { says: 'its copies to n3 and n4 are still on the wire', view: 'request', shows: 'n4 · home #3 · W on its way' },
      ],
      predict: {
        question: 'At 302 ms Bob reads through n4 with R = 1, so n4 answers alone. What does he get?',
        choices: ['‘at home’', '‘at work’', 'Nothing: the read fails'],
        answer: 1,
        explanation:
          'n4 answers from its own copy, and Alice’s write reaches it only at 305 ms. ' +
          'The one replica that acked (n2) and the one replica read (n4) need not overlap: 1 + 1 is not more than 3.',
        step: 2,
        claims: [
          { kind: 'op', step: 2, values: ['at home'] },
          { kind: 'op', step: 2, values: ['at work'] },
          { kind: 'op', step: 2, status: 'failed' },
        ],
      },
    },
    {
      atMs: 302,
      text:
        'Bob gets ‘at work’, although ‘at home’ was acknowledged 2 ms earlier: a stale read. ' +
        'The checker flags it, and the Metrics panel counts it under Stale reads.',
      highlight: { nodes: ['n4'], key: KEY, step: 2 },
      see: [
        { says: 'Bob gets ‘at work’, although ‘at home’ was acknowledged 2 ms earlier: a stale read', view: 'request', shows: 'R = 1 read n4, which missed alice\'s put of "at home": stale' },
        { says: 'counts it under Stale reads', view: 'metrics', shows: 'Stale reads: 1' },
      ],
    },
    {
      atMs: 400,
      text:
        'The copies landed at 305 ms, and the same read now returns ‘at home’. ' +
        'W + R ≤ N buys the fastest writes and reads at the price of stale reads like Bob’s. ' +
        'Any W and R with W + R > N would overlap, even W = 1 with R = 3, so a quorum does not have to be a majority.',
      highlight: { nodes: ['n4'], key: KEY, step: 3 },
      see: [
        { says: 'the same read now returns ‘at home’', view: 'request', shows: 'It returned "at home": fresh' },
        { says: 'stale reads like Bob’s', view: 'metrics', shows: 'Stale reads: 1' },
      ],
    },
  ],
  checks: [
    { kind: 'op', step: 1, status: 'ok', replicas: ['n2', 'n3', 'n4'] },
    { kind: 'replica', node: 'n4', key: KEY, values: ['at work'], atMs: 302 },
    { kind: 'replica', node: 'n2', key: KEY, values: ['at home'], atMs: 302 },
    { kind: 'op', step: 2, status: 'ok', values: ['at work'], consistency: 'stale' },
    { kind: 'metric', name: 'staleReads', equals: 1 },
    { kind: 'replica', node: 'n4', key: KEY, values: ['at home'], atMs: 305 },
    { kind: 'op', step: 3, status: 'ok', values: ['at home'], consistency: 'fresh' },
  ],
});
