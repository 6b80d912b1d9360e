// Lesson 11: watching staleness without a leader (DDIA ch. 5, "Monitoring
// staleness"). Ten keys, a lossy network, and n3 losing its disk for 1 s.
// The three repair paths show up in the Metrics panel: hints queue up while
// n3 is down and drain when it returns; reads of keys n3 lost repair it;
// periodic anti-entropy copies the keys nobody read.

import type { Step } from '../../sim/types';
import { defineLesson, scenarioFrom } from './build';

/** Keys n3 replicates, and two it does not (score, bio). */
const KEYS = ['avatar', 'status', 'theme', 'badge', 'cart', 'photo', 'price', 'city', 'score', 'bio'];
const REWRITTEN = ['avatar', 'cart', 'score', 'bio', 'status', 'photo'];
const READ_AFTER = ['theme', 'photo', 'price', 'avatar'];
/** Held by n3 and neither rewritten nor read after its return. */
const UNREAD = ['badge', 'city'];

const steps: Step[] = [
  ...KEYS.map((key, i): Step => ({ at: 100 + 50 * i, do: 'put', client: 'app', key, value: `${key} v1` })),
  { at: 700, do: 'drop', rate: 0.1 },
  { at: 1000, do: 'kill', node: 'n3', wipe: true },
  ...REWRITTEN.map((key, i): Step => ({ at: 1200 + 100 * i, do: 'put', client: 'app', key, value: `${key} v2` })),
  { at: 2000, do: 'revive', node: 'n3' },
  { at: 2000, do: 'drop', rate: 0 },
  ...READ_AFTER.map((key, i): Step => ({ at: 2200 + 100 * i, do: 'get', client: 'dashboard', key })),
];
const REVIVE = steps.findIndex((s) => s.do === 'revive');

/** What n3 should hold once it has caught up. */
const n3Holds = KEYS.filter((k) => !['score', 'bio'].includes(k)).map((key) => ({
  kind: 'replica' as const,
  node: 'n3',
  key,
  values: [`${key} ${REWRITTEN.includes(key) ? 'v2' : 'v1'}`],
}));

