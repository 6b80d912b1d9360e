// The checker: fresh / stale / concurrent reads, lost writes, resurrections,
// and per-client read-your-writes and monotonic-read violations.
import { describe, expect, it } from 'vitest';
import { Checker } from './checker';
import { Ring } from './ring';
import { opAt, report } from './testkit';
import type { ClusterConfig, Step } from './types';
import type { Sibling } from './versions';

const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
const ring = new Ring(nodes, 1, 3);
const [a, b, c] = ring.preferenceList('k') as [string, string, string];
const outsider = ring.extendedList('k')[3]!;

function checker() {
  const lost: number[] = [];
  const resurrected: { key: string; deleteId: number; byWrite: number }[] = [];
  const ch = new Checker({ lost: (id) => lost.push(id), resurrection: (key, deleteId, byWrite) => resurrected.push({ key, deleteId, byWrite }) });
  return { ch, lost, resurrected };
}
const sib = (writeId: number, value: string | null = 'v'): Sibling => ({ value, writeId, ts: writeId });

describe('Checker (unit)', () => {
  it('a read that returns the last acknowledged write is fresh', () => {
    const { ch } = checker();
    ch.writeStarted(1, 'put', 'k', 'alice', 0);
    ch.writeFinished(1, true, 10);
    ch.readStarted(2, 'k', 'bob', 20);
    expect(ch.readFinished(2, [1], 30)).toMatchObject({ consistency: 'fresh', missed: [], violations: [] });
  });

  it('a read that misses a write acknowledged before it began is stale', () => {
    const { ch } = checker();
    ch.writeStarted(1, 'put', 'k', 'alice', 0);
    ch.writeFinished(1, true, 10);
    ch.writeStarted(2, 'put', 'k', 'alice', 20);
    ch.writeFinished(2, true, 30);
    ch.readStarted(3, 'k', 'bob', 40);
    expect(ch.readFinished(3, [1], 50)).toMatchObject({ consistency: 'stale', missed: [2] });
    ch.readStarted(4, 'k', 'bob', 40);
    expect(ch.readFinished(4, [], 50)).toMatchObject({ consistency: 'stale', missed: [1, 2] });
  });

  it('a write acknowledged after the read began, or never, cannot make it stale; overlap makes it concurrent', () => {
    const { ch } = checker();
    ch.writeStarted(1, 'put', 'k', 'alice', 0);
    ch.writeFinished(1, true, 10);
    ch.writeStarted(2, 'put', 'k', 'alice', 15);
    ch.readStarted(3, 'k', 'bob', 20);
    ch.writeFinished(2, true, 25);
    // Returning either the old or the new value is fine while they overlap.
    expect(ch.readFinished(3, [1], 30).consistency).toBe('concurrent');
    // Nothing, with no delete anywhere, misses the acknowledged put.
    ch.readStarted(6, 'k', 'bob', 40);
    expect(ch.readFinished(6, [], 50)).toMatchObject({ consistency: 'stale', missed: [1, 2] });
    // A failed write that ended before the read is not an overlap.
    ch.writeStarted(4, 'put', 'j', 'alice', 0);
    ch.writeFinished(4, false, 10);
    ch.readStarted(5, 'j', 'bob', 20);
    expect(ch.readFinished(5, [], 30).consistency).toBe('fresh');
  });

  it('a later or overlapping write covers an earlier one: returning it is not stale', () => {
    const { ch } = checker();
    ch.writeStarted(1, 'put', 'k', 'alice', 0);
    ch.writeFinished(1, true, 10);
    ch.writeStarted(2, 'put', 'k', 'bob', 20); // failed, but started after 1 was acknowledged
    ch.writeFinished(2, false, 120);
    ch.readStarted(3, 'k', 'carol', 200);
    expect(ch.readFinished(3, [2], 210).consistency).toBe('fresh');
  });

  it('after an acknowledged delete, returning nothing is fresh; returning the deleted value is stale, not a resurrection', () => {
    const { ch, resurrected } = checker();
    ch.writeStarted(1, 'put', 'k', 'alice', 0);
    ch.writeFinished(1, true, 10);
    ch.writeStarted(2, 'delete', 'k', 'alice', 20);
    ch.writeFinished(2, true, 30);
    ch.readStarted(3, 'k', 'bob', 40);
    // Nothing at all (the tombstone was purged) reads like the tombstone.
    expect(ch.readFinished(3, [], 50).consistency).toBe('fresh');
    ch.readStarted(30, 'k', 'bob', 40);
    expect(ch.readFinished(30, [2], 50).consistency).toBe('fresh');
    // A replica that missed the delete still has the value: the read is stale,
    // but nothing came back — it never left that replica.
    ch.readStarted(4, 'k', 'bob', 60);
    expect(ch.readFinished(4, [1], 70)).toMatchObject({ consistency: 'stale', missed: [2], resurrected: false });
    expect(resurrected).toEqual([]);
    // Once replication stores it again, it has come back, and a read of it says so.
    ch.stored('n2', 'k', undefined, [sib(1)], 80, true);
    expect(resurrected).toEqual([{ key: 'k', deleteId: 2, byWrite: 1 }]);
    ch.readStarted(5, 'k', 'bob', 90);
    expect(ch.readFinished(5, [1], 95)).toMatchObject({ consistency: 'stale', resurrected: true });
  });

  it('a value of a write that preceded an acknowledged delete, stored again by replication, is a resurrection (once per delete)', () => {
    const { ch, resurrected } = checker();
    ch.writeStarted(1, 'put', 'k', 'alice', 0);
    ch.writeFinished(1, true, 10);
    ch.writeStarted(2, 'delete', 'k', 'alice', 20);
    ch.writeFinished(2, true, 30);
    ch.stored('n1', 'k', undefined, [sib(1)], 40, true);
    ch.stored('n2', 'k', undefined, [sib(1)], 41, true);
    expect(resurrected).toEqual([{ key: 'k', deleteId: 2, byWrite: 1 }]);
    // A `load` (spread = false) is not replication.
    const other = checker();
    other.ch.writeStarted(1, 'put', 'k', 'alice', 0);
    other.ch.writeFinished(1, true, 10);
    other.ch.writeStarted(2, 'delete', 'k', 'alice', 20);
    other.ch.writeFinished(2, true, 30);
    other.ch.stored('n1', 'k', undefined, [sib(1)], 40, false);
    expect(other.resurrected).toEqual([]);
  });

  it('a write put again after the delete is not a resurrection', () => {
    const { ch, resurrected } = checker();
    ch.writeStarted(1, 'put', 'k', 'alice', 0);
    ch.writeFinished(1, true, 10);
    ch.writeStarted(2, 'delete', 'k', 'alice', 20);
    ch.writeFinished(2, true, 30);
    ch.writeStarted(3, 'put', 'k', 'alice', 40);
    ch.writeFinished(3, true, 50);
    ch.stored('n1', 'k', undefined, [sib(3)], 60, true);
    expect(resurrected).toEqual([]);
  });

  it('an acknowledged put is lost once no replica or hint holds it or a write that covers it', () => {
    const { ch, lost } = checker();
    ch.writeStarted(1, 'put', 'k', 'alice', 0);
    ch.stored('n1', 'k', undefined, [sib(1)], 1, true);
    ch.stored('n2', 'k', undefined, [sib(1)], 1, true);
    ch.writeFinished(1, true, 10);
    ch.stored('n1', 'k', [sib(1)], undefined, 20, false);
    expect(lost).toEqual([]);
    ch.hinted([sib(1)], true);
    ch.stored('n2', 'k', [sib(1)], undefined, 30, false);
    expect(lost).toEqual([]); // a hint still holds it
    ch.hinted([sib(1)], false);
    expect(lost).toEqual([1]);
    expect(ch.isLost(1)).toBe(true);
  });

  it('a put replaced by a later write that had seen it is not lost; one never stored (LWW kept an earlier write) is', () => {
    const { ch, lost } = checker();
    ch.writeStarted(1, 'put', 'k', 'alice', 0);
    ch.stored('n1', 'k', undefined, [sib(1)], 1, true);
    ch.writeFinished(1, true, 10);
    ch.writeStarted(2, 'put', 'k', 'bob', 20);
    ch.stored('n1', 'k', [sib(1)], [sib(2)], 21, true);
    expect(lost).toEqual([]);
    ch.writeFinished(2, true, 25);
    // 3 is acknowledged although no replica took it: 2, which it should have replaced, precedes it.
    ch.writeStarted(3, 'put', 'k', 'carol', 30);
    ch.writeFinished(3, true, 40);
    expect(lost).toEqual([3]);
  });

  it('LWW: of two overlapping acknowledged writes, the one discarded is lost (neither had seen the other)', () => {
    const { ch, lost } = checker();
    ch.writeStarted(1, 'put', 'k', 'alice', 0);
    ch.writeStarted(2, 'put', 'k', 'bob', 2);
    ch.stored('n1', 'k', undefined, [sib(1)], 3, true);
    ch.writeFinished(1, true, 10);
    // 2 has the higher timestamp: it replaces 1 on the only replica that held it.
    ch.stored('n1', 'k', [sib(1)], [sib(2)], 12, true);
    ch.writeFinished(2, true, 15);
    expect(lost).toEqual([1]);
    expect(ch.isLost(2)).toBe(false);
  });

  it('LWW: a write replaced by one that began after it was acknowledged is not lost', () => {
    const { ch, lost } = checker();
    ch.writeStarted(1, 'put', 'k', 'alice', 0);
    ch.stored('n1', 'k', undefined, [sib(1)], 3, true);
    ch.writeFinished(1, true, 10);
    ch.writeStarted(2, 'put', 'k', 'bob', 11);
    ch.stored('n1', 'k', [sib(1)], [sib(2)], 12, true);
    ch.writeFinished(2, true, 15);
    expect(lost).toEqual([]);
  });

  it('a write whose last copy is wiped is lost unless a write that had seen it is held', () => {
    const { ch, lost } = checker();
    ch.writeStarted(1, 'put', 'k', 'alice', 0);
    ch.stored('n1', 'k', undefined, [sib(1)], 3, true);
    ch.stored('n2', 'k', undefined, [sib(1)], 3, true);
    ch.writeFinished(1, true, 10);
    ch.writeStarted(2, 'put', 'k', 'bob', 20);
    ch.stored('n2', 'k', [sib(1)], [sib(2)], 22, true);
    ch.writeFinished(2, true, 25);
    ch.stored('n1', 'k', [sib(1)], undefined, 30, false); // wiped; n2 holds 2, which saw 1
    expect(lost).toEqual([]);
    ch.stored('n2', 'k', [sib(2)], undefined, 40, false); // wiped too
    expect(lost).toEqual([2]);
  });
});

