// What a replica stores for a key: one or more siblings, each a value (or a
// tombstone) with its version. Two conflict modes:
//
// - lww: one sibling. The higher timestamp (the coordinator's skewed clock)
//   wins; on equal timestamps a tombstone beats a value, otherwise the larger
//   value wins (Cassandra's rule), so every replica picks the same winner.
// - vector: dotted version vectors. Each sibling carries the dot the
//   coordinator minted for it and the causal context (`past`) the client
//   sent. A sibling is obsolete when another's past covers its dot; siblings
//   whose dots nobody covers were written concurrently and are all kept.

import type { ConflictMode, NodeId } from './types';
import { combine32, hash32 } from './hash';

/**
 * Counters by node id. Node ids are user text and `__proto__` is a valid one,
 * so vectors built here have no prototype, and reads go through counterOf,
 * which looks only at a vector's own entries.
 */
export type VersionVector = Readonly<Record<NodeId, number>>;

export interface Dot {
  readonly node: NodeId;
  readonly counter: number;
}

export interface Sibling {
  /** null is a tombstone. */
  readonly value: string | null;
  /** The operation (scenario step index) that wrote it; -1-based ids are loads. */
  readonly writeId: number;
  /** Coordinator clock reading when written (LWW order; shown in vector mode too). */
  readonly ts: number;
  readonly dot?: Dot;
  readonly past?: VersionVector;
}

export const EMPTY_VV: VersionVector = Object.freeze(Object.create(null) as Record<NodeId, number>);

/** The counter `vv` holds for `node`; 0 when it names none (never an inherited property). */
export function counterOf(vv: VersionVector | undefined, node: NodeId): number {
  return vv !== undefined && Object.hasOwn(vv, node) ? vv[node]! : 0;
}

export function isTombstone(s: Sibling): boolean {
  return s.value === null;
}

/** LWW order: positive when a beats b. */
export function compareLww(a: Sibling, b: Sibling): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  const at = a.value === null;
  const bt = b.value === null;
  if (at !== bt) return at ? 1 : -1;
  if (a.value !== null && b.value !== null && a.value !== b.value) return a.value > b.value ? 1 : -1;
  return 0;
}

function covers(vv: VersionVector | undefined, dot: Dot | undefined): boolean {
  if (!vv || !dot) return false;
  return counterOf(vv, dot.node) >= dot.counter;
}

function sameDot(a: Sibling, b: Sibling): boolean {
  return a.dot !== undefined && b.dot !== undefined && a.dot.node === b.dot.node && a.dot.counter === b.dot.counter;
}

function byDot(a: Sibling, b: Sibling): number {
  const an = a.dot?.node ?? '';
  const bn = b.dot?.node ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return (a.dot?.counter ?? 0) - (b.dot?.counter ?? 0);
}

/** Merge what a replica holds with what arrived. Returns the new sibling list
 *  and whether it differs from `held` (the caller stores it only then). */
export function mergeSiblings(
  mode: ConflictMode,
  held: readonly Sibling[] | undefined,
  incoming: readonly Sibling[],
): { siblings: readonly Sibling[]; changed: boolean } {
  if (incoming.length === 0) return { siblings: held ?? [], changed: false };
  if (mode === 'lww') {
    // Hot path (every LWW write): reuse the incoming or held array when the
    // winner is already alone in it.
    let best = held?.[0];
    let changed = false;
    for (const s of incoming) {
      if (best === undefined || compareLww(s, best) > 0) {
        best = s;
        changed = true;
      }
    }
    if (!changed) return { siblings: held ?? [], changed };
    return { siblings: incoming.length === 1 ? incoming : [best!], changed };
  }
  const all: Sibling[] = [...(held ?? [])];
  for (const s of incoming) if (!all.some((h) => sameDot(h, s))) all.push(s);
  const kept = all.filter((s) => !all.some((t) => t !== s && covers(t.past, s.dot)));
  kept.sort(byDot);
  const before = held ?? [];
  const changed = kept.length !== before.length || kept.some((s, i) => !sameDot(s, before[i]!));
  return { siblings: kept, changed };
}

/** Does `a` hold a version at least as new as everything in `b`? Used by
 *  read repair and anti-entropy to decide who needs to be sent what. */
export function isUpToDate(mode: ConflictMode, a: readonly Sibling[] | undefined, b: readonly Sibling[] | undefined): boolean {
  if (!b || b.length === 0) return true;
  return !mergeSiblings(mode, a, b).changed;
}

/** The causal context a client receives with a response: the join of every
 *  sibling's past and dot. */
export function contextOf(siblings: readonly Sibling[]): VersionVector {
  // No prototype: assigning out['__proto__'] then makes an ordinary entry.
  const out = Object.create(null) as Record<NodeId, number>;
  for (const s of siblings) {
    if (s.past) for (const [node, c] of Object.entries(s.past)) if (counterOf(out, node) < c) out[node] = c;
    if (s.dot && counterOf(out, s.dot.node) < s.dot.counter) out[s.dot.node] = s.dot.counter;
  }
  return out;
}

/** A digest of a key's stored version(s) for Merkle leaves. Built from
 *  content (value, timestamp, dot), not from which operation wrote it, so two
 *  replicas holding the same version always agree. */
export function digestOf(siblings: readonly Sibling[]): number {
  let h = siblings.length;
  for (const s of siblings) {
    h = combine32(h, s.value === null ? TOMBSTONE_HASH : hash32(s.value));
    // Timestamps may carry fractions of a ms: hash both 32-bit halves of ts·1000.
    const micros = Math.round(s.ts * 1000);
    h = combine32(h, micros >>> 0);
    h = combine32(h, Math.floor(micros / 4294967296) >>> 0);
    if (s.dot) h = combine32(combine32(h, hash32(s.dot.node)), s.dot.counter >>> 0);
  }
  return h >>> 0;
}

const TOMBSTONE_HASH = hash32('\u0000tombstone');

/** Sorted non-tombstone values, as the CLI reports them. */
export function valuesOf(siblings: readonly Sibling[] | undefined): string[] {
  if (!siblings) return [];
  const out: string[] = [];
  for (const s of siblings) if (s.value !== null) out.push(s.value);
  return out.sort();
}

export function formatVersion(s: Sibling): string {
  if (!s.dot) return `ts ${s.ts}`;
  const past = Object.entries(s.past ?? {})
    .map(([n, c]) => `${n}:${c}`)
    .join(',');
  return `${s.dot.node}:${s.dot.counter} [${past}]`;
}

/**
 * The dot of a new version (vector mode). A context {n: c} stands for the
 * dots n:1..c, so node n may mint n:c only if the copy it ships along
 * witnesses n:1..c-1: it must store the key, and still hold its earlier dots
 * or versions that superseded them. A coordinator outside the replica set, a
 * sloppy substitute, or a node that lost its copy (wipe, purge) cannot
 * promise that: its write gets a dot of its own, under an actor id used for
 * this write only ("n4/7"; "/" never occurs in a node id). `counter` is the
 * node's next counter for the key (its disk remembers it once used).
 */
export function mintDot(node: NodeId, op: number, held: readonly Sibling[] | undefined, counter: number | null): Dot {
  if (counter !== null && counterOf(contextOf(held ?? []), node) >= counter - 1) return { node, counter };
  return { node: `${node}/${op}`, counter: 1 };
}
