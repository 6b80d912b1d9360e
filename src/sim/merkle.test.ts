import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combine32, hash32 } from './hash';
import {
  MerkleTree,
  childrenOf,
  diffTrees,
  differingNodes,
  entryHash,
  inRange,
  leafIndex,
  rangeWidth,
  type TokenRange,
} from './merkle';

const RING = 2 ** 32;
const SEED = 0x5eed_1e55;
const RUNS = 1000;
const params = { seed: SEED, numRuns: RUNS };

const u32 = fc.integer({ min: 0, max: RING - 1 });
/** Ranges of every shape: arbitrary (often wrapping), whole ring, tiny, ending at 0 or 2^32 - 1. */
const rangeArb: fc.Arbitrary<TokenRange> = fc.oneof(
  fc.record({ start: u32, end: u32 }),
  u32.map((t) => ({ start: t, end: t })),
  fc.tuple(u32, fc.integer({ min: 1, max: 300 })).map(([s, w]) => ({ start: s, end: (s + w) % RING })),
  fc.constantFrom({ start: 0, end: 0 }, { start: RING - 1, end: 0 }, { start: 0, end: RING - 1 }),
);
const depthArb = fc.integer({ min: 0, max: 16 });

/** The key at `offset` tokens past the first token of the range (offset taken mod width). */
function tokenAt(range: TokenRange, offset: number): number {
  return (range.start + 1 + (offset % rangeWidth(range))) % RING;
}

/** Exact reference for leafIndex, in BigInt. */
function leafRef(keyHash: number, range: TokenRange, depth: number): number {
  const offset = (BigInt(keyHash) - BigInt(range.start) - 1n + 2n ** 32n) % 2n ** 32n;
  return Number((offset << BigInt(depth)) / BigInt(rangeWidth(range)));
}

interface Entry { key: string; keyHash: number; digest: number }

/** Entries with unique keys at arbitrary positions of a range. */
function entriesArb(range: TokenRange, maxLength: number): fc.Arbitrary<Entry[]> {
  return fc
    .array(fc.record({ offset: u32, digest: u32 }), { maxLength })
    .map((xs) => xs.map(({ offset, digest }, i) => ({ key: `k${i}`, keyHash: tokenAt(range, offset), digest })));
}

function build(range: TokenRange, depth: number, entries: readonly Entry[]): MerkleTree {
  const t = new MerkleTree(range, depth);
  for (const e of entries) t.set(e.key, e.keyHash, e.digest);
  return t;
}

/** Every node hash, level by level, recomputed from scratch by the documented rules. */
function referenceHashes(range: TokenRange, depth: number, entries: readonly Entry[]): number[][] {
  let level = new Array<number>(2 ** depth).fill(0);
  for (const e of entries) {
    const i = leafRef(e.keyHash, range, depth);
    level[i] = ((level[i] ?? 0) + entryHash(e.keyHash, e.digest)) % RING;
  }
  const levels = [level];
  while (level.length > 1) {
    const prev = level;
    level = Array.from({ length: prev.length / 2 }, (_, i) => {
      const l = prev[2 * i] ?? 0;
      const r = prev[2 * i + 1] ?? 0;
      return l === 0 && r === 0 ? 0 : combine32(l, r);
    });
    levels.unshift(level);
  }
  return levels;
}

function allHashes(t: MerkleTree): number[][] {
  return Array.from({ length: t.depth + 1 }, (_, level) =>
    Array.from({ length: 2 ** level }, (_, i) => t.hash(level, i)),
  );
}

