// Lesson 10: DDIA ch. 5, "Limitations of Quorum Consistency", four parts on
// four keys: a failed write that persists, reads concurrent with a write, a
// replica restored from a stale backup, and two concurrent writes that reach
// the replicas in different orders (figure 5-12), where last-write-wins
// silently drops one. W = 2, R = 2, N = 3 throughout.

import type { Step } from '../../sim/types';
import { defineLesson, scenarioFrom } from './build';

// Part 1, 'config' (homes n2, n3, n4): n3 and n4 die just before a write,
// too recently for n2 to know. 1 ack of 3: the write fails but stays on n2
// (and in n2's hints for n3 and n4, handed over when they return).
const part1: Step[] = [
  { at: 100, do: 'put', client: 'alice', key: 'config', value: 'retries=3' },
  { at: 300, do: 'kill', node: 'n3' },
  { at: 300, do: 'kill', node: 'n4' },
  { at: 310, do: 'put', client: 'alice', key: 'config', value: 'retries=5' },
  { at: 600, do: 'revive', node: 'n3' },
  { at: 600, do: 'revive', node: 'n4' },
  { at: 800, do: 'get', client: 'bob', key: 'config' },
];
const FAILED_PUT = 3;
const READ_FAILED = 6;

// Part 2, 'votes' (homes n2, n3, n4): Bob's read through n1 reaches the
// replicas at 1705 ms, the write through n5 at 1707 ms, Carol's read at 1711 ms.
const part2: Step[] = [
  { at: 1500, do: 'put', client: 'alice', key: 'votes', value: '10' },
  { at: 1700, do: 'get', client: 'bob', key: 'votes', coordinator: 'n1' },
  { at: 1702, do: 'put', client: 'alice', key: 'votes', value: '11', coordinator: 'n5' },
  { at: 1706, do: 'get', client: 'carol', key: 'votes', coordinator: 'n1' },
];
const BOB_READ = part1.length + 1;
const CONCURRENT_PUT = part1.length + 2;
const CAROL_READ = part1.length + 3;

// Part 3, 'balance' (homes n1, n5, n2): with the n1–n2 link down, '250'
// lands on n1 and n5 only. n5's disk is then replaced from a backup holding
// '100' (stamped with that write's time, 2500 ms), leaving one copy of '250'.
const part3: Step[] = [
  { at: 2500, do: 'put', client: 'alice', key: 'balance', value: '100', coordinator: 'n1' },
  { at: 2700, do: 'cut', from: 'n1', to: 'n2' },
  { at: 2700, do: 'cut', from: 'n2', to: 'n1' },
  { at: 2900, do: 'put', client: 'alice', key: 'balance', value: '250', coordinator: 'n1' },
  { at: 3100, do: 'kill', node: 'n5', wipe: true },
  { at: 3110, do: 'load', node: 'n5', key: 'balance', value: '100', ts: 2500 },
  { at: 3120, do: 'revive', node: 'n5' },
  { at: 3300, do: 'get', client: 'bob', key: 'balance', coordinator: 'n2' },
  { at: 3500, do: 'heal' },
  { at: 3700, do: 'get', client: 'bob', key: 'balance', coordinator: 'n2' },
];
const first3 = part1.length + part2.length;
const NEW_BALANCE = first3 + 3;
const STALE_READ = first3 + 7;
const LATER_READ = first3 + 9;

// Part 4, 'color' (homes n1, n5, n2): each coordinator stores its own write
// first, so n1 sees red then blue and n5 blue then red. Every replica keeps
// the higher timestamp, blue (4001 ms); red was acknowledged all the same.
const part4: Step[] = [
  { at: 4000, do: 'put', client: 'alice', key: 'color', value: 'red', coordinator: 'n1' },
  { at: 4001, do: 'put', client: 'bob', key: 'color', value: 'blue', coordinator: 'n5' },
  { at: 4200, do: 'get', client: 'carol', key: 'color' },
];
const first4 = first3 + part3.length;
const RED = first4;
const BLUE = first4 + 1;
const COLOR_READ = first4 + 2;

