// The kernel's event loop: ordering on (virtual time, sequence number), one
// event per step(), what `events` counts, and the trace's event numbers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel';
import { EventQueue } from './queue';
import { buildReport, runScenario } from './report';
import { Ring } from './ring';
import { makeScenario, opAt } from './testkit';
import type { TraceRecord } from './trace';
import type { SimScenario } from './types';

const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
const ring = new Ring(nodes, 1, 3);
const [a, b, c] = ring.preferenceList('k') as [string, string, string];

/** Records that open a kernel event: exactly one per event processed. */
const PRIMARY = new Set<TraceRecord['k']>(['step', 'deliver', 'drop', 'timer']);

/** A busy scenario: random latency, drops, duplicates, a kill, a partition, hints, read repair. */
const busy: SimScenario = makeScenario({
  seed: 11,
  network: { latency: { kind: 'uniform', min: 1, max: 30 }, dropRate: 0.1, duplicateRate: 0.1 },
  steps: [
    { at: 0, do: 'put', client: 'alice', key: 'k', value: 'v1' },
    { at: 20, do: 'kill', node: c },
    { at: 100, do: 'put', client: 'alice', key: 'k', value: 'v2', coordinator: a },
    { at: 150, do: 'partition', groups: [[a], [b, c]] },
    { at: 200, do: 'get', client: 'bob', key: 'k', coordinator: b },
    { at: 300, do: 'heal' },
    { at: 320, do: 'revive', node: c },
    { at: 500, do: 'get', client: 'bob', key: 'k', r: 3 },
    { at: 600, do: 'repair', nodes: [a, c] },
    { at: 700, do: 'put', client: 'carol', key: 'other', value: 'x' },
    { at: 700, do: 'put', client: 'dave', key: 'k', value: 'v3', coordinator: b },
    { at: 705, do: 'get', client: 'erin', key: 'k', r: 1 },
  ],
});

describe('EventQueue', () => {
  it('pops in (time, seq) order whatever the push order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 60 }), (times) => {
        const q = new EventQueue<{ t: number; seq: number }>();
        times.forEach((t, seq) => q.push({ t, seq }));
        const out: { t: number; seq: number }[] = [];
        for (let x = q.pop(); x; x = q.pop()) out.push(x);
        const expected = times.map((t, seq) => ({ t, seq })).sort((x, y) => x.t - y.t || x.seq - y.seq);
        expect(out).toEqual(expected);
      }),
      { seed: 0x6b65726e, numRuns: 300 },
    );
  });
});

describe('kernel ordering', () => {
  it('runs steps in time order, whatever their order in the list', () => {
    const { kernel } = runScenario(
      makeScenario({
        steps: [
          { at: 30, do: 'heal' },
          { at: 10, do: 'drop', rate: 0 },
          { at: 20, do: 'skew', node: 'n1', offsetMs: 5 },
        ],
      }),
    );
    const steps = kernel.trace.filter((r) => r.k === 'step');
    expect(steps.map((r) => r.t)).toEqual([10, 20, 30]);
    expect(steps.map((r) => (r.k === 'step' ? r.step : -1))).toEqual([1, 2, 0]);
  });

  it('runs steps with equal `at` in list order', () => {
    const { kernel } = runScenario(
      makeScenario({
        steps: [
          { at: 5, do: 'skew', node: 'n3', offsetMs: 1 },
          { at: 5, do: 'skew', node: 'n1', offsetMs: 2 },
          { at: 5, do: 'skew', node: 'n2', offsetMs: 3 },
        ],
      }),
    );
    expect(kernel.trace.filter((r) => r.k === 'skew').map((r) => (r.k === 'skew' ? r.node : ''))).toEqual(['n3', 'n1', 'n2']);
  });

  it('breaks a time tie by sequence: a step queued at the start runs before a message due at the same instant', () => {
    // The write to c is sent at t=0 and due at t=5 (fixed 5 ms latency); the
    // kill of c, also at t=5, was queued first (all steps are queued when
    // the run starts), so the write finds c dead.
    const { kernel } = runScenario(
      makeScenario({
        steps: [
          { at: 0, do: 'put', client: 'alice', key: 'k', value: 'v', coordinator: a },
          { at: 5, do: 'kill', node: c },
        ],
      }),
    );
    const toC = kernel.trace.find((r) => r.k === 'send' && r.to === c && r.type === 'write');
    const fate = kernel.trace.find((r) => (r.k === 'drop' || r.k === 'deliver') && toC?.k === 'send' && r.id === toC.id);
    expect(fate).toMatchObject({ k: 'drop', reason: 'dead', t: 5 });
    // … while the write to b, due at the same time but with no kill in front of it, gets through.
    const toB = kernel.trace.find((r) => r.k === 'send' && r.to === b && r.type === 'write');
    expect(kernel.trace.some((r) => r.k === 'deliver' && toB?.k === 'send' && r.id === toB.id)).toBe(true);
  });

  it('processes events in non-decreasing virtual time', () => {
    const k = new Kernel(busy);
    let last = -Infinity;
    while (k.step()) {
      expect(k.now).toBeGreaterThanOrEqual(last);
      last = k.now;
    }
  });
});

