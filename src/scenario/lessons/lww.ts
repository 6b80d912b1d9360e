// Lesson 7: last-write-wins with a skewed clock (DDIA ch. 8, "Timestamps for
// ordering events"). Bob's later write is stamped by n3, whose clock runs
// 60 s slow, so every replica keeps Alice's earlier value. With version
// vectors the two writes, neither of which saw the other, are both kept.

import { defineLesson, scenarioFrom } from './build';

const KEY = 'meeting';

export const lww = defineLesson({
  id: 'lww-clock-skew',
  number: 7,
  title: 'Last write wins, and clock skew',
  summary: 'How last-write-wins silently drops an acknowledged write when the clock that stamped it runs slow, and how version vectors keep both.',
  scenario: scenarioFrom({
    title: 'Last write wins, and clock skew',
    cluster: { conflicts: 'lww' },
    steps: [
      { at: 0, do: 'skew', node: 'n3', offsetMs: -60000 },
      { at: 200, do: 'put', client: 'alice', key: KEY, value: '10:00', coordinator: 'n2' },
      { at: 400, do: 'put', client: 'bob', key: KEY, value: '11:00', coordinator: 'n3' },
      { at: 600, do: 'get', client: 'carol', key: KEY, r: 3 },
    ],
  }),
  compare: {
    a: { label: 'Last write wins', cluster: { conflicts: 'lww' } },
    b: { label: 'Version vectors', cluster: { conflicts: 'vector' } },
    differs:
      'With last-write-wins Carol reads only ‘10:00’ and Bob’s acknowledged write is lost; with version vectors she reads both ‘10:00’ and ‘11:00’, as siblings, and nothing is lost.',
  },
  stages: [
    {
      atMs: 0,
      text:
        'With last-write-wins (LWW), the coordinator stamps each write with its own clock, and every replica keeps only the value with the highest stamp. ' +
        'n3’s clock runs 60 s slow.',
      highlight: { nodes: ['n3'] },
    },
    {
      atMs: 210,
      text:
        'Alice books the ‘meeting’ for ‘10:00’ through n2, stamped 200 ms by n2’s clock. ' +
        'All three replicas of the key (N = 3 replicas: n2, n3 and n4) keep it.',
      highlight: { nodes: ['n2', 'n3', 'n4'], key: KEY, step: 1 },
    },
    {
      atMs: 350,
      text: '200 ms later Bob moves the meeting to ‘11:00’ through n3. W = 2 replicas will ack his write, so he is told it worked.',
      highlight: { nodes: ['n3'], key: KEY },
      predict: {
        question: 'Afterwards Carol reads with R = 3, from all three replicas. Which time does she get?',
        choices: ['‘11:00’: it was written last', '‘10:00’', 'Both, as two versions'],
        answer: 1,
        explanation:
          'n3 stamped Bob’s write with its own clock: 400 ms minus 60 s, far below Alice’s 200 ms. ' +
          'Every replica compares the stamps and keeps ‘10:00’.',
        step: 2,
        claims: [
          { kind: 'op', step: 3, values: ['11:00'] },
          { kind: 'op', step: 3, values: ['10:00'] },
          { kind: 'op', step: 3, values: ['10:00', '11:00'] },
        ],
      },
    },
    {
      atMs: 410,
      text:
        'Bob was told his write succeeded: 2 of 3 acks, W = 2 met. ' +
        'But each replica compared stamps and threw ‘11:00’ away. The Metrics panel counts it under Lost writes.',
      highlight: { nodes: ['n2', 'n3', 'n4'], key: KEY, step: 2 },
      see: [
        { says: 'Bob was told his write succeeded: 2 of 3 acks, W = 2 met', view: 'request', shows: '2 of 3 acks: W = 2 is met' },
        { says: 'counts it under Lost writes', view: 'metrics', shows: 'Lost writes: 1' },
        { says: 'threw ‘11:00’ away', view: 'request', shows: 'Lost: it was acknowledged, yet its value is now gone from every replica' },
      ],
    },
    {
      atMs: 610,
      text:
        'Carol reads ‘10:00’ from all three replicas: Bob’s change is gone without any error, and her read is stale. ' +
        'Cassandra settles every conflict this way, by timestamp, so its clocks must be kept closely in sync.',
      highlight: { nodes: ['n2', 'n3', 'n4'], key: KEY, step: 3 },
      see: [
        { says: 'Carol reads ‘10:00’ from all three replicas', view: 'request', shows: 'R = 3 read n2, n3 and n4, which all missed bob\'s put of "11:00": stale' },
        { says: 'her read is stale', view: 'metrics', shows: 'Stale reads: 1' },
      ],
    },
    {
      atMs: 700,
      text:
        'Switch to version vectors: a version then records which writes its writer had seen, not a clock reading. ' +
        'Neither Alice nor Bob had seen the other’s write, so both are kept, as siblings ‘10:00’ and ‘11:00’, and the application decides.',
      highlight: { key: KEY },
    },
  ],
  checks: [
    { kind: 'op', step: 1, status: 'ok', consistency: 'fresh' },
    { kind: 'op', step: 2, status: 'ok', consistency: 'lost' },
    { kind: 'replica', node: 'n3', key: KEY, values: ['10:00'], atMs: 500 },
    { kind: 'metric', name: 'lostWrites', equals: 1 },
    { kind: 'op', step: 3, status: 'ok', values: ['10:00'], consistency: 'stale' },
    ...['n2', 'n3', 'n4'].map((node) => ({ kind: 'replica' as const, node, key: KEY, values: ['10:00'] })),
    { kind: 'metric', name: 'lostWrites', equals: 1, variant: 'a' },
    { kind: 'op', step: 3, values: ['10:00'], variant: 'a' },
    { kind: 'op', step: 2, status: 'ok', consistency: 'fresh', variant: 'b' },
    { kind: 'op', step: 3, values: ['10:00', '11:00'], consistency: 'fresh', variant: 'b' },
    { kind: 'metric', name: 'lostWrites', equals: 0, variant: 'b' },
  ],
});
