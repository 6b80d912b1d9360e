// Consistent hashing: preference lists, token ranges and their replica sets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hash32 } from './hash';
import { inRange } from './merkle';
import { Ring } from './ring';

const RING = 2 ** 32;
const params = { seed: 0x72696e67, numRuns: 200 };
const ids = (k: number) => Array.from({ length: k }, (_, i) => `n${i + 1}`);

/** Clockwise distance from position `from` to position `to` on the 32-bit ring. */
const clockwise = (from: number, to: number) => (to - from + RING) % RING;

/** Reference preference list: walk tokens clockwise from the key, first n distinct owners. */
function referenceList(nodes: string[], vnodes: number, n: number, key: string): string[] {
  const h = hash32(key);
  const tokens = nodes.flatMap((node) => Array.from({ length: vnodes }, (_, i) => ({ node, token: hash32(`${node}#${i}`) })));
  tokens.sort((x, y) => clockwise(h, x.token) - clockwise(h, y.token) || (x.node < y.node ? -1 : 1));
  const out: string[] = [];
  for (const t of tokens) if (!out.includes(t.node) && out.length < n) out.push(t.node);
  return out;
}

const shape = fc.record({
  count: fc.integer({ min: 1, max: 9 }),
  vnodes: fc.integer({ min: 1, max: 8 }),
  n: fc.integer({ min: 1, max: 5 }),
  keys: fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 10 }),
});

describe('Ring', () => {
  it('gives each key n distinct nodes, met walking clockwise from the key', () => {
    fc.assert(
      fc.property(shape, ({ count, vnodes, n, keys }) => {
        const nodes = ids(count);
        const ring = new Ring(nodes, vnodes, n);
        for (const key of keys) {
          const list = ring.preferenceList(key);
          expect(list).toHaveLength(Math.min(n, count));
          expect(new Set(list).size).toBe(list.length);
          expect(list).toEqual(referenceList(nodes, vnodes, n, key));
          // The extended list starts with the preference list and names every node once.
          const ext = ring.extendedList(key);
          expect(ext.slice(0, list.length)).toEqual(list);
          expect([...ext].sort()).toEqual([...nodes].sort());
        }
      }),
      params,
    );
  });

  it('the first replica owns the first token at or after the key', () => {
    const ring = new Ring(ids(5), 4, 3);
    for (const key of ['cart', 'k', 'x', 'user:42', '']) {
      const h = hash32(key);
      const owner = ring.tokens.reduce((best, t) => (clockwise(h, t.token) < clockwise(h, best.token) ? t : best));
      expect(ring.preferenceList(key)[0]).toBe(owner.node);
    }
  });

  it('token ranges tile the ring, and a range is held by the preference list of every key in it', () => {
    fc.assert(
      fc.property(shape, ({ count, vnodes, n, keys }) => {
        const ring = new Ring(ids(count), vnodes, n);
        const total = ring.ranges.reduce((sum, r) => sum + (clockwise(r.range.start, r.range.end) || RING), 0);
        // Distinct tokens tile the ring exactly once (a collision would give a zero-width range).
        if (new Set(ring.tokens.map((t) => t.token)).size === ring.tokens.length) expect(total).toBe(RING);
        for (const key of keys) {
          const range = ring.rangeOf(key);
          expect(inRange(hash32(key), range.range)).toBe(true);
          expect(range.replicas).toEqual(ring.preferenceList(key));
        }
        for (const node of ids(count)) {
          const held = ring.rangesHeldBy(node);
          expect(held.every((r) => r.replicas.includes(node))).toBe(true);
          expect(ring.ranges.filter((r) => r.replicas.includes(node))).toHaveLength(held.length);
        }
      }),
      params,
    );
  });

  it('every node of a 5-node ring with n = 3 holds 3 of the 5 ranges (vnodes = 1)', () => {
    const ring = new Ring(ids(5), 1, 3);
    expect(ring.ranges).toHaveLength(5);
    for (const node of ids(5)) expect(ring.rangesHeldBy(node)).toHaveLength(3);
  });

  it('vnodes spread ownership: with 64 tokens per node no node owns far from its share', () => {
    const share = (vnodes: number) => {
      const ring = new Ring(ids(5), vnodes, 1);
      const owned = new Map<string, number>();
      for (const r of ring.ranges) owned.set(r.replicas[0]!, (owned.get(r.replicas[0]!) ?? 0) + clockwise(r.range.start, r.range.end));
      return ids(5).map((id) => (owned.get(id) ?? 0) / RING);
    };
    const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    const many = share(64);
    // Expected 0.2 each; with 64 tokens a node's share has a standard deviation near 0.02.
    for (const s of many) expect(s).toBeGreaterThan(0.12);
    for (const s of many) expect(s).toBeLessThan(0.28);
    expect(spread(many)).toBeLessThan(spread(share(1)));
  });

  it('is the same ring whatever order the nodes are listed in', () => {
    fc.assert(
      fc.property(
        shape.chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(ids(s.count), { minLength: s.count, maxLength: s.count }))),
        ([{ count, vnodes, n, keys }, shuffled]) => {
          const a = new Ring(ids(count), vnodes, n);
          const b = new Ring(shuffled, vnodes, n);
          expect(b.tokens).toEqual(a.tokens);
          expect(b.ranges).toEqual(a.ranges);
          for (const key of keys) expect(b.extendedList(key)).toEqual(a.extendedList(key));
        },
      ),
      params,
    );
  });
});
