// The persistent map against a plain Map: the same answers and the same
// (insertion) order after any sequence of sets and deletes, every older
// version unchanged, and a change that allocates a path, not a copy.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Edit, PersistentMap, type MapKey } from './persistentMap';

// Numbers outside the small whole numbers (0 ≤ n < 2^30, kept in a radix
// trie) hash by their 32-bit truncation, so 2^32 + 1, 2^33 + 1… share a hash:
// with them in the pool the hash trie's collision nodes are exercised too.
const COLLIDING = [2 ** 32 + 1, 2 ** 33 + 1, 2 ** 34 + 1, 2 ** 35 + 1];
const POOL: MapKey[] = [...COLLIDING, 0, -0, NaN, 1, 2, 3, 31, 32, 33, 1024, 2 ** 30 - 1, 2 ** 30, -1, 1.5, 'a', 'b', 'n1', 'n1@9', 'n1@10', '', '1', 'k'];

type Command = { set: MapKey; value: number } | { delete: MapKey };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ set: fc.oneof(fc.constantFrom(...POOL), fc.integer({ min: 0, max: 3000 }), fc.string({ maxLength: 3 })), value: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ delete: fc.oneof(fc.constantFrom(...POOL), fc.integer({ min: 0, max: 3000 })) }),
);

/** 2 to 120 keys (strings, or numbers for the hash trie) and an order to delete them all in. */
const deletionOrders = fc.integer({ min: 2, max: 120 }).chain((n) =>
  fc.record({
    order: fc.shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: n, maxLength: n },
    ),
    base: fc.integer({ min: 0, max: 1e6 }),
    strings: fc.boolean(),
  }),
);

function apply<K extends MapKey>(m: PersistentMap<K, number>, model: Map<K, number>, c: Command): PersistentMap<K, number> {
  if ('set' in c) {
    model.set(c.set as K, c.value);
    return m.set(c.set as K, c.value);
  }
  model.delete(c.delete as K);
  return m.delete(c.delete as K);
}

function expectSame(m: PersistentMap<MapKey, number>, model: ReadonlyMap<MapKey, number>): void {
  expect(m.size).toBe(model.size);
  expect([...m.entries()]).toEqual([...model.entries()]);
  expect([...m.keys()]).toEqual([...model.keys()]);
  expect([...m.values()]).toEqual([...model.values()]);
  expect([...m]).toEqual([...model]);
  for (const k of [...POOL, ...model.keys()]) {
    expect(m.has(k)).toBe(model.has(k));
    expect(m.get(k)).toBe(model.get(k));
  }
}

