import { describe, expect, it } from 'vitest';
import { hash32 } from '../../sim/hash';
import { MerkleTree, inRange, type TokenRange } from '../../sim/merkle';
import { Prng } from '../../sim/prng';
import { SparseMerkle } from './sparseMerkle';

describe('SparseMerkle', () => {
  it('hashes every node exactly as the simulation’s MerkleTree does', () => {
    for (const seed of [1, 2, 3, 42]) {
      const rng = new Prng(seed);
      const depth = 1 + rng.int(10);
      const start = rng.nextU32();
      const range: TokenRange = { start, end: (start + 1 + rng.int(2 ** 31)) % 2 ** 32 };
      const full = new MerkleTree(range, depth);
      const entries: { key: string; keyHash: number; digest: number }[] = [];
      for (let i = 0; entries.length < 40 && i < 2000; i++) {
        const key = `k${seed}-${i}`;
        const keyHash = hash32(key);
        if (!inRange(keyHash, range)) continue;
        const digest = rng.nextU32();
        entries.push({ key, keyHash, digest });
        full.set(key, keyHash, digest);
      }
      expect(entries.length).toBeGreaterThan(10);
      const sparse = new SparseMerkle(range, depth, entries);
      expect(sparse.size(), `seed ${seed}`).toBe(full.size());
      for (let level = 0; level <= depth; level++) {
        for (let i = 0; i < 2 ** level; i++) expect(sparse.hash(level, i), `seed ${seed} level ${level} node ${i}`).toBe(full.hash(level, i));
      }
      for (let i = 0; i < 2 ** depth; i++) expect(sparse.leafKeys(i)).toEqual(full.leafKeys(i));
    }
  });

  it('is empty, and hashes to 0, without entries', () => {
    const t = new SparseMerkle({ start: 0, end: 0 }, 16, []);
    expect(t.root()).toBe(0);
    expect(t.size()).toBe(0);
    expect(t.leafKeys(123)).toEqual([]);
  });
});