export const quorumEdgeCases = defineLesson({
  id: 'quorum-edge-cases',
  number: 10,
  title: 'Where quorums still go wrong',
  summary: 'Four ways a read can miss or surprise you even with W + R > N: a failed write that persists, a read during a write, a replica restored from a stale backup, and concurrent writes under last-write-wins.',
  scenario: scenarioFrom({
    title: 'Where quorums still go wrong',
    steps: [...part1, ...part2, ...part3, ...part4],
  }),
  stages: [
    {
      atMs: 0,
      text:
        'W + R > N makes a read overlap the latest acknowledged write, but it does not make the system behave like a single copy. ' +
        'Here are four ways it goes wrong, each on its own key, with N = 3 replicas, W = 2 write acks and R = 2 read replies.',
    },
    {
      atMs: 305,
      text: 'Part 1, a failed write. n3 and n4, two of the three homes of ‘config’, crashed at 300 ms, and n2 does not know it yet.',
      highlight: { nodes: ['n2', 'n3', 'n4'], key: 'config' },
      see: [
        { says: 'n3 and n4, two of the three homes of ‘config’, crashed', view: 'ring', shows: 'n3 is down' },
        { says: 'n3 and n4, two of the three homes of ‘config’, crashed', view: 'ring', shows: 'n4 is down' },
      ],
    },
    {
      atMs: 420,
      text:
        'Alice writes ‘retries=5’ through n2. Only n2 acks, 1 of 3, so W = 2 is not met and after the 100 ms timeout Alice is told the write failed. ' +
        'There is no rollback: n2 keeps ‘retries=5’.',
      highlight: { nodes: ['n2'], key: 'config', step: FAILED_PUT },
      see: [
        { says: 'Only n2 acks, 1 of 3, so W = 2 is not met and after the 100 ms timeout Alice is told the write failed', view: 'request', shows: 'Only 1 of 3 acks within 100 ms: W = 2 not met' },
        { says: 'There is no rollback: n2 keeps ‘retries=5’', view: 'request', shows: 'No rollback: replicas that stored the write keep it.' },
      ],
    },
    {
      atMs: 750,
      text: 'n3 and n4 came back at 600 ms.',
      highlight: { nodes: ['n3', 'n4'], key: 'config' },
      predict: {
        question: 'Bob reads ‘config’ with R = 2. What does he get?',
        choices: ['‘retries=3’, the last write that succeeded', '‘retries=5’, the write that failed', 'The read fails'],
        answer: 1,
        explanation:
          'n2 still has ‘retries=5’, with the newest timestamp. It also kept hints for n3 and n4 and handed them over when they returned. ' +
          'A reported failure does not mean the write is gone.',
        step: READ_FAILED,
        claims: [
          { kind: 'op', step: READ_FAILED, values: ['retries=3'] },
          { kind: 'op', step: READ_FAILED, values: ['retries=5'] },
          { kind: 'op', step: READ_FAILED, status: 'failed' },
        ],
      },
    },
    {
      atMs: 810,
      text: 'Bob reads ‘retries=5’, the value of a write Alice was told had failed. After a failed write, later reads may or may not return it.',
      highlight: { nodes: ['n2', 'n3'], key: 'config', step: READ_FAILED },
      see: [
        { says: 'Bob reads ‘retries=5’', view: 'request', shows: 'It returned "retries=5"' },
        { says: 'a write Alice was told had failed', view: 'request', step: FAILED_PUT, shows: 'Only 1 of 3 acks within 100 ms: W = 2 not met' },
        { says: 'After a failed write', view: 'request', step: FAILED_PUT, shows: 'put config = "retries=5" failed' },
      ],
    },
    {
      atMs: 1600,
      text: 'Part 2, a read during a write. ‘votes’ is ‘10’ on its homes, n2, n3 and n4.',
      highlight: { nodes: ['n2', 'n3', 'n4'], key: 'votes' },
    },
    {
      atMs: 1650,
      text:
        'At 1700 ms Bob starts a read through n1 (R = 2). At 1702 ms Alice writes ‘11’ through n5, and at 1706 ms Carol starts the same read as Bob.',
      highlight: { nodes: ['n1', 'n5'], key: 'votes' },
      predict: {
        question: 'Bob’s read reaches the replicas 2 ms before Alice’s write does. What does he get, and how does the checker label it?',
        choices: ['‘10’, stale', '‘10’, concurrent: either value would be allowed', '‘11’, fresh'],
        answer: 1,
        explanation:
          'Bob’s read overlapped Alice’s write in time, so it may return the old or the new value, and neither counts as stale. ' +
          'Only a read that starts after a write was acknowledged must see it.',
        step: BOB_READ,
        claims: [
          { kind: 'op', step: BOB_READ, values: ['10'], consistency: 'stale' },
          { kind: 'op', step: BOB_READ, values: ['10'], consistency: 'concurrent' },
          { kind: 'op', step: BOB_READ, values: ['11'], consistency: 'fresh' },
        ],
      },
    },
    {
      atMs: 1720,
      text:
        'Bob got ‘10’ and Carol, who started 6 ms after him, got ‘11’. Both reads overlapped the write, so both are ‘concurrent’. ' +
        'Which value a read during a write returns is down to timing.',
      highlight: { nodes: ['n1'], key: 'votes', step: CAROL_READ },
      see: [
        { says: 'Bob got ‘10’', view: 'request', step: BOB_READ, shows: 'It returned "10": concurrent' },
        { says: 'Carol, who started 6 ms after him, got ‘11’', view: 'request', shows: 'It returned "11": concurrent' },
        { says: 'both are ‘concurrent’', view: 'request', shows: '1700 ms bob get votes: concurrent' },
      ],
    },
    {
      atMs: 2600,
      text: 'Part 3, a stale backup. ‘balance’ is ‘100’ on its homes, n1, n5 and n2.',
      highlight: { nodes: ['n1', 'n5', 'n2'], key: 'balance' },
    },
    {
      atMs: 2950,
      text: 'The link between n1 and n2 failed at 2700 ms. So Alice’s new balance, ‘250’, went to n1 and n5 only: 2 of 2 acks, W = 2 met.',
      highlight: { nodes: ['n1', 'n5', 'n2'], key: 'balance', step: NEW_BALANCE },
      see: [
        { says: 'went to n1 and n5 only: 2 of 2 acks, W = 2 met', view: 'request', shows: '2 of 2 acks: W = 2 is met' },
        { says: 'The link between n1 and n2 failed', view: 'request', shows: 'Not asked: n2 (cut off)' },
      ],
    },
    {
      atMs: 3200,
      text:
        'Then n5’s disk died. It was restored from last night’s backup, which says ‘100’, and rejoined. ' +
        'Now only n1 has ‘250’: fewer than W = 2 replicas.',
      highlight: { nodes: ['n5', 'n1'], key: 'balance' },
    },
    {
      atMs: 3250,
      text: 'Bob reads through n2 with R = 2. n2 cannot reach n1, so it asks n5.',
      highlight: { nodes: ['n2', 'n5'], key: 'balance' },
      predict: {
        question: 'What balance does Bob get?',
        choices: ['‘250’', '‘100’', 'The read fails'],
        answer: 1,
        explanation:
          'Both replies, n2’s and n5’s, say ‘100’. The write had reached n5, but n5 lost it with its disk, so the read and the write no longer share a replica.',
        step: STALE_READ,
        claims: [
          { kind: 'op', step: STALE_READ, values: ['250'] },
          { kind: 'op', step: STALE_READ, values: ['100'] },
          { kind: 'op', step: STALE_READ, status: 'failed' },
        ],
      },
    },
    {
      atMs: 3310,
      text:
        'A stale read, with W + R > N. Once the link heals at 3500 ms, n1 hands its hint for n2 over, and Bob’s next read, at 3700 ms, gets ‘250’.',
      highlight: { nodes: ['n2', 'n5'], key: 'balance', step: STALE_READ },
      see: [{ says: 'A stale read', view: 'request', shows: 'R = 2 read n2 and n5, which all missed alice\'s put of "250": stale' }],
    },
    {
      atMs: 3900,
      text:
        'Part 4, concurrent writes. At 4000 ms Alice sets ‘color’ to ‘red’ through n1, and 1 ms later Bob sets it to ‘blue’ through n5. ' +
        'Each coordinator stores its own write first, so n1 gets red then blue, and n5 gets blue then red.',
      highlight: { nodes: ['n1', 'n5', 'n2'], key: 'color' },
      predict: {
        question: 'Both writes will get W = 2 acks. What do the three replicas of ‘color’ hold afterwards?',
        choices: ['‘blue’ on all three', '‘red’ on n5 and ‘blue’ on n1: each keeps what arrived last', 'Both values, side by side'],
        answer: 0,
        explanation:
          'Under last-write-wins each replica keeps the higher timestamp, whatever the order it saw: Bob’s, stamped 4001 ms. ' +
          'The replicas agree, but Alice was told her write succeeded, and it is gone.',
        step: RED,
        claims: [
          { kind: 'replica', node: 'n5', key: 'color', values: ['blue'], atMs: 4100 },
          { kind: 'replica', node: 'n5', key: 'color', values: ['red'], atMs: 4100 },
          { kind: 'replica', node: 'n5', key: 'color', values: ['blue', 'red'], atMs: 4100 },
        ],
      },
    },
    {
      atMs: 4100,
      text:
        'All three hold ‘blue’, and both writes were acknowledged: Alice’s ‘red’ is silently lost, and the Metrics panel counts it under Lost writes. ' +
        'Neither write had seen the other, so neither should win: DDIA’s only safe answer is to keep both and merge them, as version vectors do (lesson 8).',
      highlight: { nodes: ['n1', 'n5', 'n2'], key: 'color', step: RED },
      see: [
        { says: 'Alice’s ‘red’ is silently lost', view: 'request', shows: 'Lost: it was acknowledged, yet its value is now gone from every replica' },
        { says: 'counts it under Lost writes', view: 'metrics', shows: 'Lost writes: 1' },
        { says: 'both writes were acknowledged', view: 'request', step: BLUE, shows: 'put color = "blue" acknowledged' },
      ],
    },
  ],
  checks: [
    // Part 1
    { kind: 'op', step: FAILED_PUT, status: 'failed', acks: 1, replicas: ['n2', 'n3', 'n4'] },
    { kind: 'replica', node: 'n2', key: 'config', values: ['retries=5'], atMs: 420 },
    { kind: 'op', step: READ_FAILED, status: 'ok', values: ['retries=5'] },
    // Part 2
    { kind: 'op', step: BOB_READ, status: 'ok', values: ['10'], consistency: 'concurrent' },
    { kind: 'op', step: CONCURRENT_PUT, status: 'ok' },
    { kind: 'op', step: CAROL_READ, status: 'ok', values: ['11'], consistency: 'concurrent' },
    // Part 3
    { kind: 'op', step: NEW_BALANCE, status: 'ok', acks: 2, replicas: ['n1', 'n5'] },
    { kind: 'replica', node: 'n5', key: 'balance', values: ['100'], atMs: 3200 },
    { kind: 'replica', node: 'n1', key: 'balance', values: ['250'], atMs: 3200 },
    { kind: 'op', step: STALE_READ, status: 'ok', values: ['100'], consistency: 'stale', replicas: ['n2', 'n5'] },
    { kind: 'op', step: LATER_READ, status: 'ok', values: ['250'], consistency: 'fresh' },
    { kind: 'metric', name: 'staleReads', equals: 1 },
    // Part 4
    { kind: 'op', step: RED, status: 'ok', consistency: 'lost' },
    { kind: 'op', step: BLUE, status: 'ok', consistency: 'fresh' },
    ...['n1', 'n5', 'n2'].map((node) => ({ kind: 'replica' as const, node, key: 'color', values: ['blue'] })),
    { kind: 'op', step: COLOR_READ, status: 'ok', values: ['blue'], consistency: 'fresh' },
    { kind: 'metric', name: 'lostWrites', equals: 1 },
  ],
});
