// Lesson 4: a sloppy quorum (Dynamo paper, section 4.6). n4, a home replica
// of 'inbox', is down; the write goes to the next node clockwise, n1, tagged
// with a hint for n4. When n4 returns, n1 hands the hint over and deletes it.

import { defineLesson, scenarioFrom } from './build';

const KEY = 'inbox';

export const hintedHandoff = defineLesson({
  id: 'hinted-handoff',
  number: 4,
  title: 'Sloppy quorum and hinted handoff',
  summary: 'How a sloppy quorum writes to a stand-in node when a home replica is down, and how the hint goes home when the replica returns.',
  scenario: scenarioFrom({
    title: 'Sloppy quorum and hinted handoff',
    cluster: { sloppyQuorum: true },
    steps: [
      { at: 100, do: 'kill', node: 'n4' },
      { at: 300, do: 'put', client: 'alice', key: KEY, value: '3 unread' },
      { at: 600, do: 'revive', node: 'n4' },
      { at: 800, do: 'get', client: 'carol', key: KEY, coordinator: 'n4', r: 1 },
    ],
  }),
  stages: [
    {
      atMs: 0,
      text:
        'A sloppy quorum keeps writes flowing while home replicas are down. ' +
        'The homes of ‘inbox’ are n2, n3 and n4 (N = 3 replicas); n1 and n5 come next clockwise on the ring.',
      highlight: { nodes: ['n2', 'n3', 'n4'], key: KEY },
    },
    {
      atMs: 200,
      text: 'n4 crashed at 100 ms, and by 150 ms the other nodes know it.',
      highlight: { nodes: ['n4'] },
    },
    {
      atMs: 250,
      text: 'Alice writes ‘3 unread’ through n2. A write needs W = 2 acks, and this cluster uses a sloppy quorum.',
      highlight: { nodes: ['n2'], key: KEY },
      predict: {
        question: 'Which nodes does n2 send the write to?',
        choices: ['n2 and n3 only', 'n2, n3 and n1', 'n2, n3 and n5'],
        answer: 1,
        explanation:
          'A sloppy quorum still writes to N = 3 nodes. It walks clockwise past the dead n4 to the next live node, n1, and tags that copy with a hint naming n4, its home.',
        step: 1,
        claims: [
          { kind: 'op', step: 1, replicas: ['n2', 'n3'] },
          { kind: 'op', step: 1, replicas: ['n1', 'n2', 'n3'] },
          { kind: 'op', step: 1, replicas: ['n2', 'n3', 'n5'] },
        ],
      },
    },
    {
      atMs: 310,
      text:
        'n4 is down, so the write went to n1 with a hint for n4. n2’s own ack and n3’s met W = 2, and n1’s ack came in the same instant, just after. ' +
        'n1 keeps the hint apart from its own data, as a note that says ‘this belongs to n4’.',
      highlight: { nodes: ['n1', 'n4'], key: KEY, step: 1 },
      see: [
        { says: 'n2’s own ack and n3’s met W = 2', view: 'request', shows: '2 of 3 acks: W = 2 is met' },
        { says: 'n1’s ack came in the same instant, just after', view: 'request', shows: '✓ n2 ✓ n3 + n1 after W' },
        { says: 'the write went to n1 with a hint for n4', view: 'request', shows: 'n1 · substitute for n4 · holds a hint for n4; acked at 310 ms' },
        { says: 'n4 is down', view: 'ring', shows: 'n4 is down' },
      ],
    },
    {
      atMs: 700,
      text:
        'n4 came back at 600 ms. 50 ms later n1 notices and hands the hint over; once n4 acks it, n1 deletes the hint. ' +
        'In the Metrics panel, Hints stored and Hints delivered are now both 1.',
      highlight: { nodes: ['n1', 'n4'], key: KEY },
      see: [
        { says: 'Hints stored and Hints delivered are now both 1', view: 'metrics', shows: 'Hints stored: 1' },
        { says: 'Hints stored and Hints delivered are now both 1', view: 'metrics', shows: 'Hints delivered: 1' },
      ],
    },
    {
      atMs: 750,
      text: 'Carol reads through n4 alone.',
      highlight: { nodes: ['n4'], key: KEY },
      predict: {
        question: 'Carol reads with R = 1, one read reply, from n4, which was down during the write. What does she get?',
        choices: ['‘3 unread’', 'Nothing: n4 missed the write', 'The read fails'],
        answer: 0,
        explanation: 'The hint was handed off at 650 ms, so n4 has the message although it was down when it was written.',
        step: 3,
        claims: [
          { kind: 'op', step: 3, values: ['3 unread'] },
          { kind: 'op', step: 3, status: 'ok', values: [] },
          { kind: 'op', step: 3, status: 'failed' },
        ],
      },
    },
    {
      atMs: 800,
      text:
        'Carol gets ‘3 unread’: the hint went home. ' +
        'This is the Dynamo paper’s design, and Riak uses sloppy quorums by default. ' +
        'Cassandra also keeps hints for a dead replica, but it never counts them toward the consistency level, except at level ANY.',
      highlight: { nodes: ['n4'], key: KEY, step: 3 },
      see: [
        { says: 'Carol gets ‘3 unread’', view: 'request', shows: 'It returned "3 unread": fresh' },
      ],
    },
  ],
  checks: [
    { kind: 'op', step: 1, status: 'ok', acks: 3, replicas: ['n1', 'n2', 'n3'] },
    { kind: 'hints', node: 'n1', for: 'n4', count: 1, atMs: 400 },
    { kind: 'replica', node: 'n1', key: KEY, absent: true, atMs: 400 },
    { kind: 'replica', node: 'n4', key: KEY, absent: true, atMs: 400 },
    { kind: 'metric', name: 'hintsStored', equals: 1, atMs: 700 },
    { kind: 'metric', name: 'hintsDelivered', equals: 1, atMs: 700 },
    { kind: 'replica', node: 'n4', key: KEY, values: ['3 unread'], atMs: 700 },
    { kind: 'hints', count: 0 },
    { kind: 'op', step: 3, status: 'ok', values: ['3 unread'], consistency: 'fresh' },
  ],
});
