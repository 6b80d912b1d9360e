// Lesson 3: read repair. n4 misses a write (hinted handoff is off, so
// nothing else will tell it); a quorum read through n2 hears n4's old copy
// and sends it the newer one. A later read from n4 alone is then fresh.

import { defineLesson, scenarioFrom } from './build';

const KEY = 'theme';

export const readRepair = defineLesson({
  id: 'read-repair',
  number: 3,
  title: 'Read repair',
  summary: 'How a read that hears an out-of-date replica sends it the newer value, and why that only fixes keys someone reads.',
  scenario: scenarioFrom({
    title: 'Read repair',
    cluster: { hintedHandoff: false },
    steps: [
      { at: 100, do: 'put', client: 'alice', key: KEY, value: 'light' },
      { at: 300, do: 'kill', node: 'n4' },
      { at: 500, do: 'put', client: 'alice', key: KEY, value: 'dark' },
      { at: 700, do: 'revive', node: 'n4' },
      { at: 900, do: 'get', client: 'bob', key: KEY, coordinator: 'n2' },
      { at: 1100, do: 'get', client: 'carol', key: KEY, coordinator: 'n4', r: 1 },
    ],
  }),
  stages: [
    {
      atMs: 0,
      text:
        'Read repair: a read that notices an out-of-date replica sends it the newer value. ' +
        'Hinted handoff is switched off in this lesson, so nothing else will fix a replica that missed a write.',
      highlight: { nodes: ['n2', 'n3', 'n4'], key: KEY },
    },
    {
      atMs: 510,
      text:
        '‘theme’ has N = 3 replicas: n2, n3 and n4. n4 was down while Alice changed it from ‘light’ to ‘dark’: n2 and n3 acked, 2 of 2, so W = 2 write acks were met. ' +
        'n4 still holds ‘light’.',
      highlight: { nodes: ['n2', 'n3', 'n4'], key: KEY, step: 2 },
      see: [
        { says: 'n2 and n3 acked, 2 of 2', view: 'request', shows: '2 of 2 acks: W = 2 is met' },
        { says: 'n4 was down', view: 'ring', shows: 'n4 is down' },
      ],
    },
    {
      atMs: 800,
      text: 'n4 is back up at 700 ms, still with ‘light’. Nobody has told it about ‘dark’.',
      highlight: { nodes: ['n4'], key: KEY },
    },
    {
      atMs: 850,
      text:
        'Bob reads through n2 with R = 2: n2 asks n3 and n4 and answers as soon as it has R = 2 replies, its own included. ' +
        'It keeps listening for the last reply after Bob has his answer.',
      highlight: { nodes: ['n2', 'n3', 'n4'], key: KEY },
      predict: {
        question: 'n4’s reply says ‘light’. What does n4 hold once Bob’s read is over?',
        choices: ['‘light’', '‘dark’', 'Nothing'],
        answer: 1,
        explanation:
          'n2 sees that n4’s ‘light’ is older than ‘dark’. It returns ‘dark’ to Bob and also sends ‘dark’ to n4 in a repair message.',
        step: 4,
        claims: [
          { kind: 'replica', node: 'n4', key: KEY, values: ['light'], atMs: 1000 },
          { kind: 'replica', node: 'n4', key: KEY, values: ['dark'], atMs: 1000 },
          { kind: 'replica', node: 'n4', key: KEY, absent: true, atMs: 1000 },
        ],
      },
    },
    {
      atMs: 920,
      text:
        'Bob got ‘dark’ from n2 and n3. n4’s reply was ‘light’, so n2 sent it a repair with ‘dark’, and n4 now holds ‘dark’ too. ' +
        'The Metrics panel counts it under Read repairs.',
      highlight: { nodes: ['n2', 'n4'], key: KEY, step: 4 },
      see: [
        { says: 'Bob got ‘dark’ from n2 and n3', view: 'request', shows: '2 of 3 replies (n2, n3): R = 2 is met' },
        { says: 'n2 sent it a repair with ‘dark’', view: 'request', shows: 'n4 · home #3 · replied with "light" at 910 ms · then repaired (it was stale)' },
        { says: 'counts it under Read repairs', view: 'metrics', shows: 'Read repairs: 1' },
      ],
    },
    {
      atMs: 1050,
      text: 'Carol reads through n4 alone.',
      highlight: { nodes: ['n4'], key: KEY },
      predict: {
        question: 'Carol reads with R = 1, so n4 answers from its own copy. What does she get?',
        choices: ['‘light’', '‘dark’'],
        answer: 1,
        explanation: 'Read repair already brought n4 up to date. Without it, R = 1 on n4 would have returned the stale ‘light’.',
        step: 5,
        claims: [
          { kind: 'op', step: 5, values: ['light'] },
          { kind: 'op', step: 5, values: ['dark'] },
        ],
      },
    },
    {
      atMs: 1100,
      text:
        'Carol gets ‘dark’. Read repair only fixes keys that someone reads: a key nobody reads stays stale until anti-entropy compares the replicas (lesson 6).',
      highlight: { nodes: ['n4'], key: KEY, step: 5 },
      see: [
        { says: 'Carol gets ‘dark’', view: 'request', shows: 'It returned "dark": fresh' },
      ],
    },
  ],
  checks: [
    { kind: 'op', step: 2, status: 'ok', acks: 2, replicas: ['n2', 'n3'] },
    { kind: 'replica', node: 'n4', key: KEY, values: ['light'], atMs: 800 },
    { kind: 'op', step: 4, status: 'ok', values: ['dark'], consistency: 'fresh' },
    { kind: 'metric', name: 'readRepairs', equals: 1, atMs: 1000 },
    { kind: 'replica', node: 'n4', key: KEY, values: ['dark'], atMs: 920 },
    { kind: 'metric', name: 'hintsStored', equals: 0 },
    { kind: 'op', step: 5, status: 'ok', values: ['dark'], consistency: 'fresh' },
  ],
});
