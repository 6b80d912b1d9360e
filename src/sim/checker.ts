// Judges what clients saw against the history of operations, as the run
// goes, so every verdict has a moment on the timeline.
//
// Reads are judged by real time. Write u precedes w when u finished (acked
// or failed) before w started; u "covers" w when u is w or does not precede
// it (a later or overlapping write may legitimately replace w).
// - A read is stale when it misses a write acknowledged before the read
//   began: nothing it returned covers that write. (Returning nothing covers
//   a delete.) It is concurrent when it is not stale and some write to the
//   key overlapped it in time; otherwise fresh.
//
// Losses and resurrections are judged causally, by what a write had seen:
// in vector mode, the writes its causal context covers; under LWW, where a
// write carries no context, the writes acknowledged before it began.
// - An acknowledged put is lost when its value is gone from every replica
//   and hint while nothing held has seen it: LWW discarding one of two
//   overlapping writes (DDIA ch. 5, "silently discarded… even if they were
//   all reported as successful"), a wipe, a purge. A version replaced by a
//   write that had seen it is not lost.
// - A resurrection is a value stored again by replication (a write, read
//   repair, hint replay or anti-entropy) after an acknowledged delete that
//   had seen it. A delete that had not (a blind delete in vector mode) is
//   concurrent with the value, and the value surviving beside its
//   tombstone is not a resurrection.

import type { ConflictMode, NodeId } from './types';
import { counterOf, type Dot, type Sibling, type VersionVector } from './versions';

export type Consistency = 'fresh' | 'stale' | 'concurrent';
export type Violation = 'read-your-writes' | 'monotonic-reads';

interface WriteOp {
  id: number;
  key: string;
  client: string | null;
  kind: 'put' | 'delete' | 'load';
  startMs: number;
  /** Finish time (ack or failure); Infinity while in flight. */
  endMs: number;
  acked: boolean;
  lost: boolean;
  /** Copies held right now, in replica stores and hints. */
  holders: number;
  /** Vector mode: the causal context the write was sent with, and the dot
   *  its coordinator minted (learnt when a copy is first stored). */
  past: VersionVector | null;
  dot: Dot | null;
}

export interface ReadVerdict {
  consistency: Consistency;
  /** Writes (step indices) acknowledged before the read that it missed. */
  missed: number[];
  violations: Violation[];
  resurrected: boolean;
}

export interface CheckerEvents {
  lost(writeId: number, key: string): void;
  resurrection(key: string, deleteId: number, byWrite: number, node: NodeId | null): void;
}

export class Checker {
  private readonly mode: ConflictMode;
  private readonly writes = new Map<number, WriteOp>();
  private readonly writesByKey = new Map<string, WriteOp[]>();
  private readonly reads = new Map<number, { key: string; client: string; startMs: number }>();
  /** client → key → write ids of what its last read of the key returned. */
  private readonly lastRead = new Map<string, Map<string, readonly number[]>>();
  /** Writes whose value came back after a delete, and "key\0delete" tags
   *  of the deletes already counted. */
  private readonly resurrected = new Set<number>();
  private readonly resurrectedBy = new Set<string>();

  constructor(
    private readonly events: CheckerEvents,
    mode: ConflictMode = 'lww',
  ) {
    this.mode = mode;
  }

  /** `past`: in vector mode, the causal context the write carries. */
  writeStarted(id: number, kind: WriteOp['kind'], key: string, client: string | null, startMs: number, past: VersionVector | null = null): void {
    const op: WriteOp = { id, key, client, kind, startMs, endMs: kind === 'load' ? startMs : Infinity, acked: false, lost: false, holders: 0, past, dot: null };
    this.writes.set(id, op);
    let list = this.writesByKey.get(key);
    if (!list) this.writesByKey.set(key, (list = []));
    list.push(op);
  }

  writeFinished(id: number, ok: boolean, endMs: number): void {
    const op = this.writes.get(id);
    if (!op) return;
    op.endMs = endMs;
    op.acked = ok;
    if (ok && op.kind === 'put') this.checkLost(op);
  }

  readStarted(id: number, key: string, client: string, startMs: number): void {
    this.reads.set(id, { key, client, startMs });
  }