describe('Checker (unit, vector mode)', () => {
  function vchecker() {
    const lost: number[] = [];
    const resurrected: number[] = [];
    const ch = new Checker({ lost: (id) => lost.push(id), resurrection: (_key, deleteId) => resurrected.push(deleteId) }, 'vector');
    return { ch, lost, resurrected };
  }
  const vsib = (writeId: number, node: string, counter: number, past: Record<string, number> = {}, value: string | null = 'v'): Sibling => ({
    value,
    writeId,
    ts: writeId,
    dot: { node, counter },
    past,
  });

  it('a sibling replaced by a write whose context covered it is not lost, however the writes overlapped in time', () => {
    const { ch, lost } = vchecker();
    ch.writeStarted(1, 'put', 'k', 'alice', 0, {});
    ch.stored('n1', 'k', undefined, [vsib(1, 'n1', 1)], 1, true);
    // 2 starts before 1 is acknowledged, but with a context that covers 1's dot.
    ch.writeStarted(2, 'put', 'k', 'bob', 2, { n1: 1 });
    ch.writeFinished(1, true, 10);
    ch.stored('n1', 'k', [vsib(1, 'n1', 1)], [vsib(2, 'n1', 2, { n1: 1 })], 11, true);
    ch.writeFinished(2, true, 12);
    expect(lost).toEqual([]);
  });

  it('a sibling removed by something that never saw it (a wipe of every copy) is lost', () => {
    const { ch, lost } = vchecker();
    ch.writeStarted(1, 'put', 'k', 'alice', 0, {});
    ch.stored('n1', 'k', undefined, [vsib(1, 'n1', 1)], 1, true);
    ch.writeFinished(1, true, 10);
    // 2 was written after 1's ack, blind: it never saw 1, so it is no cover.
    ch.writeStarted(2, 'put', 'k', 'bob', 20, {});
    ch.stored('n2', 'k', undefined, [vsib(2, 'n2', 1)], 21, true);
    ch.writeFinished(2, true, 25);
    ch.stored('n1', 'k', [vsib(1, 'n1', 1)], undefined, 30, false);
    expect(lost).toEqual([1]);
  });

  it('a blind delete is concurrent: the value kept beside its tombstone and spread again is no resurrection', () => {
    const { ch, resurrected } = vchecker();
    ch.writeStarted(1, 'put', 'k', 'alice', 0, {});
    ch.stored('n1', 'k', undefined, [vsib(1, 'n1', 1)], 1, true);
    ch.writeFinished(1, true, 10);
    ch.writeStarted(2, 'delete', 'k', 'bob', 20, {});
    ch.stored('n1', 'k', [vsib(1, 'n1', 1)], [vsib(1, 'n1', 1), vsib(2, 'n1', 2, {}, null)], 21, true);
    ch.writeFinished(2, true, 25);
    ch.stored('n2', 'k', undefined, [vsib(1, 'n1', 1), vsib(2, 'n1', 2, {}, null)], 40, true);
    expect(resurrected).toEqual([]);
  });

  it('a value stored again after a delete whose context covered it is a resurrection', () => {
    const { ch, resurrected } = vchecker();
    ch.writeStarted(1, 'put', 'k', 'alice', 0, {});
    ch.stored('n1', 'k', undefined, [vsib(1, 'n1', 1)], 1, true);
    ch.writeFinished(1, true, 10);
    ch.writeStarted(2, 'delete', 'k', 'alice', 20, { n1: 1 });
    ch.stored('n2', 'k', undefined, [vsib(2, 'n2', 1, { n1: 1 }, null)], 21, true);
    ch.writeFinished(2, true, 25);
    ch.stored('n3', 'k', undefined, [vsib(1, 'n1', 1)], 40, true);
    expect(resurrected).toEqual([2]);
  });
});

