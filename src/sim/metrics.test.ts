// The metrics of contract 2, each counted as documented, and metricsAt as a
// fold of the trace: monotone in the event number, equal to the report at the end.
import { describe, expect, it } from 'vitest';
import { METRIC_NAMES, metricsAt, type Metrics } from './metrics';
import { buildReport, runScenario } from './report';
import { Ring } from './ring';
import { makeScenario, report, type ScenarioOverrides } from './testkit';
import type { Step } from './types';

const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
const ring = new Ring(nodes, 1, 3);
const [a, b, c] = ring.preferenceList('k') as [string, string, string];

const CONTRACT: (keyof Metrics)[] = [
  'messagesSent',
  'messagesDropped',
  'readRepairs',
  'hintsStored',
  'hintsDelivered',
  'antiEntropySessions',
  'merkleHashesCompared',
  'keysSynced',
  'staleReads',
  'lostWrites',
  'resurrections',
];

describe('each metric', () => {
  it('names every metric of contract 2', () => {
    for (const m of CONTRACT) expect(METRIC_NAMES).toContain(m);
    expect(Object.keys(report({ steps: [] }).metrics).sort()).toEqual([...METRIC_NAMES].sort());
  });

  it('messagesSent: a put through a replica is 2 writes + 2 acks; a get with R = 3 adds 2 reads + 2 replies', () => {
    const r = report({ steps: [{ at: 0, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a }, { at: 100, do: 'get', client: 'x', key: 'k', coordinator: a, r: 3 }] });
    expect(r.metrics).toMatchObject({ messagesSent: 8, messagesDropped: 0, readRepairs: 0, staleReads: 0 });
  });

  it('messagesDropped: every loss, whatever the reason — dead, partition, cut, random', () => {
    const r = report({
      cluster: { hintedHandoff: false },
      steps: [
        { at: 0, do: 'kill', node: c },
        { at: 0, do: 'partition', groups: [[a], [b]] },
        // Before the detector (50 ms): writes to b (partition) and c (dead) are lost.
        { at: 10, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a, w: 1 },
        { at: 200, do: 'heal' },
        { at: 200, do: 'revive', node: c },
        { at: 300, do: 'cut', from: a, to: b },
        { at: 310, do: 'put', client: 'x', key: 'k', value: 'v2', coordinator: a, w: 1 }, // a → b lost (cut), a → c delivered
        { at: 400, do: 'drop', rate: 1 },
        { at: 400, do: 'heal' },
        { at: 500, do: 'put', client: 'x', key: 'k', value: 'v3', coordinator: a, w: 1 }, // both lost at random
      ],
    });
    // 2 + 1 + 2, and c's ack of the second write comes back.
    expect(r.metrics.messagesDropped).toBe(5);
    expect(r.metrics.messagesSent).toBe(7);
  });

  it('readRepairs: one per stale replica brought up to date', () => {
    const r = report({
      cluster: { hintedHandoff: false },
      steps: [
        { at: 0, do: 'kill', node: b },
        { at: 0, do: 'kill', node: c },
        { at: 100, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a, w: 1 },
        { at: 200, do: 'revive', node: b },
        { at: 200, do: 'revive', node: c },
        { at: 300, do: 'get', client: 'x', key: 'k', coordinator: a, r: 3 },
        { at: 400, do: 'get', client: 'x', key: 'k', coordinator: a, r: 3 },
      ],
    });
    expect(r.metrics.readRepairs).toBe(2);
  });

  it('hintsStored / hintsDelivered: stored when kept, delivered when the home node acks', () => {
    // Two writes while c is known down: a keeps one hint per write.
    const steps: Step[] = [
      { at: 0, do: 'kill', node: c },
      { at: 100, do: 'put', client: 'x', key: 'k', value: 'v1', coordinator: a },
      { at: 200, do: 'put', client: 'x', key: 'k', value: 'v2', coordinator: a },
    ];
    expect(report({ steps }).metrics).toMatchObject({ hintsStored: 2, hintsDelivered: 0 });
    expect(report({ steps: [...steps, { at: 300, do: 'revive', node: c }] }).metrics).toMatchObject({ hintsStored: 2, hintsDelivered: 2 });
    // Hints lost in a wipe are not delivered.
    const wiped = report({ steps: [...steps, { at: 250, do: 'kill', node: a, wipe: true }, { at: 300, do: 'revive', node: c }] });
    expect(wiped.metrics).toMatchObject({ hintsStored: 2, hintsDelivered: 0 });
  });

  it('antiEntropySessions / merkleHashesCompared / keysSynced: sessions started, hashes compared, keys written', () => {
    // Three nodes, n = 3: two nodes share all 3 ranges. One key differs.
    const r = report({
      nodes: 3,
      steps: [
        { at: 0, do: 'load', node: 'n1', key: 'k', value: 'v', ts: 1 },
        { at: 10, do: 'repair', nodes: ['n1', 'n2'] },
        { at: 100, do: 'repair', nodes: ['n2', 'n1'] },
      ],
    });
    // Session 1: 3 roots, then 2 children at each of 4 levels for k's range.
    // Session 2: the trees are equal, 3 roots.
    expect(r.metrics).toMatchObject({ antiEntropySessions: 2, merkleHashesCompared: 3 + 2 * 4 + 3, keysSynced: 1 });
  });

  it('staleReads / lostWrites / resurrections: the checker’s verdicts', () => {
    const stale = report({
      cluster: { w: 1, r: 1, readRepair: 'off', hintedHandoff: false },
      steps: [
        { at: 0, do: 'cut', from: a, to: c },
        { at: 10, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a },
        { at: 100, do: 'get', client: 'y', key: 'k', coordinator: c },
        { at: 110, do: 'get', client: 'y', key: 'k', coordinator: c },
      ],
    });
    expect(stale.metrics).toMatchObject({ staleReads: 2, lostWrites: 0, resurrections: 0 });
    const lost = report({
      steps: [
        { at: 0, do: 'skew', node: a, offsetMs: -1000 },
        { at: 0, do: 'put', client: 'x', key: 'k', value: 'first', coordinator: b },
        { at: 100, do: 'put', client: 'x', key: 'k', value: 'second', coordinator: a },
      ],
    });
    expect(lost.metrics).toMatchObject({ staleReads: 0, lostWrites: 1, resurrections: 0 });
  });
});

