// The hash trie that indexes a PersistentMap's string keys (and numbers
// other than small whole numbers): CHAMP, the compressed hash-array mapped
// prefix tree of Steindorfer & Vinju (OOPSLA 2015). Each node holds its own
// key/value pairs inline before its sub-tries, and a sub-trie left with one
// pair is folded back into its parent, so a key set has one shape however it
// was built. It maps each key to its sequence number in the map; keys
// compare as Map's do (SameValueZero).

import type { Edit, Footprint, MapKey } from './persistentMap';

const BITS = 5;
const MASK = (1 << BITS) - 1;
/** The last shift with hash bits left (30 leaves two); below it equal hashes share a collision node. */
const MAX_SHIFT = 30;

function mix(h: number): number {
  // murmur3's finaliser: the trie reads the low bits first, so spread every input bit into them.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export function hashOf(key: MapKey): number {
  // Numbers hash by their 32-bit truncation (ids are small integers); keys that
  // truncate alike are still told apart by `same` — they merely collide.
  if (typeof key === 'number') return mix(key | 0);
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return mix(h);
}

function same(a: MapKey, b: MapKey): boolean {
  return a === b || (a !== a && b !== b);
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** `content` holds the inline pairs first (key, seq, key, seq…) in bit order, then the sub-tries in bit order. */
class Champ {
  constructor(
    public dataMap: number,
    public nodeMap: number,
    public content: unknown[],
    readonly edit: Edit | null,
  ) {}
}

/** Keys whose whole 32-bit hash is equal: pairs in a flat list. */
class Collision {
  constructor(
    readonly hash: number,
    public content: unknown[],
    readonly edit: Edit | null,
  ) {}
}

export type Trie = Champ | Collision;

export const EMPTY_TRIE = new Champ(0, 0, [], null);

/** `node` itself if `edit` may change it, else a copy that `edit` may change. */
function writable(node: Champ, edit: Edit | null): Champ {
  return edit !== null && node.edit === edit ? node : new Champ(node.dataMap, node.nodeMap, node.content.slice(), edit);
}

export function trieGet(node: Trie, key: MapKey, hash: number): number {
  for (let shift = 0; ; shift += BITS) {
    if (node instanceof Collision) {
      for (let i = 0; i < node.content.length; i += 2) if (same(node.content[i] as MapKey, key)) return node.content[i + 1] as number;
      return -1;
    }
    const bit = 1 << ((hash >>> shift) & MASK);
    if (node.dataMap & bit) {
      const i = 2 * popcount(node.dataMap & (bit - 1));
      return same(node.content[i] as MapKey, key) ? (node.content[i + 1] as number) : -1;
    }
    if (!(node.nodeMap & bit)) return -1;
    node = node.content[2 * popcount(node.dataMap) + popcount(node.nodeMap & (bit - 1))] as Trie;
  }
}

/** Adds a key known to be absent. */
export function trieInsert(node: Trie, key: MapKey, hash: number, seq: number, shift: number, edit: Edit | null): Trie {
  if (node instanceof Collision) {
    if (edit !== null && node.edit === edit) {
      node.content.push(key, seq);
      return node;
    }
    return new Collision(node.hash, [...node.content, key, seq], edit);
  }
  const bit = 1 << ((hash >>> shift) & MASK);
  if (node.dataMap & bit) {
    // Another key holds this slot: both move one level down.
    const i = 2 * popcount(node.dataMap & (bit - 1));
    const other = node.content[i] as MapKey;
    const sub = pair(other, hashOf(other), node.content[i + 1] as number, key, hash, seq, shift + BITS, edit);
    const n = writable(node, edit);
    n.content.splice(i, 2);
    n.content.splice(2 * popcount(n.dataMap) - 2 + popcount(n.nodeMap & (bit - 1)), 0, sub);
    n.dataMap ^= bit;
    n.nodeMap |= bit;
    return n;
  }
  if (node.nodeMap & bit) {
    const j = 2 * popcount(node.dataMap) + popcount(node.nodeMap & (bit - 1));
    const child = node.content[j] as Trie;
    const next = trieInsert(child, key, hash, seq, shift + BITS, edit);
    if (next === child) return node;
    const n = writable(node, edit);
    n.content[j] = next;
    return n;
  }
  const n = writable(node, edit);
  n.content.splice(2 * popcount(n.dataMap & (bit - 1)), 0, key, seq);
  n.dataMap |= bit;
  return n;
}

function pair(k1: MapKey, h1: number, s1: number, k2: MapKey, h2: number, s2: number, shift: number, edit: Edit | null): Trie {
  if (shift > MAX_SHIFT) return new Collision(h1, [k1, s1, k2, s2], edit);
  const f1 = (h1 >>> shift) & MASK;
  const f2 = (h2 >>> shift) & MASK;
  if (f1 === f2) return new Champ(0, 1 << f1, [pair(k1, h1, s1, k2, h2, s2, shift + BITS, edit)], edit);
  return new Champ((1 << f1) | (1 << f2), 0, f1 < f2 ? [k1, s1, k2, s2] : [k2, s2, k1, s1], edit);
}

/** A sub-trie left with one pair is folded into its parent, so equal key sets give equal shapes (CHAMP's canonical form). */
function single(node: Trie): boolean {
  return node instanceof Collision ? node.content.length === 2 : node.nodeMap === 0 && node.content.length === 2;
}

/** Removes a key known to be present. */
export function trieRemove(node: Trie, key: MapKey, hash: number, shift: number, edit: Edit | null): Trie {
  if (node instanceof Collision) {
    const n = edit !== null && node.edit === edit ? node : new Collision(node.hash, node.content.slice(), edit);
    for (let i = 0; i < n.content.length; i += 2) {
      if (same(n.content[i] as MapKey, key)) {
        n.content.splice(i, 2);
        break;
      }
    }
    return n;
  }
  const bit = 1 << ((hash >>> shift) & MASK);
  if (node.dataMap & bit) {
    const n = writable(node, edit);
    n.content.splice(2 * popcount(n.dataMap & (bit - 1)), 2);
    n.dataMap ^= bit;
    return n;
  }
  const j = 2 * popcount(node.dataMap) + popcount(node.nodeMap & (bit - 1));
  const before = node.content[j] as Trie;
  const child = trieRemove(before, key, hash, shift + BITS, edit);
  if (!single(child)) {
    if (child === before) return node;
    const n = writable(node, edit);
    n.content[j] = child;
    return n;
  }
  // A lone child pair of a node with nothing else rises further (not past the root).
  if (shift > 0 && node.dataMap === 0 && node.nodeMap === bit) return child;
  const n = writable(node, edit);
  n.content.splice(j, 1);
  n.content.splice(2 * popcount(n.dataMap & (bit - 1)), 0, child.content[0], child.content[1]);
  n.dataMap |= bit;
  n.nodeMap ^= bit;
  return n;
}

export function countTrie(node: Trie, seen: Set<object>, into: Footprint): void {
  if (seen.has(node)) return;
  seen.add(node);
  into.nodes++;
  into.slots += node.content.length;
  if (node instanceof Champ) for (let j = 2 * popcount(node.dataMap); j < node.content.length; j++) countTrie(node.content[j] as Trie, seen, into);
}
