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

  it('a write the coordinator knows cannot reach W is refused at once: nothing stored, sent or hinted', () => {
    // b and c are known unreachable (the detector told a at t = 50).
    const { kernel } = runScenario(
      makeScenario({
        steps: [
          { at: 0, do: 'kill', node: b },
          { at: 0, do: 'kill', node: c },
          { at: 100, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a, w: 2 },
        ],
      }),
    );
    const r = buildReport({ kernel, complete: true });
    expect(opAt(r, 2)).toMatchObject({ status: 'failed', startMs: 100, endMs: 100, acks: 0, replicas: [], values: [] });
    expect(opAt(r, 2).reason).toMatch(/^unavailable: /);
    expect(opAt(r, 2).reason).toContain(`${b} and ${c} are known unreachable`);
    expect(r.replicas[a]!.data['k']).toBeUndefined();
    expect(r.replicas[a]!.hints).toEqual([]);
    expect(r.metrics).toMatchObject({ messagesSent: 0, hintsStored: 0 });
    expect(kernel.trace.some((x) => x.k === 'timer' && x.name === 'request timeout')).toBe(false);
  });

  it('a read the coordinator knows cannot reach R is refused at once', () => {
    const r = report({
      steps: [
        { at: 0, do: 'kill', node: b },
        { at: 0, do: 'kill', node: c },
        { at: 100, do: 'get', client: 'x', key: 'k', coordinator: a, r: 2 },
        { at: 100, do: 'get', client: 'x', key: 'k', coordinator: a, r: 1 },
      ],
    });
    expect(opAt(r, 2)).toMatchObject({ status: 'failed', endMs: 100, values: [], acks: 0 });
    expect(opAt(r, 2).reason).toMatch(/^unavailable: .*R = 2/);
    // R = 1 can still be met by a's own copy.
    expect(opAt(r, 3)).toMatchObject({ status: 'ok', endMs: 100 });
    expect(r.metrics.messagesSent).toBe(0);
  });

  it('a write whose homes died too recently for the coordinator to know fails at the timeout, and stays where it landed', () => {
    // b and c die at 95; a learns it at 145. The write at 100 goes out and only a acks.
    const r = report({
      steps: [
        { at: 95, do: 'kill', node: b },
        { at: 95, do: 'kill', node: c },
        { at: 100, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a, w: 2 },
      ],
    });
    expect(opAt(r, 2)).toMatchObject({ status: 'failed', endMs: 200, acks: 1, replicas: [a, b, c] });
    expect(opAt(r, 2).reason).not.toMatch(/^unavailable/);
    expect(r.replicas[a]!.data['k']?.values).toEqual(['v']);
  });

  it('a sloppy quorum is refused only when fewer than W nodes in the whole ring are reachable (Riak: insufficient_vnodes)', () => {
    const steps = (dead: string[]): ScenarioOverrides['steps'] => [
      ...dead.map((node) => ({ at: 0, do: 'kill' as const, node })),
      { at: 100, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a, w: 2 },
    ];
    const others = nodes.filter((n) => n !== a);
    const one = report({ cluster: { sloppyQuorum: true }, steps: steps(others.slice(0, 3)) });
    expect(opAt(one, 3)).toMatchObject({ status: 'ok', acks: 2 });
    const none = report({ cluster: { sloppyQuorum: true }, steps: steps(others) });
    expect(opAt(none, 4)).toMatchObject({ status: 'failed', endMs: 100, acks: 0 });
    expect(opAt(none, 4).reason).toMatch(/^unavailable: .*only 1 node can take the write/);
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
