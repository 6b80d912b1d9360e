// Lesson 12: session guarantees (DDIA ch. 5, "Reading Your Own Writes" and
// "Monotonic Reads"), and what a read during a write can do to them.
//
// Part 1, 'comment' (homes n4, n1, n5): Alice writes with W = 1 through n4
// and reloads through n5 with R = 1 in the same instant: her own comment is
// missing. With W + R > N her next reload sees her edit.
//
// Part 2, 'score' (homes n1, n5, n2): Carol's write reaches n1 at once and
// the others only after random network delays. Bob's first read, through
// n1, returns the new score; his second, through n2, starts after the first
// ended and returns the old one: new, then old. With blocking read repair
// the first read repairs the replicas it heard from before it answers, so
// the second meets the new score (DDIA: that is what it takes to make a
// Dynamo-style read linearizable). Delays are uniform between 1 and 20 ms;
// seed 42489 is one where Bob's second read beats the write to n2 and n5.

import { defineLesson, scenarioFrom } from './build';

const ALICE_W1 = 0;
const ALICE_R1 = 1;
const ALICE_EDIT = 2;
const ALICE_R2 = 3;
const CAROL_WRITE = 5;
const BOB_FIRST = 6;
const BOB_SECOND = 7;

export const sessionGuarantees = defineLesson({
  id: 'session-guarantees',
  number: 12,
  title: 'Reading your writes, and reads that go back in time',
  summary: 'Why a client can miss its own write or see a value and then an older one, and what prevents each: write acks plus read replies outnumbering the replicas (W + R > N) for the first, blocking read repair for the second.',
  scenario: scenarioFrom({
    title: 'Reading your writes, and reads that go back in time',
    seed: 42489,
    network: { latency: { kind: 'uniform', min: 1, max: 20 } },
    steps: [
      { at: 100, do: 'put', client: 'alice', key: 'comment', value: 'first!', coordinator: 'n4', w: 1 },
      { at: 101, do: 'get', client: 'alice', key: 'comment', coordinator: 'n5', r: 1 },
      { at: 300, do: 'put', client: 'alice', key: 'comment', value: 'edited', coordinator: 'n4' },
      { at: 400, do: 'get', client: 'alice', key: 'comment', coordinator: 'n5' },
      { at: 1000, do: 'put', client: 'carol', key: 'score', value: '2-1', coordinator: 'n1', w: 3 },
      { at: 1200, do: 'put', client: 'carol', key: 'score', value: '3-1', coordinator: 'n1' },
      { at: 1201, do: 'get', client: 'bob', key: 'score', coordinator: 'n1' },
      { at: 1209, do: 'get', client: 'bob', key: 'score', coordinator: 'n2' },
    ],
  }),
  compare: {
    a: { label: 'Async read repair', cluster: { readRepair: 'async' } },
    b: { label: 'Blocking read repair', cluster: { readRepair: 'blocking' } },
    differs:
      'With async read repair Bob reads ‘3-1’ and then ‘2-1’, breaking monotonic reads; with blocking read repair his first read repairs the replicas it heard from before answering, and his second read returns ‘3-1’ too.',
  },
  stages: [
    {
      atMs: 0,
      text:
        'Session guarantees are promises to one client about its own reads: read-your-writes (you see what you wrote) and monotonic reads (you never see time go backwards). ' +
        'Each key has N = 3 replicas, W = 2 write acks finish a write and R = 2 read replies a read, and messages take between 1 and 20 ms here.',
      highlight: { key: 'comment' },
    },
    {
      atMs: 50,
      text:
        'Alice posts ‘first!’ on ‘comment’ through n4 with W = 1 write ack, so n4’s own ack is enough, and reloads the page 1 ms later. ' +
        'The reload reads through n5 with R = 1 read reply.',
      highlight: { nodes: ['n4', 'n5'], key: 'comment' },
      predict: {
        question: 'What does Alice’s reload show?',
        choices: ['Her comment, ‘first!’', 'No comment at all', 'An error: the read fails'],
        answer: 1,
        explanation: 'n4 acknowledged at once, while its copy to n5 was still on its way, and n5 answered alone from its own copy: W + R = 2 is not more than N = 3.',
        step: ALICE_R1,
        claims: [
          { kind: 'op', step: ALICE_R1, values: ['first!'] },
          { kind: 'op', step: ALICE_R1, status: 'ok', values: [] },
          { kind: 'op', step: ALICE_R1, status: 'failed' },
        ],
      },
    },
    {
      atMs: 110,
      text: 'Alice sees no comment, though her own write was acknowledged 1 ms before: a stale read, and the checker flags read-your-writes as broken.',
      highlight: { nodes: ['n5'], key: 'comment', step: ALICE_R1 },
      see: [
        { says: 'Alice sees no comment, though her own write was acknowledged 1 ms before: a stale read', view: 'request', shows: 'R = 1 read n5, which missed alice\'s put of "first!": stale' },
        { says: 'read-your-writes as broken', view: 'request', shows: "Read-your-writes is broken: alice did not see alice's own acknowledged write" },
      ],
    },
    {
      atMs: 450,
      text:
        'Alice edits her comment with the cluster’s W = 2 and reloads through n5 with R = 2: W + R = 4 > N, so the read meets a replica that took the edit, and she sees ‘edited’. ' +
        'Reading through the node she wrote to would have worked too.',
      highlight: { nodes: ['n4', 'n5'], key: 'comment', step: ALICE_R2 },
      see: [{ says: 'she sees ‘edited’', view: 'request', shows: 'It returned "edited": fresh' }],
    },
    {
      atMs: 1100,
      text: 'Part 2, monotonic reads. ‘score’ is ‘2-1’ on its homes, n1, n5 and n2.',
      highlight: { nodes: ['n1', 'n5', 'n2'], key: 'score', step: 4 },
      see: [{ says: '‘score’ is ‘2-1’ on its homes', view: 'request', shows: '3 of 3 acks: W = 3 is met' }],
    },
    {
      atMs: 1150,
      text:
        'At 1200 ms Carol sets the score to ‘3-1’ through n1, which stores it at once; its copies to n5 and n2 travel with random delays. ' +
        '1 ms later Bob reads through n1.',
      highlight: { nodes: ['n1', 'n5', 'n2'], key: 'score' },
    },
    {
      atMs: 1206,
      text: 'Bob got ‘3-1’: n1’s own copy is new, and of the replies he waited for, the newer wins.',
      highlight: { nodes: ['n1'], key: 'score', step: BOB_FIRST },
      see: [{ says: 'Bob got ‘3-1’', view: 'request', shows: 'It returned "3-1": concurrent' }],
      predict: {
        question: 'At 1209 ms Bob reloads, this time through n2, again with R = 2. Carol’s write has not reached n2 or n5 yet. What does he get?',
        choices: ['‘3-1’ again', '‘2-1’, the old score', 'The read fails'],
        answer: 1,
        explanation:
          'n2 and n5 still hold ‘2-1’, and they are the two replies n2 hears first. ' +
          'Bob’s first read told nobody what it found: with async read repair, the repair follows the answer, and it had not arrived.',
        step: BOB_SECOND,
        claims: [
          { kind: 'op', step: BOB_SECOND, values: ['3-1'] },
          { kind: 'op', step: BOB_SECOND, values: ['2-1'] },
          { kind: 'op', step: BOB_SECOND, status: 'failed' },
        ],
      },
    },
    {
      atMs: 1225,
      text:
        'Bob gets ‘2-1’ after ‘3-1’: his reads went back in time, and the checker flags monotonic reads as broken. ' +
        'Both reads overlapped Carol’s write, so neither is stale, yet no single copy of the data would ever answer like this.',
      highlight: { nodes: ['n2', 'n5'], key: 'score', step: BOB_SECOND },
      see: [
        { says: 'Bob gets ‘2-1’ after ‘3-1’', view: 'request', shows: 'It returned "2-1": concurrent' },
        { says: 'the checker flags monotonic reads as broken', view: 'request', shows: 'Monotonic reads are broken: bob had already read a newer value' },
        { says: 'Both reads overlapped Carol’s write, so neither is stale', view: 'request', step: BOB_FIRST, shows: 'It returned "3-1": concurrent' },
      ],
    },
    {
      atMs: 1300,
      text:
        'Switch to blocking read repair: Bob’s first read then sends ‘3-1’ to the replicas that replied with ‘2-1’ and waits for their acks before it answers. ' +
        'A value once returned is then on R replicas, every later quorum read meets it, and Bob’s second read returns ‘3-1’. ' +
        'Sticking to one coordinator, as in part 1, also keeps one client’s reads monotonic.',
      highlight: { nodes: ['n1', 'n2', 'n5'], key: 'score' },
      see: [
        { says: 'Bob’s second read returns ‘3-1’', view: 'request', step: BOB_SECOND, variant: 'b', shows: 'It returned "3-1"' },
        { says: 'waits for their acks before it answers', view: 'request', step: BOB_FIRST, variant: 'b', shows: 'then repaired (it was stale)' },
      ],
    },
  ],
  checks: [
    { kind: 'op', step: ALICE_W1, status: 'ok', acks: 3 },
    { kind: 'op', step: ALICE_R1, status: 'ok', values: [], consistency: 'stale', violations: ['read-your-writes'] },
    { kind: 'op', step: ALICE_EDIT, status: 'ok' },
    { kind: 'op', step: ALICE_R2, status: 'ok', values: ['edited'], consistency: 'fresh' },
    { kind: 'op', step: CAROL_WRITE, status: 'ok' },
    { kind: 'replica', node: 'n2', key: 'score', values: ['2-1'], atMs: 1209 },
    { kind: 'replica', node: 'n5', key: 'score', values: ['2-1'], atMs: 1209 },
    { kind: 'op', step: BOB_FIRST, values: ['3-1'], consistency: 'concurrent' },
    { kind: 'op', step: BOB_SECOND, values: ['2-1'], consistency: 'concurrent', violations: ['monotonic-reads'] },
    { kind: 'op', step: BOB_SECOND, values: ['2-1'], violations: ['monotonic-reads'], variant: 'a' },
    { kind: 'op', step: BOB_FIRST, values: ['3-1'], variant: 'b' },
    { kind: 'op', step: BOB_SECOND, values: ['3-1'], variant: 'b' },
  ],
});
