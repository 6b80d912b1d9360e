// The trace hash: equal hashes, identical runs. Each record is hashed in a
// canonical encoding — its kind, then its fields in a fixed order written
// out below, strings with their length, numbers by their bits, an absent
// optional field as a marker — so the hash depends on what happened, never
// on the order in which an object's keys were written, nor on how the trace
// is stored. It is computed as the trace is read, one record at a time.
//
// A change here changes every pinned replay hash (lessons.hash.test.ts):
// do it on purpose, and say why in the commit.

import { Hash53 } from './hash';
import type { SessionOutcome, Why } from './machines/protocol';
import type { Message } from './messages';
import type { TraceRecord } from './trace';
import type { Sibling, VersionVector } from './versions';

const ABSENT = 0x7fff_fffe;
const PRESENT = 0x7fff_fffd;

function optStr(h: Hash53, s: string | null | undefined): void {
  if (s === null || s === undefined) h.word(ABSENT);
  else h.word(PRESENT).str(s);
}


function bool(h: Hash53, b: boolean | undefined): void {
  h.word(b === undefined ? ABSENT : b ? 1 : 0);
}

function strs(h: Hash53, xs: readonly string[] | undefined): void {
  if (xs === undefined) {
    h.word(ABSENT);
    return;
  }
  h.word(xs.length);
  for (const x of xs) h.str(x);
}

function nums(h: Hash53, xs: readonly number[] | undefined): void {
  if (xs === undefined) {
    h.word(ABSENT);
    return;
  }
  h.word(xs.length);
  for (const x of xs) h.num(x);
}

/** A version vector, its entries sorted by node. */
function vector(h: Hash53, vv: VersionVector | undefined): void {
  if (vv === undefined) {
    h.word(ABSENT);
    return;
  }
  const nodes = Object.keys(vv).sort();
  h.word(nodes.length);
  for (const node of nodes) h.str(node).num(vv[node]!);
}

function siblings(h: Hash53, list: readonly Sibling[]): void {
  h.word(list.length);
  for (const s of list) {
    optStr(h, s.value);
    h.num(s.writeId).num(s.ts);
    if (s.dot) h.word(PRESENT).str(s.dot.node).num(s.dot.counter);
    else h.word(ABSENT);
    vector(h, s.past);
  }
}

function message(h: Hash53, m: Message): void {
  h.str(m.type);
  switch (m.type) {
    case 'write':
      h.num(m.req).str(m.key);
      siblings(h, m.siblings);
      optStr(h, m.hintFor);
      return;
    case 'writeAck':
    case 'read':
    case 'repairAck':
      h.num(m.req).str(m.key);
      return;
    case 'readResp':
    case 'repair':
      h.num(m.req).str(m.key);
      siblings(h, m.siblings);
      return;
    case 'replay':
      h.str(m.hint).str(m.key);
      siblings(h, m.siblings);
      return;
    case 'replayAck':
      h.str(m.hint).str(m.key);
      return;
    case 'merkle':
      h.str(m.session).num(m.level).word(m.nodes.length);
      for (const n of m.nodes) h.num(n.range).num(n.index).num(n.hash);
      return;
    case 'sync':
      h.str(m.session).word(m.leaves.length);
      for (const l of m.leaves) h.num(l.range).num(l.index);
      h.word(m.entries.length);
      for (const e of m.entries) {
        h.str(e.key);
        siblings(h, e.siblings);
      }
      bool(h, m.final);
      return;
  }
}

function optNum(h: Hash53, n: number | undefined): void {
  if (n === undefined) h.word(ABSENT);
  else h.word(PRESENT).num(n);
}