describe('checker verdicts in runs', () => {
  it('classifies fresh, stale and concurrent reads', () => {
    const r = report({
      cluster: { w: 1, r: 1, readRepair: 'off', hintedHandoff: false },
      steps: [
        { at: 0, do: 'put', client: 'x', key: 'k', value: 'v1', coordinator: a, w: 3 },
        { at: 50, do: 'get', client: 'y', key: 'k', coordinator: c },
        { at: 100, do: 'cut', from: a, to: c },
        { at: 200, do: 'put', client: 'x', key: 'k', value: 'v2', coordinator: a },
        { at: 300, do: 'get', client: 'y', key: 'k', coordinator: c },
        // A write in flight (the outsider needs 3 acks, 10 ms) while c answers at once.
        { at: 400, do: 'put', client: 'x', key: 'j', value: 'w', coordinator: outsider, w: 3 },
        { at: 402, do: 'get', client: 'y', key: 'j', coordinator: ring.preferenceList('j')[0] },
      ],
    });
    expect(opAt(r, 1)).toMatchObject({ values: ['v1'], consistency: 'fresh' });
    expect(opAt(r, 4)).toMatchObject({ values: ['v1'], consistency: 'stale', missed: [3] });
    expect(opAt(r, 6)).toMatchObject({ status: 'ok', consistency: 'concurrent' });
    expect(r.metrics.staleReads).toBe(1);
  });

  it('a deleted key read after its tombstones are purged is fresh, not a missed put, and no regression', () => {
    const r = report({
      cluster: { tombstoneGraceMs: 1000 },
      steps: [
        { at: 0, do: 'put', client: 'alice', key: 'k', value: 'v', w: 3 },
        { at: 50, do: 'get', client: 'alice', key: 'k', r: 3 },
        { at: 100, do: 'delete', client: 'bob', key: 'k', w: 3 },
        { at: 500, do: 'get', client: 'alice', key: 'k', r: 3 },
        { at: 2000, do: 'get', client: 'alice', key: 'k', r: 3 },
      ],
    });
    // At 500 the read returns the tombstone; at 2000 nothing is left at all.
    expect(opAt(r, 3)).toMatchObject({ values: [], consistency: 'fresh' });
    expect(opAt(r, 4)).toMatchObject({ values: [], consistency: 'fresh' });
    expect(opAt(r, 4).violations).toBeUndefined();
    expect(r.metrics.staleReads).toBe(0);
  });

  it('counts a write lost when every replica holding it loses its disk', () => {
    const steps: Step[] = [
      { at: 0, do: 'put', client: 'x', key: 'k', value: 'v', w: 3 },
      { at: 100, do: 'kill', node: a, wipe: true },
      { at: 100, do: 'kill', node: b, wipe: true },
    ];
    const two = report({ steps });
    expect(two.metrics.lostWrites).toBe(0);
    const three = report({ steps: [...steps, { at: 100, do: 'kill', node: c, wipe: true }] });
    expect(three.metrics.lostWrites).toBe(1);
    expect(opAt(three, 0).consistency).toBe('lost');
  });
});