describe('kernel events', () => {
  it('step() processes exactly one event, and the count of steps is the CLI `events`', () => {
    const k = new Kernel(busy);
    let calls = 0;
    for (;;) {
      const before = k.events;
      const primariesBefore = k.trace.filter((r) => PRIMARY.has(r.k)).length;
      if (!k.step()) {
        expect(k.events).toBe(before);
        break;
      }
      calls++;
      expect(k.events).toBe(before + 1);
      // One event = one step, delivery, drop or timer record.
      expect(k.trace.filter((r) => PRIMARY.has(r.k)).length).toBe(primariesBefore + 1);
    }
    expect(k.step()).toBe(false);
    const cli = buildReport(runScenario(busy));
    expect(calls).toBe(cli.events);
    expect(k.events).toBe(cli.events);
    expect(calls).toBeGreaterThan(40);
  });

  it('every trace record carries e with 1 ≤ e ≤ events, non-decreasing, and t non-decreasing', () => {
    const { kernel } = runScenario(busy);
    let e = 1;
    let t = 0;
    for (const r of kernel.trace) {
      expect(r.e).toBeGreaterThanOrEqual(e);
      expect(r.e).toBeLessThanOrEqual(kernel.events);
      expect(r.t).toBeGreaterThanOrEqual(t);
      e = r.e;
      t = r.t;
    }
    // Every event number appears, each opened by exactly one primary record.
    const primaries = kernel.trace.filter((r) => PRIMARY.has(r.k));
    expect(primaries.map((r) => r.e)).toEqual(Array.from({ length: kernel.events }, (_, i) => i + 1));
  });

  it('runUntil(t) processes exactly the events due at or before t', () => {
    const full = runScenario(busy).kernel;
    for (const t of [0, 5, 99.5, 100, 250, 1000]) {
      const k = new Kernel(busy);
      k.runUntil(t);
      const due = full.trace.filter((r) => PRIMARY.has(r.k) && r.t <= t).length;
      expect(k.events).toBe(due);
      expect(k.now).toBeLessThanOrEqual(t);
      const next = k.nextTime();
      if (next !== undefined) expect(next).toBeGreaterThan(t);
      // The same prefix of the same trace.
      expect(k.trace).toEqual(full.trace.slice(0, k.trace.length));
    }
  });

  it('runToEnd stops on an empty queue (or at the event cap, saying so)', () => {
    const k = new Kernel(busy);
    expect(k.runToEnd()).toBe(true);
    expect(k.nextTime()).toBeUndefined();
    expect(k.step()).toBe(false);

    const capped = new Kernel(busy);
    expect(capped.runToEnd(10)).toBe(false);
    expect(capped.events).toBe(10);
    expect(capped.nextTime()).toBeDefined();
    expect(buildReport(runScenario(busy, 10))).toMatchObject({ complete: false, events: 10 });
  });

  it('does not count cancelled timers: a write acked by every replica leaves no timeout behind', () => {
    // a coordinates and is a replica: 1 step + 2 write deliveries + 2 ack
    // deliveries. Its 100 ms request timer is cancelled when the last ack
    // closes the request, so the run ends at t=10, not t=100.
    const r = buildReport(runScenario(makeScenario({ steps: [{ at: 0, do: 'put', client: 'alice', key: 'k', value: 'v', coordinator: a }] })));
    expect(r.events).toBe(5);
    expect(r.endTimeMs).toBe(10);
    const { kernel } = runScenario(makeScenario({ steps: [{ at: 0, do: 'put', client: 'alice', key: 'k', value: 'v', coordinator: a }] }));
    expect(kernel.trace.some((x) => x.k === 'timer')).toBe(false);
  });

  it('does count a timer that fires: a write that misses W ends at its timeout', () => {
    // c dies and b is cut off from a just before the write, too recently
    // for a to know: only a's local ack arrives, so the request timer fires
    // at t = 100 + 100.
    const { kernel } = runScenario(
      makeScenario({
        steps: [
          { at: 90, do: 'kill', node: c },
          { at: 90, do: 'partition', groups: [[a], [b]] },
          { at: 100, do: 'put', client: 'alice', key: 'k', value: 'v', coordinator: a, w: 2 },
        ],
      }),
    );
    const timeout = kernel.trace.find((x) => x.k === 'timer' && x.node === a && x.name === 'request timeout');
    expect(timeout?.t).toBe(200);
    // The timer is the write machine's own `after` transition, on virtual time.
    const moved = kernel.trace.find((x) => x.k === 'machine' && x.op === 2 && x.event.startsWith('xstate.after.'));
    expect(moved).toMatchObject({ node: a, actor: 'op-2', from: 'collecting', to: 'failed', t: 200, e: timeout?.e });
    expect(opAt(buildReport(runScenario(kernel.scenario)), 2)).toMatchObject({ status: 'failed', endMs: 200 });
    expect(kernel.events).toBe(kernel.trace.filter((x) => PRIMARY.has(x.k)).length);
  });
});
