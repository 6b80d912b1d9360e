// The column-stored trace must read back exactly the records that were
// written — same fields, same values, same key order (the trace hash is
// JSON of each record) — however many rows it grows to.
import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel';
import type { Why } from './machines/protocol';
import type { Message } from './messages';
import type { TraceRecord } from './trace';
import { TraceLog } from './traceLog';
import type { Step } from './types';

const NODES = ['n1', 'n2', 'n3'];
const STEPS: Step[] = [
  { at: 0, do: 'put', client: 'alice', key: 'k', value: 'v1' },
  { at: 5, do: 'get', client: 'bob', key: 'k' },
  { at: 9, do: 'delete', client: 'carol', key: 'k' },
  { at: 12, do: 'kill', node: 'n2' },
];

/** Writes one record of every kind through the log's own writer for it,
 *  and returns the objects the trace held before it was stored in columns. */
function writeAll(log: TraceLog, e: number, t: number): TraceRecord[] {
  const msg: Message = { type: 'write', req: e, key: `k${e}`, siblings: [{ value: `v${e}`, writeId: e, ts: t }] };
  const sync: Message = { type: 'sync', session: 'n1:1', leaves: [], entries: [], final: true };
  // Every message type: the request path's are stored as fields, the rest whole.
  const others: Message[] = [
    { type: 'write', req: e, key: 'h', siblings: [], hintFor: 'n2' },
    { type: 'writeAck', req: e, key: 'h' },
    { type: 'read', req: e, key: 'r' },
    { type: 'readResp', req: e, key: 'r', siblings: [{ value: 'x', writeId: 1, ts: 0.5 }] },
    { type: 'repair', req: e, key: 'r', siblings: [] },
    { type: 'repairAck', req: e, key: 'r' },
    { type: 'replay', hint: 'n1#1', key: 'h', siblings: [] },
    { type: 'replayAck', hint: 'n1#1', key: 'h' },
  ];
  const msgOf = others[e % others.length]!;
  const siblings = [{ value: null, writeId: e, ts: t }];
  const replicas = ['n3', 'n1'];
  const step = e % STEPS.length;
  const op = e % 3;
  const plan = { targets: ['n1', 'n3'], skipped: ['n2'], standIns: e % 2 === 0 ? [] : [['n3', 'n2'] as const] };
  const sent: TraceRecord = { k: 'sent', op, ...plan, e, t };
  const met: Why = { kind: 'quorum', quorum: 'R', got: 2, of: 3, need: 2, from: ['n1', 'n3'] };
  const timedOut: Why = { kind: 'timeout', quorum: 'W', got: 1, of: 3, need: 2, timeoutMs: 100 };
  const hint: TraceRecord = { k: 'hint', node: 'n1', id: `n1#${e}`, key: 'k', for: 'n2', added: true, delivered: false, e, t };
  log.send(e, t, e, 0, 2, msg, t + 2.5);
  log.send(e, t, e + 1, 2, 1, sync, t + 0.25);
  log.send(e, t, e + 2, 1, 0, msgOf, t + 1, msgOf.type === 'write' && msgOf.hintFor ? 1 : undefined);
  log.deliver(e, t, e, 0, 2);
  log.step(e, t, step);
  log.opStart(e, t, op, op === 1 ? null : 1, 2);
  log.sent(e, t, op, plan);
  log.opClose(e, t, op, 2, replicas);
  log.store(e, t, 2, `k${e}`, siblings, 'repair');
  log.store(e, t, 1, 'gone', undefined, 'purge');
  log.other(hint);
  log.opEnd(e, t, op, 'ok', ['v'], met, op === 2 ? 'stale' : null);
  log.opEnd(e, t, op, 'failed', [], timedOut, 'fresh', [1]);
  // Machines: a request's transition, a session's last, a node machine's.
  log.machine(e, t, 1, 'coordinator', `op-${op}`, 'collecting', 'readResp', 'answered', false);
  log.machine(e, t, 2, 'antiEntropy', `ae-n3:${e}`, 'comparing', 'sync', 'done', true);
  log.machine(e, t, 0, 'replica', 'replica', 'up', 'KILL', 'down', false);
  const put = STEPS[op] as Extract<Step, { do: 'put' | 'get' | 'delete' }>;
  return [
    { e, t, k: 'send', id: e, from: 'n1', to: 'n3', type: 'write', key: `k${e}`, msg, arriveMs: t + 2.5 },
    { e, t, k: 'send', id: e + 1, from: 'n3', to: 'n2', type: 'sync', key: null, msg: sync, arriveMs: t + 0.25 },
    { e, t, k: 'send', id: e + 2, from: 'n2', to: 'n1', type: msgOf.type, key: 'key' in msgOf ? msgOf.key : null, msg: msgOf, arriveMs: t + 1 },
    { e, t, k: 'deliver', id: e, from: 'n1', to: 'n3' },
    { k: 'step', step, do: STEPS[step]!.do, e, t },
    {
      k: 'opStart',
      op,
      type: put.do,
      client: put.client,
      key: put.key,
      coordinator: op === 1 ? null : 'n2',
      quorum: 2,
      ...(put.do === 'put' ? { value: put.value } : {}),
      e,
      t,
    },
    sent,
    { k: 'opClose', op, acks: 2, replicas, e, t },
    { k: 'store', node: 'n3', key: `k${e}`, siblings, cause: 'repair', e, t },
    { k: 'store', node: 'n2', key: 'gone', siblings: [], cause: 'purge', e, t },
    hint,
    { k: 'opEnd', op, status: 'ok', values: ['v'], why: met, consistency: op === 2 ? 'stale' : null, e, t },
    { k: 'opEnd', op, status: 'failed', values: [], why: timedOut, consistency: 'fresh', missed: [1], e, t },
    { k: 'machine', node: 'n2', role: 'coordinator', actor: `op-${op}`, op, from: 'collecting', event: 'readResp', to: 'answered', e, t },
    { k: 'machine', node: 'n3', role: 'antiEntropy', actor: `ae-n3:${e}`, session: `n3:${e}`, from: 'comparing', event: 'sync', to: 'done', ended: true, e, t },
    { k: 'machine', node: 'n1', role: 'replica', actor: 'replica', from: 'up', event: 'KILL', to: 'down', e, t },
  ];
}