describe('PersistentMap', () => {
  it('answers as a Map does, in insertion order, after any sets and deletes; older versions never change', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 300 }), (commands) => {
        let m = PersistentMap.empty<MapKey, number>();
        const model = new Map<MapKey, number>();
        const versions: [PersistentMap<MapKey, number>, Map<MapKey, number>][] = [];
        for (const c of commands) {
          m = apply(m, model, c);
          versions.push([m, new Map(model)]);
        }
        expectSame(m, model);
        for (const [version, then] of versions) {
          expect(version.size).toBe(then.size);
          expect([...version]).toEqual([...then]);
        }
      }),
      { seed: 0x9e37, numRuns: 500 },
    );
  });

  it('with an edit, changes in place only what was made since the last snapshot: every snapshot stays as it was', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 8, arbitrary: command }, { weight: 1, arbitrary: fc.constant('snapshot' as const) }), { maxLength: 400 }), (commands) => {
        let m = PersistentMap.empty<MapKey, number>();
        const model = new Map<MapKey, number>();
        let edit = new Edit();
        const snapshots: [PersistentMap<MapKey, number>, Map<MapKey, number>][] = [];
        for (const c of commands) {
          if (c === 'snapshot') {
            snapshots.push([m, new Map(model)]);
            edit = new Edit();
          } else if ('set' in c) {
            model.set(c.set, c.value);
            m = m.set(c.set, c.value, edit);
          } else {
            model.delete(c.delete);
            m = m.delete(c.delete, edit);
          }
        }
        expectSame(m, model);
        for (const [snapshot, then] of snapshots) expectSame(snapshot, then);
      }),
      { seed: 0xed17, numRuns: 500 },
    );
  });

  it('keeps Map semantics across order-trie levels: 40,000 inserts, deletes of most under another edit, reinserts at the end', () => {
    let m = PersistentMap.empty<number, number>();
    const model = new Map<number, number>();
    const building = new Edit();
    for (let i = 0; i < 40_000; i++) {
      m = m.set(i * 7, i, building);
      model.set(i * 7, i);
    }
    const full = m;
    // Deleting under another edit must leave `full` as it was.
    const thinning = new Edit();
    for (let i = 0; i < 40_000; i++) {
      if (i % 97 === 0) continue;
      m = m.delete(i * 7, thinning);
      model.delete(i * 7);
    }
    // An old key set again goes to the end, as in a Map.
    m = m.set(0, -1).delete(0).set(0, -2);
    model.set(0, -1);
    model.delete(0);
    model.set(0, -2);
    expect([...m]).toEqual([...model]);
    expect(full.size).toBe(40_000);
    expect(full.get(7 * 39_999)).toBe(39_999);
    expect([...full.keys()].slice(0, 3)).toEqual([0, 7, 14]);
  });

  it('shrinking to the last few keys, whatever hash bits they share, still finds each of them', () => {
    // The hash trie lifts a lone pair towards the root as keys go; run many
    // deletion orders so that the last keys often share leading hash bits.
    fc.assert(
      fc.property(deletionOrders, ({ order, base, strings }) => {
        const keyOf = (i: number): MapKey => (strings ? `k${base}-${i}` : 2 ** 32 + base + i * 7919);
        let m = PersistentMap.from(order.map((_, i) => [keyOf(i), i] as const));
        for (let d = 0; d < order.length; d++) {
          m = m.delete(keyOf(order[d]!));
          const left = order.slice(d + 1);
          expect(m.size).toBe(left.length);
          expect(m.has(keyOf(order[d]!))).toBe(false);
          if (left.length <= 4) for (const i of left) expect(m.get(keyOf(i))).toBe(i);
        }
      }),
      { seed: 0x1a57, numRuns: 600 },
    );
  });

  it('tells colliding keys apart and folds a collision away when one is left', () => {
    let m = PersistentMap.empty<number, string>();
    for (const k of COLLIDING) m = m.set(k, `v${k}`);
    for (const k of COLLIDING) expect(m.get(k)).toBe(`v${k}`);
    expect(m.get(2 ** 36 + 1)).toBeUndefined();
    expect(m.get(1)).toBeUndefined();
    const [a, b, c, d] = COLLIDING as [number, number, number, number];
    m = m.delete(b).delete(d).delete(c);
    expect([...m]).toEqual([[a, `v${a}`]]);
    // One left: a fresh map with only that key has the same shape.
    expect(m.footprint(new Set())).toEqual(PersistentMap.empty<number, string>().set(a, `v${a}`).footprint(new Set()));
  });

  it('setting a value already there, or deleting a missing key, returns the same map', () => {
    const m = PersistentMap.from<string, number>([['a', 1], ['b', 2]]);
    expect(m.set('a', 1)).toBe(m);
    expect(m.delete('zz')).toBe(m);
    expect(m.set('a', 3)).not.toBe(m);
    expect(m.get('a')).toBe(1);
  });

  it('a change allocates a path of the tries, sharing the rest with the map it came from', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 0, max: 1e9 }), fc.boolean(), fc.boolean(), (size, seed, replace, strings) => {
        // Whole numbers go to the radix index, strings to the hash trie.
        const key = (i: number): MapKey => (strings ? `k${i}` : i);
        const m = PersistentMap.from(Array.from({ length: size }, (_, i) => [key(i), i] as const));
        const seen = new Set<object>();
        const before = m.footprint(seen).nodes;
        const next = m.set(key(replace ? seed % size : size + seed), -1).delete(key(replace ? (seed + 1) % size : 0));
        // Each trie is at most 7 levels deep (32-bit hashes, 5 bits a level;
        // keys and sequence numbers below 2^30): two changes copy at most 2 × 14 nodes.
        expect(next.footprint(seen).nodes).toBeLessThanOrEqual(28);
        expect(before).toBeGreaterThanOrEqual(size / 32);
      }),
      { seed: 0x5ca1e, numRuns: 40 },
    );
  });

  it('forEach passes value, key and the map, in order', () => {
    const m = PersistentMap.from<string, number>([['x', 1], ['y', 2]]);
    const seen: [number, string, unknown][] = [];
    m.forEach((v, k, map) => seen.push([v, k, map]));
    expect(seen).toEqual([[1, 'x', m], [2, 'y', m]]);
    expect(Object.prototype.toString.call(m)).toBe('[object PersistentMap]');
  });
});
