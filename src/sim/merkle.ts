// Merkle trees over token ranges, for anti-entropy.
//
// A replica keeps one tree per token range it holds. The range's arc is cut
// into 2^depth equal leaves; a leaf's hash is the sum mod 2^32 of its
// entries' hashes, so it is independent of insertion order and one key's
// change is an O(1) update. Parents are combine32(left, right), except that a
// node whose children both hash to 0 hashes to 0: an empty subtree is 0 at
// every level, so a tree's hashes depend only on its current entries, never
// on its history.

import { combine32 } from './hash';

/** The half-open arc (start, end] walking clockwise; start === end is the whole ring. */
export interface TokenRange {
  start: number;
  end: number;
}

const RING = 2 ** 32;
export const MAX_MERKLE_DEPTH = 16;

function isU32(x: number): boolean {
  return Number.isInteger(x) && x >= 0 && x < RING;
}

function checkU32(what: string, x: number): void {
  if (!isU32(x)) throw new RangeError(`${what} must be an integer in [0, 2^32), got ${x}`);
}

function checkRange(range: TokenRange): void {
  checkU32('range.start', range.start);
  checkU32('range.end', range.end);
}

/** Number of tokens in the range: 1..2^32. Plain Number arithmetic: 2^32 does not fit in 32 bits. */
export function rangeWidth(range: TokenRange): number {
  checkRange(range);
  const w = (range.end - range.start + RING) % RING;
  return w === 0 ? RING : w;
}

/** Clockwise distance from the first token of the range (start + 1) to keyHash, in [0, 2^32). */
function offsetInRange(keyHash: number, range: TokenRange): number {
  checkU32('keyHash', keyHash);
  return (keyHash - range.start - 1 + 2 * RING) % RING;
}

export function inRange(keyHash: number, range: TokenRange): boolean {
  return offsetInRange(keyHash, range) < rangeWidth(range);
}

/** Leaf of a key in a tree of `depth` over `range`; throws if the key is outside the range. */
export function leafIndex(keyHash: number, range: TokenRange, depth: number): number {
  checkDepth(depth);
  const offset = offsetInRange(keyHash, range);
  const width = rangeWidth(range);
  if (offset >= width) {
    throw new RangeError(
      `key hash ${keyHash} is outside token range (${range.start}, ${range.end}]`,
    );
  }
  // offset * 2^depth < 2^48, so the product is exact; (n - n % w) / w is an
  // exact integer quotient, with no reliance on how Math.floor rounds.
  const n = offset * 2 ** depth;
  return (n - (n % width)) / width;
}

function checkDepth(depth: number): void {
  if (!Number.isInteger(depth) || depth < 0 || depth > MAX_MERKLE_DEPTH) {
    throw new RangeError(`Merkle depth must be an integer in [0, ${MAX_MERKLE_DEPTH}], got ${depth}`);
  }
}

/** Hash of one stored entry: key hash mixed with a digest of its stored version(s). */
export function entryHash(keyHash: number, digest: number): number {
  return combine32(keyHash, digest);
}

function parentHash(left: number, right: number): number {
  return left === 0 && right === 0 ? 0 : combine32(left, right);
}

export class MerkleTree {
  readonly range: TokenRange;
  readonly depth: number;
  // Heap layout, 1-based: node (level, index) lives at 2^level + index, the
  // children of p at 2p and 2p + 1. Allocated on the first insert, so trees
  // over ranges that never hold a key cost no arrays.
  private nodes: Uint32Array | null = null;
  /** dirty[p] = 1: an internal node whose stored hash is stale. Invariant: a
   *  dirty node's ancestors are dirty; a clean node's descendants are clean. */
  private dirty: Uint8Array | null = null;
  /** leaf index → (key → entryHash); only non-empty leaves are present. */
  private readonly leaves = new Map<number, Map<string, number>>();
  private count = 0;

  constructor(range: TokenRange, depth: number) {
    checkRange(range);
    checkDepth(depth);
    this.range = { start: range.start, end: range.end };
    this.depth = depth;
  }

  get leafCount(): number {
    return 2 ** this.depth;
  }

  /** Leaf a key hash belongs to; throws if it is outside this tree's range. */
  leafOf(keyHash: number): number {
    return leafIndex(keyHash, this.range, this.depth);
  }

