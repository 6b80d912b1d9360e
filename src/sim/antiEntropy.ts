// Anti-entropy: two replicas compare Merkle trees top-down and exchange
// only the keys of the leaves whose hashes differ (Dynamo 4.7; Cassandra's
// repair). The two sides take turns, each answering the other's hashes of
// one level with its own hashes of the children of the nodes that differ;
// at the leaves, each sends the keys it holds there and keeps what the
// other had newer. Pure functions over a node's disk; the session machine
// is machines/merkleSession.ts.

import { childrenOf } from './merkle';
import type { MerkleLeaf, MerkleNodeHash, SyncEntry } from './messages';
import type { DiskView, Effect } from './machines/protocol';
import type { ConflictMode } from './types';
import { isUpToDate } from './versions';

/** Our root hashes of the ranges a session compares (level 0). */
export function rootHashes(disk: DiskView, ranges: readonly number[]): MerkleNodeHash[] {
  return ranges.map((range) => ({ range, index: 0, hash: disk.tree(range)?.root() ?? 0 }));
}

/** The peer's hashes at `level` that differ from ours. */
export function differing(disk: DiskView, level: number, theirs: readonly MerkleNodeHash[]): MerkleNodeHash[] {
  return theirs.filter((n) => (disk.tree(n.range)?.hash(level, n.index) ?? 0) !== n.hash);
}

/** Our hashes of the children (at `level` + 1) of the nodes that differ. */
export function childHashes(disk: DiskView, level: number, nodes: readonly MerkleNodeHash[]): MerkleNodeHash[] {
  const out: MerkleNodeHash[] = [];
  for (const d of nodes) for (const index of childrenOf(d.index)) out.push({ range: d.range, index, hash: disk.tree(d.range)?.hash(level + 1, index) ?? 0 });
  return out;
}

/** Every key we hold in these leaves, with its version(s). */
export function leafEntries(disk: DiskView, leaves: readonly MerkleLeaf[]): SyncEntry[] {
  const out: SyncEntry[] = [];
  for (const leaf of leaves) {
    for (const key of disk.keysInLeaf(leaf.range, leaf.index)) {
      const siblings = disk.get(key);
      if (siblings) out.push({ key, siblings });
    }
  }
  return out;
}

/** Of our keys in the leaves, those the peer lacks or holds older. */
export function peerLacks(mode: ConflictMode, disk: DiskView, leaves: readonly MerkleLeaf[], theirs: readonly SyncEntry[]): SyncEntry[] {
  const held = new Map(theirs.map((e) => [e.key, e.siblings]));
  return leafEntries(disk, leaves).filter((e) => !isUpToDate(mode, held.get(e.key), e.siblings));
}

/** Writes for the entries we lack or hold older, and how many keys that is
 *  (the `keysSynced` metric: keys written, not keys compared or re-sent). */
export function takeEntries(mode: ConflictMode, disk: DiskView, entries: readonly SyncEntry[]): { writes: Effect[]; synced: number } {
  const writes: Effect[] = [];
  for (const e of entries) if (!isUpToDate(mode, disk.get(e.key), e.siblings)) writes.push({ type: 'store', key: e.key, siblings: e.siblings, cause: 'sync' });
  return { writes, synced: writes.length };
}
