// Lesson 9: deletes leave tombstones; purge them before every replica has
// seen the delete and anti-entropy brings the deleted value back. n1 misses
// the delete of 'photo' (hints off, as if it had been down longer than the
// hint window). With a 1 s grace period n3 and n4 have purged their
// tombstones when n3 and n1 compare trees at 2 s; with 10 s they have not.

import { defineLesson, scenarioFrom } from './build';

const KEY = 'photo';

export const tombstones = defineLesson({
  id: 'tombstones',
  number: 9,
  title: 'Deletes, tombstones and zombie data',
  summary: 'Why a delete must leave a tombstone, and how purging tombstones before every replica has seen them brings deleted data back.',
  scenario: scenarioFrom({
    title: 'Deletes, tombstones and zombie data',
    cluster: { hintedHandoff: false, tombstoneGraceMs: 1000 },
    steps: [
      { at: 100, do: 'put', client: 'alice', key: KEY, value: 'beach.jpg' },
      { at: 300, do: 'kill', node: 'n1' },
      { at: 500, do: 'delete', client: 'alice', key: KEY },
      { at: 700, do: 'revive', node: 'n1' },
      { at: 2000, do: 'repair', nodes: ['n3', 'n1'] },
      { at: 2300, do: 'get', client: 'bob', key: KEY },
    ],
  }),
  compare: {
    a: { label: 'Grace period 1 s', cluster: { tombstoneGraceMs: 1000 } },
    b: { label: 'Grace period 10 s', cluster: { tombstoneGraceMs: 10000 } },
    differs:
      'With a 1 s grace period the tombstones are purged before anti-entropy runs, ‘beach.jpg’ comes back (Resurrections 1) and Bob reads it; with 10 s the tombstone reaches n1 instead (Resurrections 0) and Bob reads nothing.',
  },
  stages: [
    {
      atMs: 0,
      text:
        'Deleting a key does not erase it at once: each replica stores a tombstone, a marker that says ‘deleted at this time’. ' +
        'Tombstones are purged after a grace period, here 1 s. Hinted handoff is off, as if n1 stayed down longer than the hint window.',
      highlight: { nodes: ['n3', 'n4', 'n1'], key: KEY },
    },
    {
      atMs: 600,
      text:
        '‘photo’ has N = 3 replicas: n3, n4 and n1. n1 was down when Alice deleted it, so only n3 and n4 stored tombstones: 2 of 2 acks, W = 2 write acks met. ' +
        'n1 still holds ‘beach.jpg’.',
      highlight: { nodes: ['n3', 'n4', 'n1'], key: KEY, step: 2 },
      see: [
        { says: '2 of 2 acks', view: 'request', shows: '2 of 2 acks: W = 2 is met' },
        { says: 'n1 was down when Alice deleted it', view: 'ring', shows: 'n1 is down' },
      ],
    },
    {
      atMs: 800,
      text: 'n1 is back at 700 ms, with ‘beach.jpg’. Nobody tells it about the delete.',
      highlight: { nodes: ['n1'], key: KEY },
    },
    {
      atMs: 1600,
      text: 'At 1.5 s the grace period ran out: n3 and n4 purged their tombstones. They now hold nothing at all for ‘photo’.',
      highlight: { nodes: ['n3', 'n4'], key: KEY },
    },
    {
      atMs: 1900,
      text: 'Anti-entropy now compares n3 with n1.',
      highlight: { nodes: ['n3', 'n1'], key: KEY },
      predict: {
        question: 'n3 has nothing for ‘photo’; n1 has ‘beach.jpg’. What happens?',
        choices: ['n1 learns that ‘photo’ was deleted', '‘beach.jpg’ is copied to n3: the deleted photo comes back', 'Nothing: they agree'],
        answer: 1,
        explanation:
          'Without its tombstone, n3 cannot tell ‘deleted’ from ‘never written’. Anti-entropy sees a key that n3 lacks and copies it over: zombie data.',
        step: 4,
        claims: [
          { kind: 'replica', node: 'n1', key: KEY, tombstone: true, atMs: 2200 },
          { kind: 'replica', node: 'n3', key: KEY, values: ['beach.jpg'], atMs: 2200 },
          { kind: 'metric', name: 'keysSynced', equals: 0, atMs: 2200 },
        ],
      },
    },
    {
      atMs: 2200,
      text: '‘beach.jpg’ is back on n3. The Metrics panel counts a resurrection: a deleted value stored again.',
      highlight: { nodes: ['n3', 'n1'], key: KEY, step: 4 },
      tab: 'merkle',
      see: [
        { says: '‘beach.jpg’ is back on n3', view: 'merkle', shows: 'finished — synced 1 key: 1 to n3' },
        { says: 'counts a resurrection', view: 'metrics', shows: 'Resurrections: 1' },
      ],
    },
    {
      atMs: 2310,
      text:
        'Bob reads ‘photo’ (R = 2 read replies) and gets ‘beach.jpg’, a photo Alice deleted. ' +
        'Switch to a 10 s grace period: the tombstones are still there at 2 s, anti-entropy copies the delete to n1 instead, and Bob reads nothing.',
      highlight: { nodes: ['n3', 'n4'], key: KEY, step: 5 },
      tab: 'request',
      see: [
        { says: 'gets ‘beach.jpg’, a photo Alice deleted', view: 'request', shows: 'got back "beach.jpg", which alice\'s delete had removed: stale' },
      ],
    },
    {
      atMs: 2400,
      text:
        'The grace period must be longer than any replica can stay out of date. ' +
        'Cassandra’s is gc_grace_seconds, 10 days by default, so operators must run repair on every node at least that often.',
    },
  ],
  checks: [
    { kind: 'op', step: 2, status: 'ok', acks: 2, replicas: ['n3', 'n4'] },
    { kind: 'replica', node: 'n3', key: KEY, tombstone: true, atMs: 600 },
    { kind: 'replica', node: 'n1', key: KEY, values: ['beach.jpg'], atMs: 800 },
    { kind: 'replica', node: 'n3', key: KEY, absent: true, atMs: 1600 },
    { kind: 'replica', node: 'n4', key: KEY, absent: true, atMs: 1600 },
    { kind: 'metric', name: 'resurrections', equals: 1, atMs: 2200 },
    { kind: 'op', step: 5, status: 'ok', values: ['beach.jpg'], consistency: 'stale' },
    { kind: 'metric', name: 'resurrections', equals: 1, variant: 'a' },
    { kind: 'op', step: 5, values: ['beach.jpg'], variant: 'a' },
    { kind: 'replica', node: 'n3', key: KEY, tombstone: true, atMs: 2200, variant: 'b' },
    { kind: 'replica', node: 'n1', key: KEY, tombstone: true, atMs: 2200, variant: 'b' },
    { kind: 'op', step: 5, status: 'ok', values: [], consistency: 'fresh', variant: 'b' },
    { kind: 'metric', name: 'resurrections', equals: 0, variant: 'b' },
  ],
});
