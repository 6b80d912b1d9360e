// A persistent (immutable) map for the Timeline's snapshots. `set` and
// `delete` return a new map that shares every trie node the change did not
// touch with the old one, so a snapshot costs what changed since the last,
// not the size of the state (issue 13: full copies made seeking quadratic).
//
// It reads like a `ReadonlyMap`, insertion order included, because the views
// were written against `Map`: hints, for one, are listed in the order they
// were stored. Two tries make that work:
//  - an index maps each key to the sequence number it was inserted with: a
//    CHAMP hash trie (Steindorfer & Vinju, OOPSLA 2015) for strings, and a
//    radix trie on the key itself for small whole numbers (message and
//    operation ids), which keeps the ids a stretch of events adds together;
//  - `order`, a radix trie on those sequence numbers (as in a persistent
//    vector), holds the key and value, and iterating it in index order is
//    iterating in insertion order. Emptied nodes are pruned, so a map that
//    inserts and deletes a lot (messages in flight) stays as small as it is.
// Replacing the value of a key already present touches `order` only. The
// tries are in hashTrie.ts and radixTrie.ts.

import { EMPTY_TRIE, countTrie, hashOf, trieGet, trieInsert, trieRemove, type Trie } from './hashTrie';
import { ENTRIES, KEYS, VALUES, WIDTH, countSlots, radixDelete, radixFind, radixGet, radixSet, reach, walk, type Slots } from './radixTrie';

export type MapKey = string | number;

/** Sequence numbers and `ints` keys stay below 2^30 so that `>>>` addresses every level; a map renumbers before. */
const MAX_SEQ = 2 ** 30;

/** Keys the `ints` trie takes: whole numbers below MAX_SEQ (so -0 too, which Map stores as 0). */
function smallInt(key: MapKey): key is number {
  return typeof key === 'number' && key >>> 0 === key && key < MAX_SEQ;
}

/**
 * Permission to change nodes in place. A map changed with an `Edit` stamps
 * the nodes it copies with it, and later changes with the same `Edit` write
 * into those nodes instead of copying them again (Clojure's transients). The
 * holder promises that no map made with the edit is read by anyone else
 * until it stops using it; the Timeline folds a stretch of events with one
 * and takes a fresh one at every snapshot it hands out.
 */
export class Edit {}

export class PersistentMap<K extends MapKey, V> implements ReadonlyMap<K, V> {
  private constructor(
    /** Key → sequence number, for keys other than small integers. */
    private readonly index: Trie,
    /** Small integer key → sequence number, addressed by the key itself: ids
     *  (messages, operations) come in rising order, so a stretch of them
     *  shares its trie nodes instead of scattering over the hash trie. */
    private readonly ints: Slots | undefined,
    /** Levels of `ints`: it addresses keys below WIDTH ** intLevels. */
    private readonly intLevels: number,
    private readonly order: Slots | undefined,
    /** Levels of `order`: it addresses sequence numbers below WIDTH ** levels. */
    private readonly levels: number,
    private readonly nextSeq: number,
    readonly size: number,
  ) {}

  private static readonly EMPTY = new PersistentMap<never, never>(EMPTY_TRIE, undefined, 1, undefined, 1, 0, 0);

  static empty<K extends MapKey, V>(): PersistentMap<K, V> {
    return PersistentMap.EMPTY;
  }

  static from<K extends MapKey, V>(entries: Iterable<readonly [K, V]>): PersistentMap<K, V> {
    // The edit never leaves this function, so nothing else sees the nodes it changes.
    const edit = new Edit();
    let m = PersistentMap.empty<K, V>();
    for (const [k, v] of entries) m = m.set(k, v, edit);
    return m;
  }

  /** The key's sequence number, or -1. */
  private seqOf(key: MapKey): number {
    if (!smallInt(key)) return trieGet(this.index, key, hashOf(key));
    if (key >= WIDTH ** this.intLevels) return -1;
    return (radixFind(this.ints, this.intLevels - 1, key) as number | undefined) ?? -1;
  }

  get(key: K): V | undefined {
    const seq = this.seqOf(key);
    return seq < 0 ? undefined : (radixGet(this.order!, this.levels - 1, seq) as V);
  }

  has(key: K): boolean {
    return this.seqOf(key) >= 0;
  }

  /** This map with `key` set to `value`: the same map if it already was. With
   *  `edit`, nodes made under it earlier are changed in place (see `Edit`). */
  set(key: K, value: V, edit: Edit | null = null): PersistentMap<K, V> {
    if (key === 0) key = 0 as K; // as Map: a -0 key is stored as +0
    const seq = this.seqOf(key);
    if (seq >= 0) {
      if (radixGet(this.order!, this.levels - 1, seq) === value) return this;
      const order = radixSet(this.order, this.levels - 1, seq, key, value, edit);
      return new PersistentMap(this.index, this.ints, this.intLevels, order, this.levels, this.nextSeq, this.size);
    }
    if (this.nextSeq >= MAX_SEQ) return PersistentMap.from(this).set(key, value);
    const s = this.nextSeq;
    let { index, ints, intLevels, order, levels } = this;
    if (s >= WIDTH ** levels) [order, levels] = reach(order, levels, s, edit);
    order = radixSet(order, levels - 1, s, key, value, edit);
    if (smallInt(key)) {
      if (key >= WIDTH ** intLevels) [ints, intLevels] = reach(ints, intLevels, key, edit);
      ints = radixSet(ints, intLevels - 1, key, key, s, edit);
    } else index = trieInsert(index, key, hashOf(key), s, 0, edit);
    return new PersistentMap(index, ints, intLevels, order, levels, s + 1, this.size + 1);
  }

  /** This map without `key`: the same map if it had none. `edit` as for `set`. */
  delete(key: K, edit: Edit | null = null): PersistentMap<K, V> {
    const seq = this.seqOf(key);
    if (seq < 0) return this;
    // Emptied, a map starts numbering afresh (and its tries shrink back to one level).
    if (this.size === 1) return PersistentMap.empty();
    const order = radixDelete(this.order!, this.levels - 1, seq, edit);
    if (smallInt(key)) {
      const ints = radixDelete(this.ints!, this.intLevels - 1, key, edit);
      return new PersistentMap(this.index, ints, this.intLevels, order, this.levels, this.nextSeq, this.size - 1);
    }
    const index = trieRemove(this.index, key, hashOf(key), 0, edit);
    return new PersistentMap(index, this.ints, this.intLevels, order, this.levels, this.nextSeq, this.size - 1);
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) callback.call(thisArg, v, k, this);
  }

  keys(): MapIterator<K> {
    return walk<K, V, K>(this.order, this.levels, KEYS);
  }

  values(): MapIterator<V> {
    return walk<K, V, V>(this.order, this.levels, VALUES);
  }

  entries(): MapIterator<[K, V]> {
    return walk<K, V, [K, V]>(this.order, this.levels, ENTRIES);
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'PersistentMap';
  }

  /** Adds the trie nodes of this map that `seen` does not hold yet to it and
   *  to `into`: tests and benchmarks measure what snapshots retain this way,
   *  in nodes and array slots rather than heap bytes, so the figure is exact. */
  footprint(seen: Set<object>, into: Footprint = { nodes: 0, slots: 0 }): Footprint {
    countTrie(this.index, seen, into);
    if (this.ints) countSlots(this.ints, this.intLevels - 1, seen, into);
    if (this.order) countSlots(this.order, this.levels - 1, seen, into);
    return into;
  }
}

/** Trie nodes, and the slots of their arrays (a pair takes two). */
export interface Footprint {
  nodes: number;
  slots: number;
}
