// The coordinator: W acks, R replies, per-request overrides, failure on
// timeout without rollback, the local replica, and the default coordinator.
import { describe, expect, it } from 'vitest';
import type { Kernel } from './kernel';
import { buildReport, runScenario } from './report';
import { Ring } from './ring';
import { makeScenario, opAt, report, type ScenarioOverrides } from './testkit';
import type { TraceRecord } from './trace';

const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
const ring = new Ring(nodes, 1, 3);
const [a, b, c] = ring.preferenceList('k') as [string, string, string];
/** A node that is not a replica of k. */
const outsider = ring.extendedList('k')[3]!;

function run(o: ScenarioOverrides): Kernel {
  return runScenario(makeScenario(o)).kernel;
}

/** How many messages of a type were delivered to `to` up to and including the event that answered `op`. */
function deliveredBeforeAnswer(k: Kernel, op: number, type: string, to: string): number {
  const end = k.trace.find((r) => r.k === 'opEnd' && r.op === op)!;
  const types = new Map(k.trace.filter((r): r is Extract<TraceRecord, { k: 'send' }> => r.k === 'send').map((s) => [s.id, s.type]));
  return k.trace.filter((r) => r.k === 'deliver' && r.e <= end.e && r.to === to && types.get(r.id) === type).length;
}

describe('write quorum', () => {
  for (const w of [1, 2, 3]) {
    it(`answers a put on the W-th ack (W = ${w}, coordinator outside the replica set)`, () => {
      // Staggered latency: uniform, so acks arrive one by one.
      const k = run({
        network: { latency: { kind: 'uniform', min: 1, max: 20 } },
        cluster: { w },
        steps: [{ at: 0, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: outsider }],
      });
      expect(deliveredBeforeAnswer(k, 0, 'writeAck', outsider)).toBe(w);
      const r = buildReport(runScenario(k.scenario));
      expect(opAt(r, 0)).toMatchObject({ status: 'ok', acks: 3, replicas: [a, b, c] });
    });
  }

  it('the per-request w overrides the cluster W', () => {
    const k = run({
      network: { latency: { kind: 'uniform', min: 1, max: 20 } },
      cluster: { w: 1 },
      steps: [{ at: 0, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: outsider, w: 3 }],
    });
    expect(deliveredBeforeAnswer(k, 0, 'writeAck', outsider)).toBe(3);
  });
});

describe('read quorum', () => {
  for (const r of [1, 2, 3]) {
    it(`answers a get on the R-th reply (R = ${r}), and the per-request r overrides the cluster R`, () => {
      const k = run({
        network: { latency: { kind: 'uniform', min: 1, max: 20 } },
        cluster: { r: 3 - (r % 3) },
        steps: [
          { at: 0, do: 'put', client: 'x', key: 'k', value: 'v', w: 3 },
          { at: 100, do: 'get', client: 'y', key: 'k', coordinator: outsider, r },
        ],
      });
      expect(deliveredBeforeAnswer(k, 1, 'readResp', outsider)).toBe(r);
      expect(opAt(buildReport(runScenario(k.scenario)), 1)).toMatchObject({ status: 'ok', values: ['v'] });
    });
  }
});