describe('TraceLog', () => {
  it('reads back every kind exactly as written, across many growths of its columns', () => {
    const log = new TraceLog(NODES, STEPS);
    const expected: TraceRecord[] = [];
    // 400 rounds of 16 rows: 6,400 rows, past the initial 1,024 twice over.
    for (let e = 1; e <= 400; e++) expected.push(...writeAll(log, e, e * 1.5 + 0.125));
    expect(log.length).toBe(expected.length);
    // JSON compares key order too, which the trace hash depends on.
    for (let i = 0; i < expected.length; i++) expect(JSON.stringify(log.get(i))).toBe(JSON.stringify(expected[i]));
    expect([...log].map((r) => JSON.stringify(r))).toEqual(expected.map((r) => JSON.stringify(r)));
    expect(log.eventOf(expected.length - 1)).toBe(400);
  });

  it('keeps the row that makes the columns grow, whatever its kind', () => {
    // Shift the rounds so that each of the sixteen rows lands on row 1,024.
    for (let offset = 0; offset < 16; offset++) {
      const log = new TraceLog(NODES, STEPS);
      const expected: TraceRecord[] = [];
      for (let i = 0; i < offset; i++) {
        const r: TraceRecord = { k: 'timer', node: null, name: `filler ${i}`, e: 0, t: 0 };
        log.other(r);
        expected.push(r);
      }
      for (let e = 1; e <= 80; e++) expected.push(...writeAll(log, e, e + 0.5));
      expect(JSON.stringify(log.get(1024))).toBe(JSON.stringify(expected[1024]));
    }
  });

  it('keeps built records and extends them as the log grows', () => {
    const log = new TraceLog(NODES, STEPS);
    writeAll(log, 1, 1);
    const first = log.records();
    expect(first).toHaveLength(16);
    const kept = first[3];
    writeAll(log, 2, 2);
    const second = log.records();
    expect(second).toHaveLength(32);
    expect(second[3]).toBe(kept);
    expect(second[20]).toEqual({ k: 'step', step: 2, do: 'delete', e: 2, t: 2 });
  });

  it("is what a kernel's trace is built from, event numbers included", () => {
    const kernel = new Kernel({
      version: 1,
      title: 't',
      seed: 3,
      cluster: { nodes: NODES, vnodes: 2, n: 3, w: 2, r: 2, sloppyQuorum: false, hintedHandoff: true, readRepair: 'async', conflicts: 'lww', antiEntropy: { intervalMs: 0, merkleDepth: 4 }, tombstoneGraceMs: 1000, requestTimeoutMs: 100, failureDetectionMs: 50 },
      network: { latency: { kind: 'uniform', min: 1, max: 5 }, dropRate: 0.2, duplicateRate: 0.2 },
      steps: STEPS,
    });
    kernel.runToEnd();
    const trace = kernel.trace;
    expect(trace).toHaveLength(kernel.log.length);
    expect(trace.map((r) => r.e)).toEqual(trace.map((_, i) => kernel.log.eventOf(i)));
    expect(trace.filter((r) => r.k === 'step').map((r) => r.step)).toEqual([0, 1, 2, 3]);
    const sends = trace.filter((r) => r.k === 'send');
    for (const d of trace.filter((r) => r.k === 'deliver' || r.k === 'drop')) {
      const sent = sends.find((s) => s.id === d.id);
      expect(sent && [sent.from, sent.to]).toEqual([d.from, d.to]);
    }
  });
});
