// The trace as the kernel writes it: one row per record in typed columns
// (kind, event, time and a few integers), with references only to data
// that exists anyway (a message, a sibling list, an outcome's facts).
//
// Why columns: a run keeps every record to its end, and records kept as
// objects cost the engine more than the simulation itself. Each object (and
// the boxed double of its time) was copied twice by the young-generation
// collector on its way to old space; for the benchmark's 133,000 records
// that was a third of the run. The busiest kinds — send, deliver, store, the
// request records (with where each was sent) and the machines' transitions —
// are stored here without an
// object of their own; the rest keep their record object, which is rare
// enough not to matter.
//
// Readers get ordinary `TraceRecord` objects: `get(i)` builds one (it dies
// young, which is cheap), and `records()` builds them once and keeps them,
// for views that look back and forth. Both give the same fields in the same
// order as the records were written, so the trace hash does not depend on
// how the trace is stored.

import type { Consistency, Violation } from './checker';
import { Chunked } from './chunked';
import type { Why } from './machines/protocol';
import type { Plan } from './quorum';
import type { ChangeCause } from './storage';
import type { Message } from './messages';
import type { MachineRole, OpStatus, TraceRecord } from './trace';
import type { NodeId, Step } from './types';
import type { Sibling } from './versions';

const OTHER = 0;
const SEND = 1;
const DELIVER = 2;
const STEP = 3;
const OP_START = 4;
const OP_CLOSE = 6;
const STORE = 7;
const OP_END = 8;
const MACHINE = 9;
const SENT = 10;

/** Messages of the request path, stored as fields rather than the object
 *  (0: any other message, kept whole). Their fields are always, in order:
 *  type, req, key, then siblings for those that carry them, then hintFor. */
const MSG_TYPES = ['', 'write', 'writeAck', 'read', 'readResp', 'repair', 'repairAck'] as const;
/** Message type → its code above (a lookup, not a scan, per message sent). */
const MSG_CODE: ReadonlyMap<string, number> = new Map(MSG_TYPES.map((type, code) => [type, code]));
const CARRIES_SIBLINGS = new Set(['write', 'readResp', 'repair']);
const CONSISTENCY: readonly (Consistency | null)[] = [null, 'fresh', 'stale', 'concurrent'];
const STATUS: readonly OpStatus[] = ['ok', 'failed'];

const CAUSES: readonly ChangeCause[] = ['write', 'repair', 'replay', 'sync', 'load', 'purge', 'wipe'];
const ROLES: readonly MachineRole[] = ['replica', 'coordinator', 'antiEntropy'];
const NO_NODE = -1;

type RecordOf<K extends TraceRecord['k']> = Extract<TraceRecord, { k: K }>;
type ClientStep = Extract<Step, { do: 'put' | 'get' | 'delete' }>;

/** The request or session a machine's actor belongs to, from its id
 *  (`op-<n>`, `ae-<session>`). */
function belongsTo(actor: string): { op?: number; session?: string } {
  if (actor.startsWith('op-')) return { op: Number(actor.slice(3)) };
  if (actor.startsWith('ae-')) return { session: actor.slice(3) };
  return {};
}

export class TraceLog implements Iterable<TraceRecord> {
  /** Number of records written. */
  length = 0;
  private kind = new Uint8Array(1024);
  private event = new Int32Array(1024);
  private time = new Float64Array(1024);
  private a = new Int32Array(1024);
  private b = new Int32Array(1024);
  private c = new Int32Array(1024);
  private f = new Float64Array(1024);
  /** Send rows: the message's req, and its type code plus 16 × (hintFor + 1). */
  private req = new Int32Array(1024);
  private msgCode = new Int32Array(1024);
  /** Each row's two references (a key, a sibling list, a record…), as
   *  positions in `refs`; -1 for none. Rows without any (deliveries,
   *  steps, starts) keep nothing on the JS heap. */
  private pi = new Int32Array(1024);
  private qi = new Int32Array(1024);
  /** Machine rows: the transition's states and event, as positions in `names`. */
  private fromName = new Int32Array(1024);
  private toName = new Int32Array(1024);
  private eventName = new Int32Array(1024);
  /** The machines' state names and event types (a run has a few dozen). */
  private readonly names: string[] = [];
  private readonly nameCode = new Map<string, number>();
  private readonly refs = new Chunked<unknown>();
  private readonly built: TraceRecord[] = [];

