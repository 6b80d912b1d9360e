// Lesson 1: N, W and R, and why W + R > N lets a read see the latest write
// (DDIA ch. 5, "Quorums for reading and writing", figure 5-10).
//
// 'avatar' lives on n2, n3, n4. n4 misses the write of 'dog.jpg'; when it is
// back, a read through n4 with R = 2 still meets one replica that took it.

import { defineLesson, scenarioFrom } from './build';

const KEY = 'avatar';

export const quorums = defineLesson({
  id: 'quorums',
  number: 1,
  title: 'Quorums: N, W and R',
  summary: 'Why a read of R replicas always meets a write acknowledged by W replicas when W + R is more than N, the number of replicas.',
  scenario: scenarioFrom({
    title: 'Quorums: N, W and R',
    steps: [
      { at: 100, do: 'put', client: 'alice', key: KEY, value: 'cat.jpg' },
      { at: 300, do: 'kill', node: 'n4' },
      { at: 500, do: 'put', client: 'alice', key: KEY, value: 'dog.jpg' },
      { at: 700, do: 'revive', node: 'n4' },
      { at: 720, do: 'get', client: 'bob', key: KEY, coordinator: 'n4' },
    ],
  }),
  stages: [
    {
      atMs: 0,
      text:
        'There is no leader here: any of the five nodes can coordinate a read or a write. ' +
        'This is the design of Amazon’s 2007 Dynamo paper, used by Riak and Cassandra; Amazon’s DynamoDB service shares the name, not the design (each of its partitions has a leader).',
    },
    {
      atMs: 50,
      text:
        'Each key is stored on N = 3 of the five nodes, its replicas. ' +
        'For the key ‘avatar’ the replicas are n2, n3 and n4, the next three nodes clockwise from where the key falls on the ring.',
      highlight: { nodes: ['n2', 'n3', 'n4'], key: KEY },
    },
    {
      atMs: 105,
      text:
        'Alice writes ‘cat.jpg’ through n2, and every request runs as a state machine of its own: the Machine tab draws this one from its definition. ' +
        'It is in collecting: n2 stored the write and counts its own ack, and it waits for W = 2 before it answers Alice. ' +
        'Step forward and watch it move to acknowledged, then closed.',
      highlight: { nodes: ['n2', 'n3', 'n4'], key: KEY, step: 0 },
      tab: 'machine',
      see: [{ says: 'It is in collecting', view: 'machine', shows: 'State: collecting' }],
    },
    {
      atMs: 110,
      text:
        'The coordinator, n2, sent it to all three replicas and reported success once W = 2 of them had acknowledged it: W is the number of write acks it waits for. ' +
        'All three now hold ‘cat.jpg’.',
      highlight: { nodes: ['n2', 'n3', 'n4'], key: KEY, step: 0 },
      tab: 'request',
      see: [
        { says: 'once W = 2 of them had acknowledged it', view: 'request', shows: '2 of 3 acks: W = 2 is met' },
        { says: 'All three now hold', view: 'request', shows: 'n4 · home #3 · acked at 110 ms' },
      ],
    },
    {
      atMs: 400,
      text: 'n4 crashed at 300 ms. The other nodes notice 50 ms later and stop sending it requests.',
      highlight: { nodes: ['n4'] },
      see: [{ says: 'n4 crashed', view: 'ring', shows: 'n4 is down' }],
    },
    {
      atMs: 510,
      text:
        'Alice writes ‘dog.jpg’. Only n2 and n3 can take it: 2 of 2 acks, so W = 2 is met and Alice is told the write succeeded. ' +
        'n4, still down, holds ‘cat.jpg’.',
      highlight: { nodes: ['n2', 'n3', 'n4'], key: KEY, step: 2 },
      see: [
        { says: '2 of 2 acks, so W = 2 is met', view: 'request', shows: '2 of 2 acks: W = 2 is met' },
        { says: 'Only n2 and n3 can take it', view: 'request', shows: 'Not asked: n4 (down)' },
      ],
    },
    {
      atMs: 710,
      text:
        'n4 is back, still holding ‘cat.jpg’. Bob reads through n4 with R = 2: the read waits for R = 2 replies, n4’s own copy and the first other replica to answer.',
      highlight: { nodes: ['n4'], key: KEY },
      predict: {
        question: 'n4 says ‘cat.jpg’ and one of n2 or n3 answers too. Which value does Bob get?',
        choices: ['‘cat.jpg’', '‘dog.jpg’', 'Both, as two versions', 'Nothing: the read fails'],
        answer: 1,
        explanation:
          'W + R = 2 + 2 = 4 is more than N = 3, so the 2 replicas read and the 2 that acked the write share at least one node. ' +
          'That node has ‘dog.jpg’, which is newer than ‘cat.jpg’, so the read returns it.',
        step: 4,
        claims: [
          { kind: 'op', step: 4, values: ['cat.jpg'] },
          { kind: 'op', step: 4, values: ['dog.jpg'] },
          { kind: 'op', step: 4, values: ['cat.jpg', 'dog.jpg'] },
          { kind: 'op', step: 4, status: 'failed' },
        ],
      },
    },
    {
      atMs: 730,
      text:
        'Bob gets ‘dog.jpg’: n2 answered with it, and it is newer than n4’s copy. ' +
        'Any 2 of the 3 replicas overlap the 2 that took the write: that is what W + R > N promises, a read that meets the latest acknowledged write. ' +
        'Lesson 10 shows how a read can still miss or surprise you.',
      highlight: { nodes: ['n2', 'n4'], key: KEY, step: 4 },
      see: [
        { says: 'Bob gets ‘dog.jpg’', view: 'request', shows: 'It returned "dog.jpg": fresh' },
        { says: 'n2 answered with it', view: 'request', shows: '2 of 3 replies (n4, n2): R = 2 is met' },
      ],
    },
  ],
  checks: [
    { kind: 'op', step: 0, status: 'ok', acks: 3, replicas: ['n2', 'n3', 'n4'] },
    { kind: 'op', step: 2, status: 'ok', acks: 2, replicas: ['n2', 'n3'] },
    { kind: 'replica', node: 'n4', key: KEY, values: ['cat.jpg'], atMs: 710 },
    { kind: 'replica', node: 'n2', key: KEY, values: ['dog.jpg'], atMs: 710 },
    { kind: 'op', step: 4, status: 'ok', values: ['dog.jpg'], consistency: 'fresh' },
    { kind: 'metric', name: 'staleReads', equals: 0 },
  ],
});