function why(h: Hash53, w: Why): void {
  h.str(w.kind);
  switch (w.kind) {
    case 'quorum':
      h.str(w.quorum).num(w.got).num(w.of).num(w.need);
      strs(h, w.from);
      return;
    case 'unavailable':
      h.str(w.quorum).num(w.need);
      strs(h, w.reachable);
      strs(h, w.unreachable);
      bool(h, w.sloppy);
      return;
    case 'timeout':
      h.str(w.quorum).num(w.got).num(w.of).num(w.need).num(w.timeoutMs);
      return;
    case 'coordinatorDown':
    case 'coordinatorCrashed':
      h.str(w.coordinator);
      return;
    case 'noCoordinator':
      return;
  }
}

function outcome(h: Hash53, o: SessionOutcome | undefined): void {
  if (o === undefined) {
    h.word(ABSENT);
    return;
  }
  h.word(PRESENT).str(o.kind);
  if (o.kind === 'took') h.num(o.keys);
  if (o.kind === 'abandoned') h.str(o.peer).num(o.afterMs);
}

/** Mix one record into the hash, fields in their canonical order. */
export function hashRecord(h: Hash53, r: TraceRecord): void {
  h.str(r.k).num(r.e).num(r.t);
  switch (r.k) {
    case 'step':
      h.num(r.step).str(r.do);
      break;
    case 'send':
      h.num(r.id).str(r.from).str(r.to).str(r.type);
      optStr(h, r.key);
      message(h, r.msg);
      h.num(r.arriveMs);
      break;
    case 'deliver':
      h.num(r.id).str(r.from).str(r.to);
      break;
    case 'drop':
      h.num(r.id).str(r.from).str(r.to).str(r.reason);
      break;
    case 'opStart':
      h.num(r.op).str(r.type).str(r.client).str(r.key);
      optStr(h, r.coordinator);
      optStr(h, r.value);
      h.num(r.quorum);
      break;
    case 'sent':
      h.num(r.op);
      strs(h, r.targets);
      strs(h, r.skipped);
      h.word(r.standIns.length);
      for (const [sub, home] of r.standIns) h.str(sub).str(home);
      break;
    case 'opEnd':
      h.num(r.op).str(r.status);
      strs(h, r.values);
      why(h, r.why);
      optStr(h, r.consistency);
      nums(h, r.missed);
      strs(h, r.violations);
      bool(h, r.resurrected);
      break;
    case 'opClose':
      h.num(r.op).num(r.acks);
      strs(h, r.replicas);
      break;
    case 'node':
      h.str(r.node);
      bool(h, r.up);
      bool(h, r.wiped);
      break;
    case 'store':
      h.str(r.node).str(r.key);
      siblings(h, r.siblings);
      h.str(r.cause);
      break;
    case 'hint':
      h.str(r.node).str(r.id).str(r.key).str(r.for);
      bool(h, r.added);
      bool(h, r.delivered);
      break;
    case 'timer':
      optStr(h, r.node);
      h.str(r.name);
      break;
    case 'net':
      h.word(r.groups.length);
      for (const g of r.groups) strs(h, g);
      h.word(r.cuts.length);
      for (const c of r.cuts) h.str(c.from).str(c.to);
      h.num(r.dropRate);
      break;
    case 'skew':
      h.str(r.node).num(r.offsetMs);
      break;
    case 'view':
      h.str(r.node).str(r.peer);
      bool(h, r.reachable);
      break;
    case 'session':
      h.str(r.session).str(r.node).str(r.peer).str(r.phase);
      outcome(h, r.outcome);
      break;
    case 'machine':
      h.str(r.node).str(r.role).str(r.actor);
      optNum(h, r.op);
      optStr(h, r.session);
      h.str(r.from).str(r.event).str(r.to);
      bool(h, r.ended);
      break;
    case 'count':
      h.str(r.node).str(r.metric).num(r.by);
      break;
    case 'verdict':
      h.str(r.kind).str(r.key).num(r.op);
      optStr(h, r.node);
      break;
  }
}

/** A stable hash of a whole trace, read one record at a time. */
export function traceHash(trace: Iterable<TraceRecord>): string {
  const h = new Hash53();
  for (const r of trace) hashRecord(h, r);
  return h.digest();
}