describe('metricsAt', () => {
  const busy: ScenarioOverrides = {
    seed: 3,
    cluster: { tombstoneGraceMs: 500, hintedHandoff: false, antiEntropy: { intervalMs: 150, merkleDepth: 3 } },
    network: { latency: { kind: 'exponential', mean: 6 }, dropRate: 0.05 },
    steps: [
      { at: 0, do: 'put', client: 'x', key: 'k', value: 'v', w: 3 },
      { at: 50, do: 'kill', node: c },
      { at: 100, do: 'delete', client: 'x', key: 'k' },
      { at: 120, do: 'put', client: 'y', key: 'j', value: 'w', w: 1 },
      { at: 150, do: 'get', client: 'y', key: 'j', r: 1, coordinator: ring.preferenceList('j')[2] },
      { at: 1000, do: 'revive', node: c },
      { at: 1100, do: 'get', client: 'z', key: 'k', r: 3 },
      { at: 1200, do: 'repair', nodes: [a, c] },
    ],
  };

  it('is monotone in the event number and equals the report at the end', () => {
    const run = runScenario(makeScenario(busy));
    const rep = buildReport(run);
    const { trace, events } = run.kernel;
    let prev = metricsAt(trace, 0);
    for (const m of METRIC_NAMES) expect(prev[m]).toBe(0);
    for (let e = 1; e <= events; e++) {
      const now = metricsAt(trace, e);
      for (const m of METRIC_NAMES) expect(now[m]).toBeGreaterThanOrEqual(prev[m]);
      prev = now;
    }
    expect(prev).toEqual(rep.metrics);
    expect(metricsAt(trace)).toEqual(rep.metrics);
    // The scenario exercises most metrics, so the monotonicity check means something.
    const nonZero = CONTRACT.filter((m) => rep.metrics[m] > 0);
    expect(nonZero.length).toBeGreaterThanOrEqual(7);
  });

  it('counts, as of event e, exactly the records of events 1..e', () => {
    const { kernel } = runScenario(makeScenario(busy));
    const at = Math.floor(kernel.events / 2);
    const sends = kernel.trace.filter((r) => r.k === 'send' && r.e <= at).length;
    expect(metricsAt(kernel.trace, at).messagesSent).toBe(sends);
  });
});
