// A Merkle tree that stores only its non-empty nodes, hashed by the same
// rules as src/sim/merkle.ts (a leaf is the sum mod 2^32 of its entries'
// hashes, a parent combine32(left, right), an all-empty subtree 0). The sim's
// MerkleTree allocates 2·2^depth slots — half a megabyte per tree at depth 16
// — which a view rebuilding trees for every range on every frame cannot
// afford; this one costs O(keys · depth).

import { combine32 } from '../../sim/hash';
import { entryHash, leafIndex, type TokenRange } from '../../sim/merkle';

/** What the views read from a tree. */
export interface MerkleShape {
  readonly depth: number;
  hash(level: number, index: number): number;
  root(): number;
  leafKeys(index: number): string[];
  size(): number;
}

export class SparseMerkle implements MerkleShape {
  /** Heap position (2^level + index) → hash, for non-zero nodes only. */
  private readonly nodes = new Map<number, number>();
  private readonly leaves = new Map<number, string[]>();
  private readonly count: number;

  constructor(
    readonly range: TokenRange,
    readonly depth: number,
    entries: Iterable<{ key: string; keyHash: number; digest: number }>,
  ) {
    const RING = 2 ** 32;
    const base = 2 ** depth;
    let count = 0;
    for (const { key, keyHash, digest } of entries) {
      const leaf = leafIndex(keyHash, range, depth);
      const p = base + leaf;
      this.nodes.set(p, ((this.nodes.get(p) ?? 0) + entryHash(keyHash, digest)) % RING);
      const keys = this.leaves.get(leaf);
      if (keys) keys.push(key);
      else this.leaves.set(leaf, [key]);
      count++;
    }
    this.count = count;
    for (const keys of this.leaves.values()) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    // Level by level up: each parent of a node present at this level.
    let level = [...this.nodes.keys()];
    for (let d = depth; d > 0; d--) {
      const parents = new Set<number>();
      for (const p of level) parents.add(p >>> 1);
      for (const q of parents) {
        const l = this.nodes.get(2 * q) ?? 0;
        const r = this.nodes.get(2 * q + 1) ?? 0;
        const h = l === 0 && r === 0 ? 0 : combine32(l, r);
        if (h !== 0) this.nodes.set(q, h);
      }
      level = [...parents];
    }
  }

  hash(level: number, index: number): number {
    return this.nodes.get(2 ** level + index) ?? 0;
  }

  root(): number {
    return this.hash(0, 0);
  }

  leafKeys(index: number): string[] {
    return [...(this.leaves.get(index) ?? [])];
  }

  size(): number {
    return this.count;
  }

  allKeys(): string[] {
    return [...this.leaves.values()].flat();
  }
}
