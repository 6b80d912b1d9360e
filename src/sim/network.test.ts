// The network as scenarios see it: latency, random loss, duplicates,
// partitions, one-way cuts, heal, and dead receivers — all read from the trace.
import { describe, expect, it } from 'vitest';
import type { Kernel } from './kernel';
import { buildReport, runScenario } from './report';
import { Ring } from './ring';
import { makeScenario, opAt, type ScenarioOverrides } from './testkit';
import type { TraceRecord } from './trace';
import type { Step } from './types';

const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
const ring = new Ring(nodes, 1, 3);
const [a, b, c] = ring.preferenceList('k') as [string, string, string];

type Send = Extract<TraceRecord, { k: 'send' }>;
type Fate = Extract<TraceRecord, { k: 'deliver' | 'drop' }>;

function run(o: ScenarioOverrides): Kernel {
  return runScenario(makeScenario(o)).kernel;
}
const sends = (k: Kernel): Send[] => k.trace.filter((r): r is Send => r.k === 'send');
function fatesOf(k: Kernel, id: number): Fate[] {
  return k.trace.filter((r): r is Fate => (r.k === 'deliver' || r.k === 'drop') && r.id === id);
}

/** Ten writes from a to its two peers, each a ms apart. */
const tenWrites: Step[] = Array.from({ length: 10 }, (_, i) => ({ at: i, do: 'put', client: 'c', key: 'k', value: `v${i}`, coordinator: a, w: 1 }));

describe('latency', () => {
  it('fixed latency delivers every message exactly `ms` after it was sent', () => {
    const k = run({ network: { latency: { kind: 'fixed', ms: 7 } }, steps: tenWrites });
    for (const s of sends(k)) {
      const [fate] = fatesOf(k, s.id);
      expect(fate?.t).toBe(s.t + 7);
      expect(s.arriveMs).toBe(s.t + 7);
    }
  });

  for (const latency of [
    { kind: 'uniform', min: 1, max: 40 },
    { kind: 'exponential', mean: 10 },
  ] as const) {
    it(`${latency.kind} latency reorders: a later message on a link can arrive first`, () => {
      const k = run({ network: { latency }, steps: tenWrites });
      const s = sends(k);
      const deliveredAt = new Map(s.map((m) => [m.id, fatesOf(k, m.id)[0]!.t]));
      // Two messages on the same link, sent in one order and delivered in the other.
      const overtaken = s.find((x) => s.some((y) => y.from === x.from && y.to === x.to && y.t > x.t && deliveredAt.get(y.id)! < deliveredAt.get(x.id)!));
      expect(overtaken).toBeDefined();
      for (const m of s) {
        const flight = deliveredAt.get(m.id)! - m.t;
        if (latency.kind === 'uniform') expect(flight).toBeGreaterThanOrEqual(1);
        if (latency.kind === 'uniform') expect(flight).toBeLessThanOrEqual(40);
        expect(flight).toBeGreaterThanOrEqual(0);
      }
    });
  }
});

describe('random loss', () => {
  it('drops about dropRate of the messages, halfway through their flight, with reason "random"', () => {
    const steps: Step[] = Array.from({ length: 100 }, (_, i) => ({ at: i * 200, do: 'put', client: 'c', key: `k${i}`, value: 'v' }));
    const k = run({ network: { dropRate: 0.3 }, cluster: { hintedHandoff: false }, steps });
    const s = sends(k);
    const random = k.trace.filter((r): r is Extract<Fate, { k: 'drop' }> => r.k === 'drop' && r.reason === 'random');
    // ~400 messages at p = 0.3: the count is within 6 standard deviations of 120.
    expect(s.length).toBeGreaterThan(300);
    expect(random.length / s.length).toBeGreaterThan(0.2);
    expect(random.length / s.length).toBeLessThan(0.4);
    for (const d of random) {
      const m = s.find((x) => x.id === d.id)!;
      expect(d.t).toBe(m.t + 5 / 2);
      expect(fatesOf(k, d.id)).toHaveLength(1);
    }
    const r = buildReport(runScenario(k.scenario));
    expect(r.metrics.messagesDropped).toBe(k.trace.filter((x) => x.k === 'drop').length);
    expect(r.metrics.messagesSent).toBe(s.length);
  });

  it('with dropRate 0 nothing is lost and with 1 everything is', () => {
    const none = run({ steps: tenWrites });
    expect(none.trace.some((r) => r.k === 'drop')).toBe(false);
    const all = run({ network: { dropRate: 1 }, cluster: { hintedHandoff: false }, steps: tenWrites });
    expect(all.trace.some((r) => r.k === 'deliver')).toBe(false);
    for (const s of sends(all)) expect(fatesOf(all, s.id)).toMatchObject([{ k: 'drop', reason: 'random' }]);
  });
});

