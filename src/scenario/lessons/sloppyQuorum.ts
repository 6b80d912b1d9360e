// Lesson 5: a sloppy quorum breaks the W + R > N overlap until its hints are
// home (DDIA ch. 5, "Sloppy Quorums and Hinted Handoff"); the strict side
// refuses the write up front instead. That is CAP's choice during a
// partition (DDIA ch. 9, "The CAP theorem"). A partition leaves
// n2 with n1 and n5, and n3 with n4. Alice's write through n2 is acked by
// n2 and two stand-ins; Bob's quorum read on the other side meets none of them.

import { defineLesson, scenarioFrom } from './build';

const KEY = 'likes';

export const sloppyQuorum = defineLesson({
  id: 'sloppy-quorum-stale',
  number: 5,
  title: 'Sloppy quorums can miss the latest write',
  summary: 'Why a read can miss a write acknowledged by stand-in nodes, even when the W write acks plus the R read replies outnumber the N replicas, until the hints are home.',
  scenario: scenarioFrom({
    title: 'Sloppy quorums can miss the latest write',
    cluster: { sloppyQuorum: true },
    steps: [
      { at: 100, do: 'put', client: 'alice', key: KEY, value: '41' },
      { at: 300, do: 'partition', groups: [['n1', 'n2', 'n5'], ['n3', 'n4']] },
      { at: 500, do: 'put', client: 'alice', key: KEY, value: '42', coordinator: 'n2' },
      { at: 700, do: 'get', client: 'bob', key: KEY, coordinator: 'n3' },
      { at: 900, do: 'heal' },
      { at: 1100, do: 'get', client: 'bob', key: KEY, coordinator: 'n3' },
    ],
  }),
  compare: {
    a: { label: 'Strict quorum', cluster: { sloppyQuorum: false } },
    b: { label: 'Sloppy quorum', cluster: { sloppyQuorum: true } },
    differs:
      'With a strict quorum n2 refuses Alice’s write of ‘42’ up front (it knows n3 and n4 are unreachable) and Bob’s read of ‘41’ is not stale; with a sloppy quorum the write succeeds on n2, n1 and n5 and Bob’s read of ‘41’ is stale.',
  },
  stages: [
    {
      atMs: 0,
      text:
        'The homes of ‘likes’ are n2, n3 and n4: N = 3 replicas, with W = 2 write acks and R = 2 read replies, so W + R = 4 > 3. ' +
        'This cluster uses a sloppy quorum, like lesson 4.',
      highlight: { nodes: ['n2', 'n3', 'n4'], key: KEY },
    },
    {
      atMs: 200,
      text: 'Alice sets ‘likes’ to ‘41’ on all three homes.',
      highlight: { nodes: ['n2', 'n3', 'n4'], key: KEY, step: 0 },
    },
    {
      atMs: 400,
      text:
        'At 300 ms a network partition splits the cluster: n1, n2 and n5 on one side, n3 and n4 on the other. ' +
        'Clients can still reach nodes on both sides.',
      highlight: { nodes: ['n1', 'n2', 'n5', 'n3', 'n4'] },
    },
    {
      atMs: 510,
      text:
        'Alice writes ‘42’ through n2. Of the three homes n2 can reach only itself, so the sloppy quorum writes to n1 and n5 instead, with hints for n3 and n4. ' +
        'n2’s own ack and n1’s met W = 2, n5’s came just after: Alice is told it worked.',
      highlight: { nodes: ['n2', 'n1', 'n5'], key: KEY, step: 2 },
      see: [
        { says: 'n2’s own ack and n1’s met W = 2', view: 'request', shows: '2 of 3 acks: W = 2 is met' },
        { says: 'n5’s came just after', view: 'request', shows: '✓ n2 ✓ n1 + n5 after W' },
        { says: 'with hints for n3 and n4', view: 'ring', shows: 'n1 holds 1 hint' },
        { says: 'with hints for n3 and n4', view: 'ring', shows: 'n5 holds 1 hint' },
      ],
    },
    {
      atMs: 650,
      text: 'On the other side of the partition, Bob reads through n3 with R = 2. n3 can reach only n3 and n4.',
      highlight: { nodes: ['n3', 'n4'], key: KEY },
      predict: {
        question: 'W + R = 4 > N = 3. Which value does Bob get?',
        choices: ['‘42’', '‘41’', 'The read fails'],
        answer: 1,
        explanation:
          'Besides n2, the nodes that acked ‘42’ are stand-ins, n1 and n5, not homes. ' +
          'W + R > N only promises an overlap among the N home replicas, and Bob’s 2 replies come from n3 and n4, which never saw ‘42’.',
        step: 3,
        claims: [
          { kind: 'op', step: 3, values: ['42'] },
          { kind: 'op', step: 3, values: ['41'] },
          { kind: 'op', step: 3, status: 'failed' },
        ],
      },
    },
    {
      atMs: 710,
      text:
        'Bob gets ‘41’: a stale read, although W + R > N. ' +
        'With a sloppy quorum, a read is sure to see the latest write only once the hints are home.',
      highlight: { nodes: ['n3', 'n4'], key: KEY, step: 3 },
      see: [
        { says: 'Bob gets ‘41’: a stale read', view: 'request', shows: 'R = 2 read n3 and n4, which all missed alice\'s put of "42": stale' },
      ],
    },
    {
      atMs: 1000,
      text: 'The partition healed at 900 ms. n1 and n5 notice 50 ms later and hand their hints to n3 and n4.',
      highlight: { nodes: ['n1', 'n5', 'n3', 'n4'], key: KEY },
      see: [
        { says: 'hand their hints to n3 and n4', view: 'metrics', shows: 'Hints delivered: 2' },
      ],
    },
    {
      atMs: 1110,
      text:
        'Now Bob reads ‘42’. Riak uses sloppy quorums by default; Cassandra keeps hints but never counts them toward the consistency level, except at level ANY. ' +
        'Switch to the strict quorum: there n2 refuses Alice’s write at once, as unavailable, since it knows only 1 of the 3 homes is reachable, and Bob’s read of ‘41’ is not stale.',
      highlight: { nodes: ['n3'], key: KEY, step: 5 },
      see: [
        { says: 'Now Bob reads ‘42’', view: 'request', shows: 'It returned "42": fresh' },
        { says: 'n2 refuses Alice’s write at once, as unavailable, since it knows only 1 of the 3 homes is reachable', view: 'request', shows: 'Unavailable: n3 and n4 are known unreachable, so only 1 of the 3 home replicas can take the write', step: 2, variant: 'a' },
        { says: 'Bob’s read of ‘41’ is not stale', view: 'request', shows: 'It returned "41": fresh', step: 3, variant: 'a' },
      ],
    },
    {
      atMs: 1200,
      text:
        'Strict or sloppy is the choice the CAP theorem names: while a network partition lasts, a replicated store must give up either consistency or availability. ' +
        'The sloppy quorum stayed available, so Alice’s write succeeded and Bob read stale data; the strict quorum stayed consistent and refused the write. ' +
        'CAP is not ‘pick two of three’: partitions happen whether you choose them or not, and without one you can have both.',
      highlight: { nodes: ['n2', 'n3'], key: KEY, step: 3 },
      see: [
        { says: 'Alice’s write succeeded and Bob read stale data', view: 'request', shows: 'which all missed alice\'s put of "42": stale', step: 3 },
        { says: 'refused the write', view: 'request', shows: 'Unavailable:', step: 2, variant: 'a' },
      ],
    },
  ],
  checks: [
    { kind: 'op', step: 2, status: 'ok', acks: 3, replicas: ['n1', 'n2', 'n5'] },
    { kind: 'hints', node: 'n1', for: 'n3', count: 1, atMs: 700 },
    { kind: 'hints', node: 'n5', for: 'n4', count: 1, atMs: 700 },
    { kind: 'op', step: 3, status: 'ok', values: ['41'], consistency: 'stale', replicas: ['n3', 'n4'] },
    { kind: 'metric', name: 'hintsDelivered', equals: 2, atMs: 1000 },
    { kind: 'op', step: 5, status: 'ok', values: ['42'], consistency: 'fresh' },
    { kind: 'metric', name: 'staleReads', equals: 1 },
    // The strict side: the write fails, and the read that misses it is not stale.
    { kind: 'op', step: 2, status: 'failed', acks: 0, replicas: [], variant: 'a' },
    { kind: 'op', step: 3, status: 'ok', values: ['41'], consistency: 'fresh', variant: 'a' },
    { kind: 'replica', node: 'n2', key: KEY, values: ['41'], atMs: 600, variant: 'a' },
    { kind: 'op', step: 5, status: 'ok', values: ['41'], consistency: 'fresh', variant: 'a' },
    { kind: 'metric', name: 'hintsStored', equals: 0, variant: 'a' },
    { kind: 'metric', name: 'staleReads', equals: 0, variant: 'a' },
    { kind: 'op', step: 2, status: 'ok', variant: 'b' },
    { kind: 'op', step: 3, values: ['41'], consistency: 'stale', variant: 'b' },
    { kind: 'metric', name: 'staleReads', equals: 1, variant: 'b' },
  ],
});
