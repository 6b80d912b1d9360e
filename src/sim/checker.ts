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
  /** writeId → number of copies held (replica stores and hints). */
  private readonly holders = new Map<number, number>();
  private readonly lastRead = new Map<string, readonly number[]>();
  private readonly resurrected = new Set<string>();

  constructor(private readonly events: CheckerEvents) {}

  writeStarted(id: number, kind: WriteOp['kind'], key: string, client: string | null, startMs: number): void {
    const op: WriteOp = { id, key, client, kind, startMs, endMs: kind === 'load' ? startMs : Infinity, acked: false, lost: false };
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

  /** Classify a finished read that returned the siblings written by `seen`. */
  readFinished(id: number, seen: readonly number[], endMs: number, node: NodeId | null): ReadVerdict {
    const read = this.reads.get(id)!;
    this.reads.delete(id);
    const history = this.writesByKey.get(read.key) ?? [];
    const returned = seen.map((w) => this.writes.get(w)).filter((w): w is WriteOp => w !== undefined);
    const missed: WriteOp[] = [];
    // "Absent" (a tombstone, or nothing once it is purged) is what any delete
    // begun by the time the read ended reads as: it covers what that delete does.
    const absent = returned.every((u) => u.kind === 'delete');
    const coveredBy = (w: WriteOp) => returned.some((u) => covers(u, w)) || (absent && history.some((d) => d.kind === 'delete' && d.startMs <= endMs && covers(d, w)));
    for (const w of history) {
      if (!w.acked || w.endMs >= read.startMs || w.kind === 'load') continue;
      if (w.kind === 'delete' && absent) continue;
      if (!coveredBy(w)) missed.push(w);
    }
    const overlapping = history.some((w) => w.kind !== 'load' && w.startMs <= endMs && w.endMs >= read.startMs);
    const violations: Violation[] = [];
    if (missed.some((w) => w.client === read.client)) violations.push('read-your-writes');
    const clientKey = `${read.client}\u0000${read.key}`;
    const previous = this.lastRead.get(clientKey) ?? [];
    const regressed = previous.some((p) => {
      const pw = this.writes.get(p);
      return pw !== undefined && !coveredBy(pw) && !(pw.kind === 'delete' && absent);
    });
    if (regressed) violations.push('monotonic-reads');
    this.lastRead.set(clientKey, seen);
    let resurrected = false;
    for (const u of returned) if (u.kind !== 'delete' && this.noteResurrection(u, endMs, node)) resurrected = true;
    return {
      consistency: missed.length > 0 ? 'stale' : overlapping ? 'concurrent' : 'fresh',
      missed: missed.map((w) => w.id),
      violations,
      resurrected,
    };
  }

  /** A replica's copy of a key changed from `before` to `after`. */
  stored(node: NodeId, _key: string, before: readonly Sibling[] | undefined, after: readonly Sibling[] | undefined, nowMs: number, spread: boolean): void {
    // Sibling lists are short (one in LWW mode): linear scans beat a Set here.
    for (const s of after ?? []) {
      if (before?.some((b) => b.writeId === s.writeId)) continue;
      this.hold(s.writeId, 1);
      if (spread && s.value !== null) {
        const u = this.writes.get(s.writeId);
        if (u) this.noteResurrection(u, nowMs, node);
      }
    }
    for (const b of before ?? []) if (!after?.some((s) => s.writeId === b.writeId)) this.hold(b.writeId, -1);
  }

  hinted(siblings: readonly Sibling[], added: boolean): void {
    for (const s of siblings) this.hold(s.writeId, added ? 1 : -1);
  }

  isLost(id: number): boolean {
    return this.writes.get(id)?.lost ?? false;
  }

  private hold(id: number, delta: number): void {
    const count = (this.holders.get(id) ?? 0) + delta;
    this.holders.set(id, count);
    const op = this.writes.get(id);
    if (count === 0 && op?.acked && op.kind === 'put') this.checkLost(op);
  }

  private checkLost(w: WriteOp): void {
    if (w.lost || (this.holders.get(w.id) ?? 0) > 0) return;
    const covered = (this.writesByKey.get(w.key) ?? []).some((u) => u !== w && covers(u, w) && (this.holders.get(u.id) ?? 0) > 0);
    if (covered) return;
    w.lost = true;
    this.events.lost(w.id, w.key);
  }

  /** Count a value written before an acknowledged delete coming back, once per delete. */
  private noteResurrection(u: WriteOp, nowMs: number, node: NodeId | null): boolean {
    for (const d of this.writesByKey.get(u.key) ?? []) {
      if (d.kind !== 'delete' || !d.acked || d.endMs > nowMs || !precedes(u, d)) continue;
      const later = (this.writesByKey.get(u.key) ?? []).some((p) => p.kind === 'put' && p.acked && precedes(d, p) && p.startMs <= nowMs);
      if (later) continue;
      const tag = `${u.key}\u0000${d.id}`;
      if (this.resurrected.has(tag)) return true;
      this.resurrected.add(tag);
      this.events.resurrection(u.key, d.id, u.id, node);
      return true;
    }
    return false;
  }
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