describe('token ranges', () => {
  it('rangeWidth counts tokens, with start === end as the whole ring', () => {
    expect(rangeWidth({ start: 4, end: 5 })).toBe(1);
    expect(rangeWidth({ start: 5, end: 4 })).toBe(RING - 1);
    expect(rangeWidth({ start: 0, end: RING - 1 })).toBe(RING - 1);
    expect(rangeWidth({ start: 7, end: 7 })).toBe(RING);
    expect(() => rangeWidth({ start: -1, end: 3 })).toThrow(RangeError);
    expect(() => rangeWidth({ start: 0, end: RING })).toThrow(RangeError);
  });

  it('inRange matches (start, end] walking clockwise', () => {
    fc.assert(
      fc.property(rangeArb, u32, ({ start, end }, k) => {
        const expected = start === end ? true : start < end ? start < k && k <= end : k > start || k <= end;
        expect(inRange(k, { start, end })).toBe(expected);
      }),
      params,
    );
  });

  it('leafIndex is within [0, 2^depth) and equals the exact BigInt formula', () => {
    fc.assert(
      fc.property(rangeArb, depthArb, u32, (range, depth, offset) => {
        const k = tokenAt(range, offset);
        const leaf = leafIndex(k, range, depth);
        expect(Number.isInteger(leaf)).toBe(true);
        expect(leaf).toBeGreaterThanOrEqual(0);
        expect(leaf).toBeLessThan(2 ** depth);
        expect(leaf).toBe(leafRef(k, range, depth));
      }),
      params,
    );
  });

  it('leafIndex is monotonic in the position along the arc and spans all leaves', () => {
    fc.assert(
      fc.property(rangeArb, depthArb, u32, u32, (range, depth, o1, o2) => {
        const w = rangeWidth(range);
        const [a, b] = [o1 % w, o2 % w].sort((x, y) => x - y) as [number, number];
        expect(leafIndex(tokenAt(range, a), range, depth)).toBeLessThanOrEqual(leafIndex(tokenAt(range, b), range, depth));
        expect(leafIndex(tokenAt(range, 0), range, depth)).toBe(0);
        const last = leafIndex(range.end, range, depth);
        if (w >= 2 ** depth) expect(last).toBe(2 ** depth - 1);
      }),
      params,
    );
  });

  it('whole ring: every token is in range, start itself is the last token', () => {
    const ring = { start: 0, end: 0 };
    expect(inRange(0, ring)).toBe(true);
    expect(leafIndex(1, ring, 16)).toBe(0);
    expect(leafIndex(2 ** 31 + 1, ring, 16)).toBe(32768);
    expect(leafIndex(0, ring, 16)).toBe(65535);
    expect(leafIndex(RING - 1, ring, 1)).toBe(1);
  });

  it('wrapping range (start > end) buckets across 0', () => {
    const r = { start: RING - 100, end: 100 };
    expect(rangeWidth(r)).toBe(200);
    expect(inRange(RING - 100, r)).toBe(false);
    expect(inRange(RING - 99, r)).toBe(true);
    expect(inRange(0, r)).toBe(true);
    expect(inRange(100, r)).toBe(true);
    expect(inRange(101, r)).toBe(false);
    expect(leafIndex(RING - 99, r, 1)).toBe(0);
    expect(leafIndex(0, r, 1)).toBe(0);
    expect(leafIndex(1, r, 1)).toBe(1);
    expect(leafIndex(100, r, 1)).toBe(1);
    expect(leafIndex(0, r, 3)).toBe(3);
    expect(() => leafIndex(101, r, 1)).toThrow(/outside token range/);
  });

  it('rejects bad depths and keys outside the tree range', () => {
    expect(() => new MerkleTree({ start: 0, end: 0 }, 17)).toThrow(RangeError);
    expect(() => new MerkleTree({ start: 0, end: 0 }, 1.5)).toThrow(RangeError);
    const t = new MerkleTree({ start: 10, end: 20 }, 2);
    expect(() => t.set('x', 10, 1)).toThrow(/outside token range/);
    expect(() => t.set('x', 21, 1)).toThrow(/outside token range/);
    expect(() => t.hash(3, 0)).toThrow(RangeError);
    expect(() => t.hash(2, 4)).toThrow(RangeError);
    expect(() => t.leafKeys(4)).toThrow(RangeError);
  });
});