  /** `nodes`: the cluster's node ids, whose positions the columns hold. */
  constructor(
    private readonly nodes: readonly NodeId[],
    private readonly steps: readonly Step[],
  ) {
    // A client operation writes about a dozen rows (its step, start, phase,
    // sends, deliveries, stores, end and close): a long scenario starts with
    // room for them, in one allocation, rather than doubling its way up.
    let rows = this.kind.length;
    while (rows < steps.length * 16) rows *= 2;
    if (rows > this.kind.length) this.grow(rows);
  }

  // ── writing ─────────────────────────────────────────────────────────────

  /** `hintFor`: position of a write's hintFor node, if it has one. */
  send(e: number, t: number, id: number, from: number, to: number, msg: Message, arriveMs: number, hintFor = NO_NODE): void {
    // The request path's messages keep their fields, not the object. (A
    // switch on the type: every message passes here, and `in` checks on ten
    // message shapes were a slow, generic lookup each.)
    let i: number;
    switch (msg.type) {
      case 'write':
      case 'readResp':
      case 'repair':
        i = this.row(SEND, e, t, msg.key, msg.siblings);
        this.req[i] = msg.req;
        this.msgCode[i] = MSG_CODE.get(msg.type)! + 16 * (hintFor + 1);
        break;
      case 'writeAck':
      case 'read':
      case 'repairAck':
        i = this.row(SEND, e, t, msg.key, null);
        this.req[i] = msg.req;
        this.msgCode[i] = MSG_CODE.get(msg.type)! + 16 * (hintFor + 1);
        break;
      default:
        i = this.row(SEND, e, t, msg, null);
        this.msgCode[i] = 0;
    }
    this.a[i] = id;
    this.b[i] = from;
    this.c[i] = to;
    this.f[i] = arriveMs;
  }

  deliver(e: number, t: number, id: number, from: number, to: number): void {
    const i = this.row(DELIVER, e, t, null, null);
    this.a[i] = id;
    this.b[i] = from;
    this.c[i] = to;
  }

  step(e: number, t: number, index: number): void {
    // (Not `this.a[this.row(…)] = …`: that would take `this.a` before row() may replace it.)
    const i = this.row(STEP, e, t, null, null);
    this.a[i] = index;
  }

  /** A client operation begins; its type, client, key and value are the step's. */
  opStart(e: number, t: number, op: number, coordinator: number | null, quorum: number): void {
    const i = this.row(OP_START, e, t, null, null);
    this.a[i] = op;
    this.b[i] = coordinator ?? NO_NODE;
    this.c[i] = quorum;
  }

  /** Where a request was sent: the plan's own lists. */
  sent(e: number, t: number, op: number, plan: Plan): void {
    const i = this.row(SENT, e, t, plan, null);
    this.a[i] = op;
  }

  opClose(e: number, t: number, op: number, acks: number, replicas: readonly NodeId[]): void {
    const i = this.row(OP_CLOSE, e, t, replicas, null);
    this.a[i] = op;
    this.b[i] = acks;
  }

  store(e: number, t: number, node: number, key: string, siblings: readonly Sibling[] | undefined, cause: ChangeCause): void {
    const i = this.row(STORE, e, t, key, siblings ?? null);
    this.a[i] = node;
    this.b[i] = CAUSES.indexOf(cause);
  }