describe('lost writes and resurrections, judged causally, in runs', () => {
  it('LWW: two overlapping acknowledged writes keep one value; the other is counted lost', () => {
    // Both start at 0, through different homes; b's clock is ahead, so its
    // value wins everywhere, though a's write was acknowledged too.
    const r = report({
      steps: [
        { at: 0, do: 'skew', node: b, offsetMs: 5 },
        { at: 0, do: 'put', client: 'alice', key: 'k', value: 'A', coordinator: a },
        { at: 0, do: 'put', client: 'bob', key: 'k', value: 'B', coordinator: b },
        { at: 100, do: 'get', client: 'carol', key: 'k', r: 3 },
      ],
    });
    expect(opAt(r, 1)).toMatchObject({ status: 'ok', consistency: 'lost' });
    expect(opAt(r, 2)).toMatchObject({ status: 'ok', consistency: 'fresh' });
    expect(opAt(r, 3).values).toEqual(['B']);
    expect(r.metrics.lostWrites).toBe(1);
  });

  it('LWW: the same two writes one after the other lose nothing', () => {
    const r = report({
      steps: [
        { at: 0, do: 'put', client: 'alice', key: 'k', value: 'A', coordinator: a },
        { at: 50, do: 'put', client: 'bob', key: 'k', value: 'B', coordinator: b },
      ],
    });
    expect(r.metrics.lostWrites).toBe(0);
  });

  it('vector mode: the same overlapping writes are siblings, and nothing is lost', () => {
    const r = report({
      cluster: { conflicts: 'vector' },
      steps: [
        { at: 0, do: 'put', client: 'alice', key: 'k', value: 'A', coordinator: a },
        { at: 0, do: 'put', client: 'bob', key: 'k', value: 'B', coordinator: b },
        { at: 100, do: 'get', client: 'carol', key: 'k', r: 3 },
      ],
    });
    expect(opAt(r, 2).values).toEqual(['A', 'B']);
    expect(r.metrics.lostWrites).toBe(0);
  });

  it('vector mode: a blind delete leaves the value beside its tombstone; spreading it is no resurrection', () => {
    const r = report({
      cluster: { conflicts: 'vector', tombstoneGraceMs: 100 },
      steps: [
        { at: 0, do: 'put', client: 'alice', key: 'k', value: 'v', w: 3 },
        // bob never read k: his delete carries an empty context.
        { at: 100, do: 'delete', client: 'bob', key: 'k', w: 3 },
        { at: 200, do: 'kill', node: c, wipe: true },
        { at: 210, do: 'revive', node: c },
        { at: 400, do: 'get', client: 'carol', key: 'k', r: 3 },
      ],
    });
    expect(opAt(r, 1).values).toEqual(['v']);
    expect(opAt(r, 4).values).toEqual(['v']);
    expect(r.metrics.resurrections).toBe(0);
  });

  it('vector mode: a delete that read first covers the value, and the value coming back after the purge is a resurrection', () => {
    const r = report({
      cluster: { conflicts: 'vector', tombstoneGraceMs: 100, hintedHandoff: false },
      steps: [
        { at: 0, do: 'put', client: 'alice', key: 'k', value: 'v', w: 3 },
        { at: 50, do: 'kill', node: c },
        { at: 100, do: 'get', client: 'bob', key: 'k' },
        { at: 200, do: 'delete', client: 'bob', key: 'k' },
        { at: 400, do: 'revive', node: c },
        { at: 600, do: 'get', client: 'carol', key: 'k', r: 3 },
      ],
    });
    expect(opAt(r, 3).status).toBe('ok');
    expect(opAt(r, 5).values).toEqual(['v']);
    expect(r.metrics.resurrections).toBe(1);
  });
});