describe('MerkleTree hashes', () => {
  it('follows the documented rules on a hand-built example', () => {
    const ring = { start: 0, end: 0 };
    const t = new MerkleTree(ring, 2);
    expect(t.root()).toBe(0);
    t.set('a', 5, 111); // leaf 0
    const ea = entryHash(5, 111);
    expect(t.hash(2, 0)).toBe(ea);
    expect(t.hash(1, 1)).toBe(0); // empty subtree
    expect(t.root()).toBe(combine32(combine32(ea, 0), 0));
    t.set('b', 0, 222); // token 0 is the last of the whole ring: leaf 3
    t.set('c', 3, 333); // leaf 0 too
    const eb = entryHash(0, 222);
    const left = combine32((ea + entryHash(3, 333)) % RING, 0);
    expect(t.root()).toBe(combine32(left, combine32(0, eb)));
    expect(t.leafKeys(0)).toEqual(['a', 'c']);
    expect(t.leafKeys(3)).toEqual(['b']);
    expect(t.size()).toBe(3);
  });

  it('same entries in any order, with reads interleaved, give identical hashes at every node', () => {
    const arb = fc
      .tuple(rangeArb, fc.integer({ min: 0, max: 8 }))
      .chain(([range, depth]) =>
        fc.tuple(fc.constant(range), fc.constant(depth), entriesArb(range, 40).chain((es) =>
          fc.tuple(fc.constant(es), fc.shuffledSubarray(es, { minLength: es.length, maxLength: es.length }), fc.array(fc.nat(), { maxLength: 40 })),
        )),
      );
    fc.assert(
      fc.property(arb, ([range, depth, [entries, shuffled, probes]]) => {
        const a = build(range, depth, entries);
        const b = new MerkleTree(range, depth);
        shuffled.forEach((e, i) => {
          b.set(e.key, e.keyHash, e.digest);
          const p = probes[i]; // partial lazy recomputation between updates
          if (p !== undefined) b.hash(p % (depth + 1), Math.floor(p / 17) % 2 ** (p % (depth + 1)));
        });
        expect(allHashes(b)).toEqual(allHashes(a));
        expect(allHashes(a)).toEqual(referenceHashes(range, depth, entries));
      }),
      params,
    );
  });

  it('incremental set / replace / remove equals a tree built from the final entries', () => {
    const op = fc.record({ key: fc.nat({ max: 15 }), digest: fc.option(fc.nat({ max: 3 })), probe: fc.boolean() });
    const arb = fc.tuple(rangeArb, fc.integer({ min: 0, max: 6 }), fc.array(u32, { minLength: 16, maxLength: 16 }), fc.array(op, { maxLength: 60 }));
    fc.assert(
      fc.property(arb, ([range, depth, offsets, ops]) => {
        const t = new MerkleTree(range, depth);
        const model = new Map<string, Entry>();
        for (const { key: i, digest, probe } of ops) {
          const key = `k${i}`;
          const keyHash = tokenAt(range, offsets[i] ?? 0);
          t.set(key, keyHash, digest ?? undefined);
          if (digest === null) model.delete(key);
          else model.set(key, { key, keyHash, digest });
          if (probe) t.root();
        }
        const final = [...model.values()];
        const fresh = build(range, depth, final);
        expect(allHashes(t)).toEqual(allHashes(fresh));
        expect(allHashes(t)).toEqual(referenceHashes(range, depth, final));
        expect(t.size()).toBe(model.size);
        for (let leaf = 0; leaf < 2 ** depth; leaf++) expect(t.leafKeys(leaf)).toEqual(fresh.leafKeys(leaf));
        for (const e of final) t.set(e.key, e.keyHash, undefined);
        expect(t.root()).toBe(0);
        expect(t.size()).toBe(0);
      }),
      params,
    );
  });
});

