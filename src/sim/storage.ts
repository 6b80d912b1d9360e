// One node's disk: its data (key → siblings), the tombstones' local storing
// times, the hints it holds for other nodes, the per-key dot counters it
// mints versions from, and a Merkle tree per token range it replicates.
// It is mutated in place (copying a store per write is what made an earlier
// prototype slow); the trace, not old copies, is the history. Every change
// is reported through `onChange` so the kernel can record and check it.
// Only the kernel writes to it, carrying out a machine's effects; machines
// read it through `DiskView`, the part of this class they are handed.

import type { DiskView } from './machines/protocol';
import { MerkleTree } from './merkle';
import type { Ring } from './ring';
import type { ConflictMode, NodeId } from './types';
import { counterOf, digestOf, isTombstone, mergeSiblings, type Sibling } from './versions';

export interface Hint {
  readonly id: string;
  readonly key: string;
  /** The home node the write belongs to. */
  readonly for: NodeId;
  readonly siblings: readonly Sibling[];
}

export type ChangeCause = 'write' | 'repair' | 'replay' | 'sync' | 'load' | 'purge' | 'wipe';

export interface StoreChange {
  node: NodeId;
  key: string;
  before: readonly Sibling[] | undefined;
  after: readonly Sibling[] | undefined;
  cause: ChangeCause;
}

export interface HintChange {
  node: NodeId;
  hint: Hint;
  added: boolean;
  /** Removed because the home node acknowledged it (false: lost in a wipe). */
  delivered: boolean;
}

export interface StorageHooks {
  onChange(change: StoreChange): void;
  onHint(change: HintChange): void;
}

export class Storage implements DiskView {
  readonly data = new Map<string, readonly Sibling[]>();
  /** Local virtual time at which a key became all-tombstone here. */
  readonly tombstonedAt = new Map<string, number>();
  readonly hints = new Map<string, Hint>();
  /** The same hints by key and by home node, in the order they were added:
   *  every read and every hand-off looks hints up one of these two ways. */
  private readonly hintsByKey = new Map<string, Map<string, Hint>>();
  private readonly hintsByHome = new Map<NodeId, Map<string, Hint>>();
  private readonly counters = new Map<string, number>();
  /** Hints kept so far: a hint's id is `<node>#<n>`. */
  private hintsKept = 0;
  private readonly trees = new Map<number, MerkleTree>();
  /** Keys changed since the trees were last brought up to date. Trees are
   *  read only by anti-entropy, so writes just mark the key (cheap) and the
   *  trees catch up when a session looks at them. */
  private readonly stale = new Set<string>();

  constructor(
    readonly node: NodeId,
    private readonly ring: Ring,
    private readonly mode: ConflictMode,
    merkleDepth: number,
    private readonly hooks: StorageHooks,
  ) {
    for (const held of ring.rangesHeldBy(node)) this.trees.set(held.index, new MerkleTree(held.range, merkleDepth));
  }

  get(key: string): readonly Sibling[] | undefined {
    return this.data.get(key);
  }

  /** Merge incoming siblings into the key; true when the store changed. */
  apply(key: string, incoming: readonly Sibling[], nowMs: number, cause: ChangeCause): boolean {
    const before = this.data.get(key);
    const { siblings, changed } = mergeSiblings(this.mode, before, incoming);
    if (!changed) return false;
    this.set(key, siblings, nowMs, cause, before);
    return true;
  }

  private set(key: string, after: readonly Sibling[] | undefined, nowMs: number, cause: ChangeCause, before = this.data.get(key)): void {
    if (after && after.length > 0) {
      this.data.set(key, after);
      if (after.every(isTombstone)) this.tombstonedAt.set(key, nowMs);
      else this.tombstonedAt.delete(key);
    } else {
      this.data.delete(key);
      this.tombstonedAt.delete(key);
      after = undefined;
    }
    this.stale.add(key);
    this.hooks.onChange({ node: this.node, key, before, after, cause });
  }

  /** Drop a tombstone whose grace period has passed. Only if the key is
   *  still nothing but tombstones since `since` (a newer write resets it). */
  purge(key: string, since: number, nowMs: number): boolean {
    if (this.tombstonedAt.get(key) !== since) return false;
    this.set(key, undefined, nowMs, 'purge');
    return true;
  }