  /** Classify a finished read that returned the siblings written by `seen`.
   *  (Plain loops, no closures: this runs once per read.) */
  readFinished(id: number, seen: readonly number[], endMs: number): ReadVerdict {
    const read = this.reads.get(id)!;
    this.reads.delete(id);
    const history = this.writesByKey.get(read.key) ?? NO_WRITES;
    const returned: WriteOp[] = [];
    // "Absent" (a tombstone, or nothing once it is purged) is what any delete
    // begun by the time the read ended reads as: it covers what that delete does.
    let absent = true;
    for (const w of seen) {
      const u = this.writes.get(w);
      if (u === undefined) continue;
      returned.push(u);
      if (u.kind !== 'delete') absent = false;
    }
    const missed: number[] = [];
    let missedOwn = false;
    let overlapping = false;
    for (const w of history) {
      if (w.kind !== 'load' && w.startMs <= endMs && w.endMs >= read.startMs) overlapping = true;
      if (!w.acked || w.endMs >= read.startMs || w.kind === 'load') continue;
      if (w.kind === 'delete' && absent) continue;
      if (coveredBy(w, returned, absent, history, endMs)) continue;
      missed.push(w.id);
      if (w.client === read.client) missedOwn = true;
    }
    const violations: Violation[] = [];
    if (missedOwn) violations.push('read-your-writes');
    let byKey = this.lastRead.get(read.client);
    if (!byKey) this.lastRead.set(read.client, (byKey = new Map<string, readonly number[]>()));
    const previous = byKey.get(read.key);
    if (previous !== undefined) {
      for (const p of previous) {
        const pw = this.writes.get(p);
        if (pw !== undefined && !coveredBy(pw, returned, absent, history, endMs) && !(pw.kind === 'delete' && absent)) {
          violations.push('monotonic-reads');
          break;
        }
      }
    }
    byKey.set(read.key, seen);
    let resurrected = false;
    for (const u of returned) if (u.kind !== 'delete' && this.resurrected.has(u.id)) resurrected = true;
    return {
      consistency: missed.length > 0 ? 'stale' : overlapping ? 'concurrent' : 'fresh',
      missed,
      violations,
      resurrected,
    };
  }

  /** A replica's copy of a key changed from `before` to `after`. `spread`:
   *  by replication (not a load, purge or wipe). */
  stored(node: NodeId, _key: string, before: readonly Sibling[] | undefined, after: readonly Sibling[] | undefined, nowMs: number, spread: boolean): void {
    // Sibling lists are short (one in LWW mode): linear scans beat a Set here.
    if (after !== undefined) {
      for (const s of after) {
        if (before !== undefined && holdsWrite(before, s.writeId)) continue;
        this.hold(s, 1);
        if (spread && s.value !== null) {
          const u = this.writes.get(s.writeId);
          if (u) this.noteResurrection(u, nowMs, node);
        }
      }
    }
    if (before !== undefined) for (const b of before) if (after === undefined || !holdsWrite(after, b.writeId)) this.hold(b, -1);
  }

  hinted(siblings: readonly Sibling[], added: boolean): void {
    for (const s of siblings) this.hold(s, added ? 1 : -1);
  }

  isLost(id: number): boolean {
    return this.writes.get(id)?.lost ?? false;
  }

  private hold(s: Sibling, delta: number): void {
    const op = this.writes.get(s.writeId);
    if (!op) return;
    if (op.dot === null && s.dot !== undefined) op.dot = s.dot;
    op.holders += delta;
    if (op.holders === 0 && op.acked && op.kind === 'put') this.checkLost(op);
  }

  /** Had write `u` seen write `w` when it was made? (See the top of the file.) */
  private hasSeen(u: WriteOp, w: WriteOp): boolean {
    if (u === w || u.kind === 'load') return false;
    if (this.mode === 'vector') return u.past !== null && w.dot !== null && counterOf(u.past, w.dot.node) >= w.dot.counter;
    return w.acked && w.endMs < u.startMs;
  }

  private checkLost(w: WriteOp): void {
    if (w.lost || w.holders > 0) return;
    for (const u of this.writesByKey.get(w.key) ?? NO_WRITES) if (u.holders > 0 && this.hasSeen(u, w)) return;
    w.lost = true;
    this.events.lost(w.id, w.key);
  }

  /** A value stored again by replication after an acknowledged delete that
   *  had seen it: counted once per delete. */
  private noteResurrection(u: WriteOp, nowMs: number, node: NodeId | null): void {
    for (const d of this.writesByKey.get(u.key) ?? NO_WRITES) {
      if (d.kind !== 'delete' || !d.acked || d.endMs > nowMs || !this.hasSeen(d, u)) continue;
      this.resurrected.add(u.id);
      const tag = `${u.key}\u0000${d.id}`;
      if (this.resurrectedBy.has(tag)) return;
      this.resurrectedBy.add(tag);
      this.events.resurrection(u.key, d.id, u.id, node);
      return;
    }
  }
}

const NO_WRITES: readonly WriteOp[] = [];

function holdsWrite(siblings: readonly Sibling[], writeId: number): boolean {
  for (const s of siblings) if (s.writeId === writeId) return true;
  return false;
}

/** Does what a read returned cover write `w`? Either a returned write
 *  covers it, or the read saw the key absent and a delete begun by the
 *  read's end covers it. */
function coveredBy(w: WriteOp, returned: readonly WriteOp[], absent: boolean, history: readonly WriteOp[], endMs: number): boolean {
  for (const u of returned) if (covers(u, w)) return true;
  if (!absent) return false;
  for (const d of history) if (d.kind === 'delete' && d.startMs <= endMs && covers(d, w)) return true;
  return false;
}

function precedes(u: WriteOp, w: WriteOp): boolean {
  return u.endMs < w.startMs;
}

/** A `load` places old data directly (a restored backup, a seeded
 *  replica): it is nobody's newer write, so it covers only itself. */
function covers(u: WriteOp, w: WriteOp): boolean {
  if (u === w) return true;
  return u.kind !== 'load' && !precedes(u, w);
}