describe('diffTrees', () => {
  const base = fc
    .tuple(rangeArb, fc.integer({ min: 0, max: 10 }))
    .chain(([range, depth]) => fc.tuple(fc.constant(range), fc.constant(depth), entriesArb(range, 60)));

  it('identical trees: no leaves, one comparison', () => {
    fc.assert(
      fc.property(base, ([range, depth, entries]) => {
        const a = build(range, depth, entries);
        const b = build(range, depth, [...entries].reverse());
        expect(diffTrees(a, b)).toEqual({ differingLeaves: [], hashesCompared: 1 });
      }),
      params,
    );
  });

  it('one differing key (changed digest, or missing on one side): exactly its leaf, 1 + 2·depth comparisons', () => {
    const arb = base.chain(([range, depth, entries]) =>
      fc.tuple(fc.constant(range), fc.constant(depth), fc.constant(entries), u32, u32, fc.constantFrom('change', 'remove', 'add')),
    );
    fc.assert(
      fc.property(arb, ([range, depth, entries, pick, value, kind]) => {
        const a = build(range, depth, entries);
        const b = build(range, depth, entries);
        const victim = entries[pick % Math.max(1, entries.length)];
        let leaf: number;
        if (kind === 'add' || victim === undefined) {
          const keyHash = tokenAt(range, value);
          b.set('extra', keyHash, pick);
          leaf = leafIndex(keyHash, range, depth);
        } else {
          b.set(victim.key, victim.keyHash, kind === 'remove' ? undefined : (victim.digest + 1 + (value % 1000)) % RING);
          leaf = leafIndex(victim.keyHash, range, depth);
        }
        expect(diffTrees(a, b)).toEqual({ differingLeaves: [leaf], hashesCompared: 1 + 2 * depth });
        expect(diffTrees(b, a)).toEqual({ differingLeaves: [leaf], hashesCompared: 1 + 2 * depth });
      }),
      params,
    );
  });

  it('k differing keys: exactly their leaves, comparisons along their paths only (≤ 1 + 2·k·depth)', () => {
    const arb = base.chain(([range, depth, entries]) =>
      fc.tuple(fc.constant(range), fc.constant(depth), fc.constant(entries), fc.uniqueArray(fc.nat({ max: 59 }), { maxLength: 12 }), u32),
    );
    fc.assert(
      fc.property(arb, ([range, depth, entries, picks, salt]) => {
        const a = build(range, depth, entries);
        const b = build(range, depth, entries);
        const leaves = new Set<number>();
        for (const p of picks) {
          const e = entries[p];
          const keyHash = e?.keyHash ?? tokenAt(range, salt + p * 7919);
          if (e === undefined) b.set(`extra${p}`, keyHash, p); // missing on a
          else if (p % 2 === 0) b.set(e.key, e.keyHash, undefined); // missing on b
          else b.set(e.key, e.keyHash, (e.digest + 1 + (salt % 1000)) % RING); // changed digest
          leaves.add(leafIndex(keyHash, range, depth));
        }
        const { differingLeaves, hashesCompared } = diffTrees(a, b);
        expect(differingLeaves).toEqual([...leaves].sort((x, y) => x - y));
        let expected = 1;
        for (let level = 0; level < depth; level++) {
          expected += 2 * new Set([...leaves].map((l) => Math.floor(l / 2 ** (depth - level)))).size;
        }
        expect(hashesCompared).toBe(expected);
        expect(hashesCompared).toBeLessThanOrEqual(1 + 2 * picks.length * depth);
      }),
      params,
    );
  });

  it('65,536 keys at depth 16, one differing: finds 1 leaf comparing 33 hashes instead of 65,536', () => {
    const ring = { start: 0, end: 0 };
    const a = new MerkleTree(ring, 16);
    const b = new MerkleTree(ring, 16);
    const n = 65_536;
    for (let i = 0; i < n; i++) {
      const key = `key${i}`;
      const h = hash32(key);
      a.set(key, h, hash32(`v${i}`));
      b.set(key, h, i === 4242 ? hash32('newer') : hash32(`v${i}`));
    }
    expect(a.size()).toBe(n);
    const leaf = leafIndex(hash32('key4242'), ring, 16);
    expect(diffTrees(a, b)).toEqual({ differingLeaves: [leaf], hashesCompared: 33 });
    expect(a.leafKeys(leaf)).toContain('key4242');
    expect(b.leafKeys(leaf)).toEqual(a.leafKeys(leaf));
    // Syncing that key makes the roots agree again after an O(depth) recompute.
    b.set('key4242', hash32('key4242'), hash32('v4242'));
    expect(diffTrees(a, b)).toEqual({ differingLeaves: [], hashesCompared: 1 });
  });

  it('differingNodes and childrenOf', () => {
    const r = { start: 0, end: 0 };
    const a = build(r, 3, [{ key: 'x', keyHash: 1, digest: 9 }]);
    const b = new MerkleTree(r, 3);
    expect(childrenOf(3)).toEqual([6, 7]);
    expect(differingNodes(a, b, 3, [7, 0, 1])).toEqual([0]);
    expect(differingNodes(a, b, 1, [1, 0])).toEqual([0]);
    expect(() => differingNodes(a, new MerkleTree(r, 2), 1, [0])).toThrow(/different shapes/);
    expect(() => diffTrees(a, new MerkleTree({ start: 1, end: 1 }, 3))).toThrow(/different shapes/);
  });
});