  opEnd(e: number, t: number, op: number, status: OpStatus, values: readonly string[], why: Why, consistency: Consistency | null, missed?: number[], violations?: Violation[], resurrected = false): void {
    if (missed || violations || resurrected) {
      // Rare: kept as a record object, fields in the usual order.
      const record: RecordOf<'opEnd'> = {
        k: 'opEnd',
        op,
        status,
        values,
        why,
        consistency,
        ...(missed ? { missed } : {}),
        ...(violations ? { violations } : {}),
        ...(resurrected ? { resurrected: true as const } : {}),
        e,
        t,
      };
      this.other(record);
      return;
    }
    const i = this.row(OP_END, e, t, values, why);
    this.a[i] = op;
    this.b[i] = STATUS.indexOf(status);
    this.c[i] = CONSISTENCY.indexOf(consistency);
  }

  /** A machine took a transition (see trace.ts): `actor` is the role for a
   *  node machine, else the request's, replay's or session's id. */
  machine(e: number, t: number, node: number, role: MachineRole, actor: string, from: string, event: string, to: string, ended: boolean): void {
    const i = this.row(MACHINE, e, t, actor, null);
    this.a[i] = node;
    this.b[i] = ROLES.indexOf(role);
    this.c[i] = ended ? 1 : 0;
    this.fromName[i] = this.name(from);
    this.toName[i] = this.name(to);
    this.eventName[i] = this.name(event);
  }

  private name(s: string): number {
    let code = this.nameCode.get(s);
    if (code === undefined) {
      code = this.names.push(s) - 1;
      this.nameCode.set(s, code);
    }
    return code;
  }

  /** Any other record, kept as the object it is. */
  other(record: TraceRecord): void {
    this.row(OTHER, record.e, record.t, record, null);
  }

  private row(kind: number, e: number, t: number, p: unknown, q: unknown): number {
    const i = this.length++;
    if (i === this.kind.length) this.grow();
    this.kind[i] = kind;
    this.event[i] = e;
    this.time[i] = t;
    this.pi[i] = this.keep(p);
    this.qi[i] = this.keep(q);
    return i;
  }

  private keep(ref: unknown): number {
    if (ref === null) return -1;
    return this.refs.push(ref);
  }

  private p(i: number): unknown {
    const at = this.pi[i]!;
    return at < 0 ? null : this.refs.get(at);
  }

  private q(i: number): unknown {
    const at = this.qi[i]!;
    return at < 0 ? null : this.refs.get(at);
  }

  private grow(size = this.kind.length * 2): void {
    const widen = <T extends Uint8Array | Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.kind = widen(this.kind, (n) => new Uint8Array(n));
    this.event = widen(this.event, (n) => new Int32Array(n));
    this.time = widen(this.time, (n) => new Float64Array(n));
    this.a = widen(this.a, (n) => new Int32Array(n));
    this.b = widen(this.b, (n) => new Int32Array(n));
    this.c = widen(this.c, (n) => new Int32Array(n));
    this.f = widen(this.f, (n) => new Float64Array(n));
    this.req = widen(this.req, (n) => new Int32Array(n));
    this.msgCode = widen(this.msgCode, (n) => new Int32Array(n));
    this.pi = widen(this.pi, (n) => new Int32Array(n));
    this.qi = widen(this.qi, (n) => new Int32Array(n));
    this.fromName = widen(this.fromName, (n) => new Int32Array(n));
    this.toName = widen(this.toName, (n) => new Int32Array(n));
    this.eventName = widen(this.eventName, (n) => new Int32Array(n));
  }

  // ── reading ─────────────────────────────────────────────────────────────

  /** Kernel event of record `i`, without building the record. */
  eventOf(i: number): number {
    return this.event[i]!;
  }