describe('duplicates', () => {
  const steps: Step[] = [
    { at: 0, do: 'put', client: 'alice', key: 'k', value: 'v1' },
    { at: 10, do: 'kill', node: c },
    { at: 100, do: 'put', client: 'alice', key: 'k', value: 'v2' },
    { at: 150, do: 'revive', node: c },
    { at: 400, do: 'get', client: 'bob', key: 'k', r: 3 },
    { at: 500, do: 'load', node: a, key: 'z', value: 'only on a' },
    { at: 600, do: 'repair', nodes: [a, b] },
    { at: 800, do: 'delete', client: 'bob', key: 'k' },
    { at: 1000, do: 'get', client: 'bob', key: 'k', coordinator: c },
  ];

  it('rate 1 delivers every message twice', () => {
    const k = run({ network: { duplicateRate: 1 }, steps: tenWrites });
    for (const s of sends(k)) expect(fatesOf(k, s.id).map((f) => f.k)).toEqual(['deliver', 'deliver']);
  });

  for (const rate of [0.5, 1]) {
    it(`are tolerated: at rate ${rate} every replica ends as it does without duplicates`, () => {
      const clean = buildReport(runScenario(makeScenario({ steps })));
      const dup = buildReport(runScenario(makeScenario({ network: { duplicateRate: rate }, steps })));
      expect(dup.replicas).toEqual(clean.replicas);
      const outcome = (o: (typeof clean.operations)[number]) => ({ step: o.step, status: o.status, values: o.values, consistency: o.consistency, startMs: o.startMs, endMs: o.endMs });
      expect(dup.operations.map(outcome)).toEqual(clean.operations.map(outcome));
      expect(dup.metrics.messagesSent).toBeGreaterThanOrEqual(clean.metrics.messagesSent);
      // Duplicated sync messages may re-send keys, but a key is written once.
      expect(dup.metrics.keysSynced).toBe(clean.metrics.keysSynced);
      expect(dup.metrics.hintsDelivered).toBe(clean.metrics.hintsDelivered);
      expect(dup.metrics.staleReads).toBe(clean.metrics.staleReads);
    });
  }
});

describe('partitions and cuts', () => {
  it('a partition drops messages across it, both ways, and heal ends it', () => {
    // c is cut off from a and b; a coordinates a write (to b and c) and c a read (from a and b).
    const k = run({
      steps: [
        { at: 0, do: 'partition', groups: [[a, b], [c]] },
        { at: 10, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a, w: 2 },
        { at: 10, do: 'get', client: 'y', key: 'k', coordinator: c, r: 1 },
        { at: 200, do: 'heal' },
        { at: 300, do: 'get', client: 'y', key: 'k', coordinator: c, r: 3 },
      ],
    });
    for (const s of sends(k).filter((m) => m.t < 200)) {
      const crosses = (s.from === c) !== (s.to === c);
      expect(fatesOf(k, s.id)[0]).toMatchObject(crosses ? { k: 'drop', reason: 'partition' } : { k: 'deliver' });
    }
    expect(sends(k).filter((m) => m.t < 200 && m.from === c).length).toBeGreaterThan(0);
    // After the heal, c's read reaches a and b and gets answers.
    for (const s of sends(k).filter((m) => m.t >= 300)) expect(fatesOf(k, s.id)[0]?.k).toBe('deliver');
    const r = buildReport(runScenario(k.scenario));
    expect(opAt(r, 4)).toMatchObject({ status: 'ok', values: ['v'] });
  });

  it('nodes not named in any group form one more group', () => {
    const k = run({ steps: [{ at: 0, do: 'partition', groups: [[a]] }, { at: 10, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: b }] });
    for (const s of sends(k)) {
      const crosses = (s.from === a) !== (s.to === a);
      expect(fatesOf(k, s.id)[0]?.k).toBe(crosses ? 'drop' : 'deliver');
    }
  });

  it('a cut drops one direction of one link only', () => {
    // a → c is cut. c's read reaches a, but a's answer does not come back;
    // a's write to c is lost, while c → b and b → c still work.
    const k = run({
      steps: [
        { at: 0, do: 'cut', from: a, to: c },
        { at: 10, do: 'get', client: 'y', key: 'k', coordinator: c, r: 1 },
        { at: 10, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a, w: 1 },
      ],
    });
    for (const s of sends(k).filter((m) => m.t < 50)) {
      expect(fatesOf(k, s.id)[0]).toMatchObject(s.from === a && s.to === c ? { k: 'drop', reason: 'cut' } : { k: 'deliver' });
    }
    const sent = sends(k).filter((m) => m.t < 50);
    expect(sent.some((m) => m.from === a && m.to === c)).toBe(true);
    expect(sent.some((m) => m.from === c && m.to === a)).toBe(true);
  });

  it('heal ends cuts too', () => {
    const k = run({
      steps: [
        { at: 0, do: 'cut', from: a, to: c },
        { at: 10, do: 'heal' },
        { at: 10, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a, w: 3 },
      ],
    });
    expect(k.trace.some((r) => r.k === 'drop')).toBe(false);
  });
});

describe('dead receivers', () => {
  it('messages to a dead node are lost with reason "dead", in flight or sent before the detector knows', () => {
    // c dies at t=2, while a's write to it (sent at 0) is in flight; a
    // second write at 20 is sent before the failure detector (50 ms) tells a.
    const k = run({
      steps: [
        { at: 0, do: 'put', client: 'x', key: 'k', value: 'v1', coordinator: a, w: 1 },
        { at: 2, do: 'kill', node: c },
        { at: 20, do: 'put', client: 'x', key: 'k', value: 'v2', coordinator: a, w: 1 },
        { at: 100, do: 'put', client: 'x', key: 'k', value: 'v3', coordinator: a, w: 1 },
      ],
    });
    const toC = sends(k).filter((m) => m.to === c);
    expect(toC.map((m) => m.t)).toEqual([0, 20]);
    for (const m of toC) expect(fatesOf(k, m.id)).toMatchObject([{ k: 'drop', reason: 'dead', t: m.t + 5 }]);
    // The write at 100 is not sent to c at all: a knows it is down by then.
  });
});