export const monitoring = defineLesson({
  id: 'watching-staleness',
  number: 11,
  title: 'Watching staleness',
  summary: 'Which figures show how far behind the replicas are when there is no leader to measure lag from: read repairs, the hint queue and anti-entropy.',
  scenario: scenarioFrom({
    title: 'Watching staleness',
    cluster: { antiEntropy: { intervalMs: 1000, merkleDepth: 4 } },
    steps,
  }),
  stages: [
    {
      atMs: 0,
      text:
        'With a leader, you can watch how far each follower lags behind it. Without one there is no single lag to watch, so operators watch three figures in the Metrics panel instead. ' +
        'In this run every key is written, the network turns lossy, and a node loses its disk.',
    },
    {
      atMs: 650,
      text:
        'Every key is written once (v1) to its N = 3 replicas, with W = 2 write acks. ' +
        'In the background each node runs anti-entropy with one peer every second: see Anti-entropy sessions.',
      highlight: { step: 0 },
    },
    {
      atMs: 1100,
      text: 'From 0.7 s the network drops messages at random, at a rate of 10% (see Messages dropped). At 1 s n3 crashes, and its disk is wiped.',
      highlight: { nodes: ['n3'] },
      see: [{ says: 'At 1 s n3 crashes', view: 'ring', shows: 'n3 is down' }],
    },
    {
      atMs: 1950,
      text:
        'Keys were rewritten (v2) while n3 was down, and for each write n3 should have taken, its coordinator kept a hint. ' +
        'The hints held now, the badges on the ring, are the hint queue: it grows while a node is down.',
      highlight: { nodes: ['n3'] },
      see: [
        { says: 'its coordinator kept a hint', view: 'ring', shows: 'n2 holds 2 hints' },
        { says: 'the badges on the ring', view: 'ring', shows: 'n4 holds 2 hints' },
      ],
      predict: {
        question: 'n3 comes back at 2 s with an empty disk. Nobody reads or writes ‘badge’ or ‘city’ afterwards. Does n3 get them back?',
        choices: ['Yes, within a second: anti-entropy finds and copies them', 'Only once someone reads them (read repair)', 'Never: what n3’s disk lost stays lost'],
        answer: 0,
        explanation: 'Periodic anti-entropy compares n3’s Merkle trees with its peers’ and copies what n3 lacks, whether or not anyone reads it.',
        step: REVIVE,
        claims: [
          { kind: 'replica', node: 'n3', key: 'badge', values: ['badge v1'], atMs: 3000 },
          { kind: 'replica', node: 'n3', key: 'badge', absent: true, atMs: 3000 },
          { kind: 'replica', node: 'n3', key: 'city', absent: true },
        ],
      },
    },
    {
      atMs: 2100,
      text: 'n3 is back. Within about 50 ms the hints for it are delivered, and the queue is empty again. But n3 has lost everything that was not rewritten.',
      highlight: { nodes: ['n3'] },
      see: [
        { says: 'the hints for it are delivered', view: 'metrics', shows: 'Hints delivered: 5' },
        { says: 'n3 has lost everything that was not rewritten', view: 'node', node: 'n3', shows: 'avatar · avatar v2 · ts 1200 ms' },
      ],
    },
    {
      atMs: 2600,
      text:
        'The dashboard’s reads of ‘theme’ and ‘price’ found n3 empty and repaired it: see Read repairs. ' +
        'A high rate of read repairs means replicas are often behind.',
      highlight: { nodes: ['n3'], step: REVIVE + 2 },
      see: [
        { says: 'found n3 empty and repaired it', view: 'request', shows: 'n3 · home #2 · replied with nothing at 2210 ms · then repaired (it was stale)' },
        { says: 'see Read repairs', view: 'metrics', shows: 'Read repairs: 2' },
      ],
    },
    {
      atMs: 2900,
      text:
        'Nobody read ‘badge’ or ‘city’: anti-entropy found them missing and copied them (Keys synced). ' +
        'n3 held every key again about 0.8 s after it returned: that delay is the anti-entropy lag.',
      highlight: { nodes: ['n3'] },
      see: [
        { says: 'copied them (Keys synced)', view: 'metrics', shows: 'Keys synced: 2' },
      ],
    },
    {
      atMs: 3000,
      text:
        'The dashboard’s reads were never stale: each waited for R = 2 read replies, and with W + R > N the other replicas covered for n3 while it was repaired. ' +
        'The three figures show the repair work a quorum read hides.',
      see: [
        { says: 'The dashboard’s reads were never stale', view: 'metrics', shows: 'Stale reads: 0' },
      ],
    },
  ],
  checks: [
    { kind: 'metric', name: 'antiEntropySessions', atLeast: 3, atMs: 650 },
    { kind: 'metric', name: 'messagesDropped', atLeast: 1, atMs: 2000 },
    { kind: 'replica', node: 'n3', key: 'avatar', absent: true, atMs: 1100 },
    { kind: 'hints', atLeast: 3, atMs: 1950 },
    { kind: 'hints', node: 'n3', count: 0, atMs: 1950 },
    { kind: 'hints', count: 0, atMs: 2100 },
    { kind: 'metric', name: 'hintsDelivered', atLeast: 3, sinceMs: 1950, atMs: 2100 },
    ...UNREAD.map((key) => ({ kind: 'replica' as const, node: 'n3', key, absent: true, atMs: 2600 })),
    { kind: 'replica', node: 'n3', key: 'theme', values: ['theme v1'], atMs: 2250 },
    { kind: 'replica', node: 'n3', key: 'price', values: ['price v1'], atMs: 2450 },
    { kind: 'metric', name: 'readRepairs', atLeast: 2, atMs: 2600 },
    { kind: 'metric', name: 'keysSynced', atLeast: 2, sinceMs: 2000, atMs: 2900 },
    ...n3Holds.map((c) => ({ ...c, atMs: 2900 })),
    ...n3Holds,
    { kind: 'metric', name: 'staleReads', equals: 0 },
    { kind: 'hints', count: 0 },
  ],
});