  /** Record `i` as an object (a new one for the column-stored kinds). */
  get(i: number): TraceRecord {
    const e = this.event[i]!;
    const t = this.time[i]!;
    switch (this.kind[i]) {
      case SEND: {
        const msg = this.message(i);
        const r: RecordOf<'send'> = { e, t, k: 'send', id: this.a[i]!, from: this.node(this.b[i]!)!, to: this.node(this.c[i]!)!, type: msg.type, key: 'key' in msg ? msg.key : null, msg, arriveMs: this.f[i]! };
        return r;
      }
      case DELIVER: {
        const r: RecordOf<'deliver'> = { e, t, k: 'deliver', id: this.a[i]!, from: this.node(this.b[i]!)!, to: this.node(this.c[i]!)! };
        return r;
      }
      case STEP: {
        const index = this.a[i]!;
        const r: RecordOf<'step'> = { k: 'step', step: index, do: this.steps[index]!.do, e, t };
        return r;
      }
      case OP_START: {
        const op = this.a[i]!;
        const step = this.steps[op] as ClientStep;
        const r: RecordOf<'opStart'> = {
          k: 'opStart',
          op,
          type: step.do,
          client: step.client,
          key: step.key,
          coordinator: this.node(this.b[i]!),
          quorum: this.c[i]!,
          ...(step.do === 'put' ? { value: step.value } : {}),
          e,
          t,
        };
        return r;
      }
      case SENT: {
        const plan = this.p(i) as Plan;
        const r: RecordOf<'sent'> = { k: 'sent', op: this.a[i]!, targets: plan.targets, skipped: plan.skipped, standIns: plan.standIns, e, t };
        return r;
      }
      case OP_CLOSE: {
        const r: RecordOf<'opClose'> = { k: 'opClose', op: this.a[i]!, acks: this.b[i]!, replicas: this.p(i) as readonly NodeId[], e, t };
        return r;
      }
      case STORE: {
        const siblings = (this.q(i) as readonly Sibling[] | null) ?? [];
        const r: RecordOf<'store'> = { k: 'store', node: this.node(this.a[i]!)!, key: this.p(i) as string, siblings, cause: CAUSES[this.b[i]!]!, e, t };
        return r;
      }
      case OP_END: {
        const r: RecordOf<'opEnd'> = {
          k: 'opEnd',
          op: this.a[i]!,
          status: STATUS[this.b[i]!]!,
          values: this.p(i) as readonly string[],
          why: this.q(i) as Why,
          consistency: CONSISTENCY[this.c[i]!]!,
          e,
          t,
        };
        return r;
      }
      case MACHINE: {
        const actor = this.p(i) as string;
        const r: RecordOf<'machine'> = {
          k: 'machine',
          node: this.node(this.a[i]!)!,
          role: ROLES[this.b[i]!]!,
          actor,
          ...belongsTo(actor),
          from: this.names[this.fromName[i]!]!,
          event: this.names[this.eventName[i]!]!,
          to: this.names[this.toName[i]!]!,
          ...(this.c[i] === 1 ? { ended: true as const } : {}),
          e,
          t,
        };
        return r;
      }
      default:
        return this.p(i) as TraceRecord;
    }
  }

  /** Every record as an object, built once and kept: for readers that come
   *  back to the trace again and again (the views, the timeline). */
  records(): readonly TraceRecord[] {
    for (let i = this.built.length; i < this.length; i++) this.built.push(this.get(i));
    return this.built;
  }

  *[Symbol.iterator](): Iterator<TraceRecord> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }

  private message(i: number): Message {
    const code = this.msgCode[i]!;
    if (code === 0) return this.p(i) as Message;
    const type = MSG_TYPES[code % 16]!;
    const hintFor = this.node(Math.floor(code / 16) - 1);
    const fields = { type, req: this.req[i]!, key: this.p(i) as string };
    const siblings = CARRIES_SIBLINGS.has(type) ? { siblings: this.q(i) as readonly Sibling[] } : {};
    return { ...fields, ...siblings, ...(hintFor !== null ? { hintFor } : {}) } as Message;
  }

  private node(index: number): NodeId | null {
    return index === NO_NODE ? null : this.nodes[index]!;
  }
}