  /**
   * Add, replace or remove (digest === undefined) the entry for a key.
   * `keyHash` must always be the same for a given key (i.e. hash32(key)):
   * the tree finds the key's previous entry through the leaf it maps to.
   */
  set(key: string, keyHash: number, digest: number | undefined): void {
    const leaf = this.leafOf(keyHash);
    const entries = this.leaves.get(leaf);
    const old = entries?.get(key);
    let delta: number;
    if (digest === undefined) {
      if (entries === undefined || old === undefined) return;
      entries.delete(key);
      if (entries.size === 0) this.leaves.delete(leaf);
      this.count--;
      delta = -old;
    } else {
      const h = entryHash(keyHash, digest);
      if (old === h) return;
      if (entries === undefined) this.leaves.set(leaf, new Map([[key, h]]));
      else entries.set(key, h);
      if (old === undefined) this.count++;
      delta = h - (old ?? 0);
    }
    const nodes = this.nodes ?? this.allocate();
    const p = this.leafCount + leaf;
    nodes[p] = ((nodes[p] ?? 0) + delta + RING) % RING;
    this.markAncestorsDirty(p);
  }

  /** Hash of the node at (level, index); level 0 is the root, level `depth` the leaves. */
  hash(level: number, index: number): number {
    if (!Number.isInteger(level) || level < 0 || level > this.depth) {
      throw new RangeError(`level must be an integer in [0, ${this.depth}], got ${level}`);
    }
    if (!Number.isInteger(index) || index < 0 || index >= 2 ** level) {
      throw new RangeError(`index at level ${level} must be in [0, ${2 ** level}), got ${index}`);
    }
    return this.nodeHash(2 ** level + index);
  }

  root(): number {
    return this.nodeHash(1);
  }

  /** Keys currently bucketed in one leaf, sorted by UTF-16 code units (deterministic). */
  leafKeys(index: number): string[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.leafCount) {
      throw new RangeError(`leaf index must be in [0, ${this.leafCount}), got ${index}`);
    }
    const entries = this.leaves.get(index);
    if (entries === undefined) return [];
    return [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  size(): number {
    return this.count;
  }

  private allocate(): Uint32Array {
    const nodes = new Uint32Array(2 * this.leafCount);
    this.nodes = nodes;
    this.dirty = new Uint8Array(this.leafCount);
    return nodes;
  }

  private markAncestorsDirty(leafPos: number): void {
    const dirty = this.dirty;
    if (dirty === null) return;
    // Stop at the first ancestor already dirty: by the invariant, so are all above it.
    for (let p = leafPos >>> 1; p >= 1 && dirty[p] === 0; p >>>= 1) dirty[p] = 1;
  }

  /** Cost: O(dirty nodes below p), so root() after k updates is O(k·depth). */
  private nodeHash(p: number): number {
    const nodes = this.nodes;
    const dirty = this.dirty;
    if (nodes === null || dirty === null) return 0;
    if (p < this.leafCount && dirty[p] === 1) {
      nodes[p] = parentHash(this.nodeHash(2 * p), this.nodeHash(2 * p + 1));
      dirty[p] = 0;
    }
    return nodes[p] ?? 0;
  }
}

function checkComparable(a: MerkleTree, b: MerkleTree): void {
  if (a.depth !== b.depth || a.range.start !== b.range.start || a.range.end !== b.range.end) {
    throw new Error(
      `cannot compare Merkle trees over different shapes: (${a.range.start}, ${a.range.end}] depth ${a.depth} ` +
        `vs (${b.range.start}, ${b.range.end}] depth ${b.depth}`,
    );
  }
}

/** Compare the same nodes of two trees; returns the indices (at `level`) whose hashes differ, in input order. */
export function differingNodes(
  a: MerkleTree,
  b: MerkleTree,
  level: number,
  indices: readonly number[],
): number[] {
  checkComparable(a, b);
  return indices.filter((i) => a.hash(level, i) !== b.hash(level, i));
}

/** Children of node `index` at a level: [2i, 2i+1] at level+1. */
export function childrenOf(index: number): [number, number] {
  return [2 * index, 2 * index + 1];
}

/**
 * Top-down diff of two trees of the same range and depth, as a repair session
 * would do it: compare the roots; descend only into differing nodes. Returns the
 * differing leaf indices (ascending) and how many node-hash pairs were compared.
 */
export function diffTrees(
  a: MerkleTree,
  b: MerkleTree,
): { differingLeaves: number[]; hashesCompared: number } {
  checkComparable(a, b);
  let frontier = differingNodes(a, b, 0, [0]);
  let hashesCompared = 1;
  for (let level = 1; level <= a.depth && frontier.length > 0; level++) {
    const children = frontier.flatMap(childrenOf);
    hashesCompared += children.length;
    frontier = differingNodes(a, b, level, children);
  }
  return { differingLeaves: frontier, hashesCompared };
}