describe('failure', () => {
  it('a write that misses W fails at the timeout, and stays on the replicas that got it', () => {
    // b and c die at 0; before the detector tells a (at 50), a write sent
    // to them is lost. Only a's own copy acks: W = 2 is not met by t = 110.
    const r = report({
      steps: [
        { at: 0, do: 'kill', node: b },
        { at: 0, do: 'kill', node: c },
        { at: 10, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a },
        { at: 500, do: 'revive', node: b },
        { at: 500, do: 'revive', node: c },
        { at: 600, do: 'get', client: 'y', key: 'k', coordinator: b, r: 1 },
      ],
      cluster: { hintedHandoff: false, readRepair: 'off' },
    });
    expect(opAt(r, 2)).toMatchObject({ status: 'failed', startMs: 10, endMs: 110, acks: 1 });
    // No rollback: a keeps the value.
    expect(r.replicas[a]!.data['k']).toEqual({ values: ['v'], tombstone: false });
    expect(r.replicas[b]!.data['k']).toBeUndefined();
  });

  it('a write that every reachable replica acks but that is short of W still fails, at the timeout', () => {
    // b and c are known down: the write goes to a only, which acks at once.
    const r = report({
      steps: [
        { at: 0, do: 'kill', node: b },
        { at: 0, do: 'kill', node: c },
        { at: 100, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a, w: 2 },
      ],
    });
    expect(opAt(r, 2)).toMatchObject({ status: 'failed', endMs: 200, acks: 1, replicas: [a] });
    expect(r.replicas[a]!.data['k']?.values).toEqual(['v']);
  });

  it('a read that misses R fails at the timeout', () => {
    const r = report({
      steps: [
        { at: 0, do: 'kill', node: b },
        { at: 0, do: 'kill', node: c },
        { at: 100, do: 'get', client: 'x', key: 'k', coordinator: a, r: 2 },
      ],
    });
    expect(opAt(r, 2)).toMatchObject({ status: 'failed', endMs: 200, values: [] });
  });

  it('a request whose coordinator dies fails when it dies', () => {
    const r = report({
      cluster: { w: 3 },
      steps: [
        { at: 0, do: 'kill', node: c },
        { at: 10, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: outsider },
        { at: 30, do: 'kill', node: outsider },
      ],
    });
    expect(opAt(r, 1)).toMatchObject({ status: 'failed', endMs: 30 });
  });

  it('a request to a dead coordinator fails at once', () => {
    const r = report({ steps: [{ at: 0, do: 'kill', node: a }, { at: 10, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a }] });
    expect(opAt(r, 1)).toMatchObject({ status: 'failed', startMs: 10, endMs: 10 });
  });
});

describe('the coordinator itself', () => {
  it('reads and writes its own replica without a message: W = 1 and R = 1 answer at once', () => {
    const k = run({
      steps: [
        { at: 0, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: b, w: 1 },
        { at: 100, do: 'get', client: 'x', key: 'k', coordinator: c, r: 1 },
        { at: 200, do: 'get', client: 'x', key: 'k', coordinator: b, r: 1 },
      ],
    });
    expect(k.trace.some((r) => r.k === 'send' && r.from === r.to)).toBe(false);
    const r = buildReport(runScenario(k.scenario));
    expect(opAt(r, 0)).toMatchObject({ status: 'ok', startMs: 0, endMs: 0 });
    expect(opAt(r, 1)).toMatchObject({ status: 'ok', startMs: 100, endMs: 100, values: ['v'] });
    expect(opAt(r, 2)).toMatchObject({ status: 'ok', startMs: 200, endMs: 200 });
  });

  it('a coordinator outside the replica set stores nothing itself', () => {
    const r = report({ steps: [{ at: 0, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: outsider, w: 3 }] });
    expect(opAt(r, 0)).toMatchObject({ status: 'ok', endMs: 10 });
    expect(r.replicas[outsider]!.data['k']).toBeUndefined();
    for (const id of [a, b, c]) expect(r.replicas[id]!.data['k']?.values).toEqual(['v']);
  });

  it('by default the first live home replica coordinates', () => {
    const r = report({
      steps: [
        { at: 0, do: 'put', client: 'x', key: 'k', value: 'v' },
        { at: 100, do: 'kill', node: a },
        // Right after the kill: liveness, not the failure detector, picks the coordinator.
        { at: 100, do: 'get', client: 'x', key: 'k' },
        { at: 200, do: 'kill', node: b },
        { at: 300, do: 'get', client: 'x', key: 'k', r: 1 },
        { at: 400, do: 'kill', node: c },
        { at: 500, do: 'get', client: 'x', key: 'k', r: 1 },
      ],
    });
    expect(opAt(r, 0).coordinator).toBe(a);
    expect(opAt(r, 2).coordinator).toBe(b);
    expect(opAt(r, 4).coordinator).toBe(c);
    // With every home replica dead, the next node clockwise takes the request.
    expect(opAt(r, 6).coordinator).toBe(outsider);
  });
});