describe('session guarantees', () => {
  // a → c is cut and there is no read repair or hinted handoff: c never
  // learns "new", which alice writes through a with W = 1.
  const cluster: Partial<Omit<ClusterConfig, 'nodes'>> = { w: 1, r: 1, readRepair: 'off', hintedHandoff: false };
  const setup: Step[] = [
    { at: 0, do: 'put', client: 'alice', key: 'k', value: 'old', coordinator: a, w: 3 },
    { at: 50, do: 'cut', from: a, to: c },
    { at: 100, do: 'put', client: 'alice', key: 'k', value: 'new', coordinator: a },
  ];

  it('read-your-writes: alice reading through c misses her own write; bob, who did not write, is only stale', () => {
    const r = report({ cluster, steps: [...setup, { at: 200, do: 'get', client: 'alice', key: 'k', coordinator: c }, { at: 200, do: 'get', client: 'bob', key: 'k', coordinator: c }] });
    expect(opAt(r, 3)).toMatchObject({ values: ['old'], consistency: 'stale', violations: ['read-your-writes'] });
    expect(opAt(r, 4)).toMatchObject({ values: ['old'], consistency: 'stale' });
    expect(opAt(r, 4).violations).toBeUndefined();
  });

  it('read-your-writes holds with a sticky coordinator, or with R + W > N', () => {
    const sticky = report({ cluster, steps: [...setup, { at: 200, do: 'get', client: 'alice', key: 'k', coordinator: a }] });
    expect(opAt(sticky, 3)).toMatchObject({ values: ['new'], consistency: 'fresh' });
    expect(opAt(sticky, 3).violations).toBeUndefined();
    const quorum = report({
      cluster: { ...cluster, w: 2, r: 2 },
      steps: [...setup, { at: 200, do: 'get', client: 'alice', key: 'k', coordinator: c }],
    });
    expect(opAt(quorum, 2).status).toBe('ok');
    expect(opAt(quorum, 3)).toMatchObject({ values: ['new'], consistency: 'fresh' });
    expect(opAt(quorum, 3).violations).toBeUndefined();
  });

  it('monotonic reads: bob sees "new" through a, then "old" through c', () => {
    const r = report({
      cluster,
      steps: [...setup, { at: 200, do: 'get', client: 'bob', key: 'k', coordinator: a }, { at: 300, do: 'get', client: 'bob', key: 'k', coordinator: c }, { at: 300, do: 'get', client: 'carol', key: 'k', coordinator: c }],
    });
    expect(opAt(r, 3)).toMatchObject({ values: ['new'], consistency: 'fresh' });
    expect(opAt(r, 4)).toMatchObject({ values: ['old'], violations: ['monotonic-reads'] });
    // carol never saw "new": stale, but no regression for her.
    expect(opAt(r, 5)).toMatchObject({ values: ['old'], consistency: 'stale' });
    expect(opAt(r, 5).violations).toBeUndefined();
  });

  it('monotonic reads hold when bob sticks to one coordinator', () => {
    const r = report({ cluster, steps: [...setup, { at: 200, do: 'get', client: 'bob', key: 'k', coordinator: a }, { at: 300, do: 'get', client: 'bob', key: 'k', coordinator: a }] });
    expect(opAt(r, 4)).toMatchObject({ values: ['new'], consistency: 'fresh' });
    expect(opAt(r, 4).violations).toBeUndefined();
  });

  it('flags both for alice when she regresses on her own write', () => {
    const r = report({ cluster, steps: [...setup, { at: 200, do: 'get', client: 'alice', key: 'k', coordinator: a }, { at: 300, do: 'get', client: 'alice', key: 'k', coordinator: c }] });
    expect(opAt(r, 4).violations).toEqual(['read-your-writes', 'monotonic-reads']);
  });
});