  /** Place a value directly, bypassing replication (the `load` step). */
  load(key: string, sibling: Sibling, nowMs: number): void {
    const before = this.data.get(key);
    const { siblings } = mergeSiblings(this.mode, undefined, [sibling]);
    this.set(key, siblings, nowMs, 'load', before);
  }

  /** The next counter for a dot this node mints for `key`: above everything
   *  it has seen for itself. Reading it claims nothing: a write that mints
   *  from it says so (`claimCounter`), and counters survive purges so a dot
   *  is never reused. */
  nextCounter(key: string, contextCounter: number): number {
    let c = Math.max(this.counters.get(key) ?? 0, contextCounter);
    for (const s of this.data.get(key) ?? []) {
      if (s.dot?.node === this.node) c = Math.max(c, s.dot.counter);
      c = Math.max(c, counterOf(s.past, this.node));
    }
    return c + 1;
  }

  claimCounter(key: string, counter: number): void {
    this.counters.set(key, Math.max(this.counters.get(key) ?? 0, counter));
  }

  /** The node's data for `key` and the hinted copies it holds for it (what
   *  it answers a read with: hints counted toward W count toward R). */
  viewOf(key: string): readonly Sibling[] {
    let view = this.data.get(key) ?? [];
    for (const h of this.hintsForKey(key)) view = mergeSiblings(this.mode, view, h.siblings).siblings;
    return view;
  }

  /** Keep a hinted copy of `key` for its home node. */
  keepHint(key: string, home: NodeId, siblings: readonly Sibling[]): void {
    this.addHint({ id: `${this.node}#${++this.hintsKept}`, key, for: home, siblings });
  }

  /** Homes this node holds hints for, sorted. */
  hintHomes(): NodeId[] {
    return [...this.hintsByHome.keys()].sort();
  }

  private addHint(hint: Hint): void {
    this.hints.set(hint.id, hint);
    indexHint(this.hintsByKey, hint.key, hint);
    indexHint(this.hintsByHome, hint.for, hint);
    this.hooks.onHint({ node: this.node, hint, added: true, delivered: false });
  }

  removeHint(id: string, delivered: boolean): void {
    const hint = this.hints.get(id);
    if (!hint) return;
    this.hints.delete(id);
    unindexHint(this.hintsByKey, hint.key, id);
    unindexHint(this.hintsByHome, hint.for, id);
    this.hooks.onHint({ node: this.node, hint, added: false, delivered });
  }

  /** Hints held for home node `node`, oldest first. */
  hintsFor(node: NodeId): Hint[] {
    const held = this.hintsByHome.get(node);
    return held ? [...held.values()] : [];
  }

  /** Hints held for `key`, oldest first. */
  hintsForKey(key: string): Iterable<Hint> {
    return this.hintsByKey.get(key)?.values() ?? [];
  }

  /** The disk is lost (kill with wipe). Dot counters are kept, as a node
   *  that rejoins under a fresh identity would never reuse a dot. */
  wipe(nowMs: number): void {
    for (const key of [...this.data.keys()].sort()) this.set(key, undefined, nowMs, 'wipe');
    for (const id of [...this.hints.keys()]) this.removeHint(id, false);
  }

  private refreshTrees(): void {
    for (const key of this.stale) {
      const siblings = this.data.get(key);
      this.trees.get(this.ring.rangeOf(key).index)?.set(key, this.ring.keyHashOf(key), siblings ? digestOf(siblings) : undefined);
    }
    this.stale.clear();
  }

  treeFor(key: string): MerkleTree | undefined {
    return this.tree(this.ring.rangeOf(key).index);
  }

  tree(rangeIndex: number): MerkleTree | undefined {
    if (this.stale.size > 0) this.refreshTrees();
    return this.trees.get(rangeIndex);
  }

  /** Keys held whose hash falls in a range (for the sync phase of repair). */
  keysInLeaf(rangeIndex: number, leaf: number): string[] {
    return this.tree(rangeIndex)?.leafKeys(leaf) ?? [];
  }
}

function indexHint<K>(index: Map<K, Map<string, Hint>>, by: K, hint: Hint): void {
  let held = index.get(by);
  if (!held) index.set(by, (held = new Map<string, Hint>()));
  held.set(hint.id, hint);
}

function unindexHint<K>(index: Map<K, Map<string, Hint>>, by: K, id: string): void {
  const held = index.get(by);
  if (!held) return;
  held.delete(id);
  if (held.size === 0) index.delete(by);
}
