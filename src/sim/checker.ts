// Judges what clients saw against the history of operations, as the run
// goes, so every verdict has a moment on the timeline.
//
// Real-time order: write u precedes w when u finished (acked or failed)
// before w started. A write u "covers" w when u is w or u does not precede
// w — a later or overlapping write may legitimately replace w.
//
// - A read is stale when it misses a write acknowledged before the read
//   began: nothing it returned covers that write. (Returning nothing covers
//   a delete.) It is concurrent when it is not stale and some write to the
//   key overlapped it in time; otherwise fresh.
// - An acknowledged put is lost when no replica or hint holds it or any
//   write covering it (e.g. LWW kept an earlier write with a later clock).
// - A resurrection is a value written before an acknowledged delete that
//   is stored again, or read, after that delete.

import type { NodeId } from './types';
import type { Sibling } from './versions';

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
  private readonly writes = new Map<number, WriteOp>();
  private readonly writesByKey = new Map<string, WriteOp[]>();
  private readonly reads = new Map<number, { key: string; client: string; startMs: number }>();
  /** client → key → write ids of what its last read of the key returned. */
  private readonly lastRead = new Map<string, Map<string, readonly number[]>>();
  private readonly resurrected = new Set<string>();

  constructor(private readonly events: CheckerEvents) {}

  writeStarted(id: number, kind: WriteOp['kind'], key: string, client: string | null, startMs: number): void {
    const op: WriteOp = { id, key, client, kind, startMs, endMs: kind === 'load' ? startMs : Infinity, acked: false, lost: false, holders: 0 };
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
  readFinished(id: number, seen: readonly number[], endMs: number, node: NodeId | null): ReadVerdict {
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
    for (const u of returned) if (u.kind !== 'delete' && this.noteResurrection(u, endMs, node)) resurrected = true;
    return {
      consistency: missed.length > 0 ? 'stale' : overlapping ? 'concurrent' : 'fresh',
      missed,
      violations,
      resurrected,
    };
  }

  /** A replica's copy of a key changed from `before` to `after`. */
  stored(node: NodeId, _key: string, before: readonly Sibling[] | undefined, after: readonly Sibling[] | undefined, nowMs: number, spread: boolean): void {
    // Sibling lists are short (one in LWW mode): linear scans beat a Set here.
    if (after !== undefined) {
      for (const s of after) {
        if (before !== undefined && holdsWrite(before, s.writeId)) continue;
        this.hold(s.writeId, 1);
        if (spread && s.value !== null) {
          const u = this.writes.get(s.writeId);
          if (u) this.noteResurrection(u, nowMs, node);
        }
      }
    }
    if (before !== undefined) for (const b of before) if (after === undefined || !holdsWrite(after, b.writeId)) this.hold(b.writeId, -1);
  }

  hinted(siblings: readonly Sibling[], added: boolean): void {
    for (const s of siblings) this.hold(s.writeId, added ? 1 : -1);
  }

  isLost(id: number): boolean {
    return this.writes.get(id)?.lost ?? false;
  }

  private hold(id: number, delta: number): void {
    const op = this.writes.get(id);
    if (!op) return;
    op.holders += delta;
    if (op.holders === 0 && op.acked && op.kind === 'put') this.checkLost(op);
  }

  private checkLost(w: WriteOp): void {
    if (w.lost || w.holders > 0) return;
    for (const u of this.writesByKey.get(w.key) ?? NO_WRITES) if (u !== w && covers(u, w) && u.holders > 0) return;
    w.lost = true;
    this.events.lost(w.id, w.key);
  }

  /** Count a value written before an acknowledged delete coming back, once per delete. */
  private noteResurrection(u: WriteOp, nowMs: number, node: NodeId | null): boolean {
    const history = this.writesByKey.get(u.key) ?? NO_WRITES;
    for (const d of history) {
      if (d.kind !== 'delete' || !d.acked || d.endMs > nowMs || !precedes(u, d)) continue;
      if (ackedPutAfter(history, d, nowMs)) continue;
      const tag = `${u.key}\u0000${d.id}`;
      if (this.resurrected.has(tag)) return true;
      this.resurrected.add(tag);
      this.events.resurrection(u.key, d.id, u.id, node);
      return true;
    }
    return false;
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

/** Was a put acknowledged that started after delete `d` ended, by `nowMs`? */
function ackedPutAfter(history: readonly WriteOp[], d: WriteOp, nowMs: number): boolean {
  for (const p of history) if (p.kind === 'put' && p.acked && precedes(d, p) && p.startMs <= nowMs) return true;
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
