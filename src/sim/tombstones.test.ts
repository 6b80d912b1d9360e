// Deletes: tombstones, their purge after the grace period, and the zombie
// that a replica which missed the delete brings back after the purge.
import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel';
import { buildReport, runScenario, type RunReport } from './report';
import { Ring } from './ring';
import { makeScenario, opAt } from './testkit';
import type { Step } from './types';

const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
const ring = new Ring(nodes, 1, 3);
const [a, b, c] = ring.preferenceList('k') as [string, string, string];

function run(steps: Step[], tombstoneGraceMs = 10000): { k: Kernel; rep: RunReport } {
  // Hinted handoff would hand the tombstone to c when it returns: turn it off
  // so that c keeps the deleted value, as a replica that missed the delete does.
  const r = runScenario(makeScenario({ cluster: { tombstoneGraceMs, hintedHandoff: false }, steps }));
  return { k: r.kernel, rep: buildReport(r) };
}

describe('delete', () => {
  it('replicates as a tombstone: values [], tombstone true, and a read returns nothing', () => {
    // The report as of t = 1000, before the purges (10 s later) end the run.
    const k = new Kernel(
      makeScenario({
        steps: [
          { at: 0, do: 'put', client: 'x', key: 'k', value: 'v', w: 3 },
          { at: 100, do: 'delete', client: 'x', key: 'k', w: 3 },
          { at: 200, do: 'get', client: 'y', key: 'k', r: 3 },
        ],
      }),
    );
    k.runUntil(1000);
    const rep = buildReport({ kernel: k, complete: false });
    expect(opAt(rep, 1)).toMatchObject({ type: 'delete', status: 'ok' });
    for (const id of [a, b, c]) expect(rep.replicas[id]!.data['k']).toEqual({ values: [], tombstone: true });
    expect(opAt(rep, 2)).toMatchObject({ status: 'ok', values: [], consistency: 'fresh' });
  });

  it('each replica purges its tombstone tombstoneGraceMs after it stored it', () => {
    const { k, rep } = run(
      [
        { at: 0, do: 'put', client: 'x', key: 'k', value: 'v', w: 3, coordinator: a },
        { at: 100, do: 'delete', client: 'x', key: 'k', w: 3, coordinator: a },
      ],
      1000,
    );
    const stored = k.trace.filter((r) => r.k === 'store' && r.key === 'k' && r.siblings.length > 0 && r.siblings.every((s) => s.value === null));
    const purged = k.trace.filter((r) => r.k === 'store' && r.key === 'k' && r.cause === 'purge');
    // a stores its tombstone at once (100), b and c when the delete reaches them (105).
    expect(stored.map((r) => (r.k === 'store' ? [r.node, r.t] : []))).toEqual([
      [a, 100],
      [b, 105],
      [c, 105],
    ]);
    expect(purged.map((r) => (r.k === 'store' ? [r.node, r.t] : []))).toEqual([
      [a, 1100],
      [b, 1105],
      [c, 1105],
    ]);
    for (const id of [a, b, c]) expect(rep.replicas[id]!.data['k']).toBeUndefined();
  });

  it('a write after the delete cancels the purge of that key', () => {
    const { rep } = run(
      [
        { at: 0, do: 'delete', client: 'x', key: 'k', w: 3 },
        { at: 500, do: 'put', client: 'x', key: 'k', value: 'again', w: 3 },
      ],
      1000,
    );
    for (const id of [a, b, c]) expect(rep.replicas[id]!.data['k']).toEqual({ values: ['again'], tombstone: false });
    expect(rep.metrics.resurrections).toBe(0);
  });
});

describe('the zombie', () => {
  /** v is on a, b and c; c is down when k is deleted, and comes back at 2000. */
  const missedDelete: Step[] = [
    { at: 0, do: 'put', client: 'x', key: 'k', value: 'v', w: 3 },
    { at: 100, do: 'kill', node: c },
    { at: 200, do: 'delete', client: 'x', key: 'k', coordinator: a },
    { at: 2000, do: 'revive', node: c },
  ];

  it('comes back through read repair when c returns after the purge, and the checker counts it', () => {
    const { rep } = run([...missedDelete, { at: 2200, do: 'get', client: 'y', key: 'k', coordinator: a, r: 3 }], 1000);
    expect(opAt(rep, 2).status).toBe('ok');
    expect(opAt(rep, 4)).toMatchObject({ status: 'ok', values: ['v'] });
    for (const id of [a, b, c]) expect(rep.replicas[id]!.data['k']).toEqual({ values: ['v'], tombstone: false });
    expect(rep.metrics.resurrections).toBe(1);
  });

  it('comes back through anti-entropy too', () => {
    const { rep } = run([...missedDelete, { at: 2200, do: 'repair', nodes: [a, c] }], 1000);
    expect(rep.replicas[a]!.data['k']).toEqual({ values: ['v'], tombstone: false });
    expect(rep.metrics.resurrections).toBe(1);
  });

  it('stays dead when the grace period outlasts the outage: the delete wins', () => {
    const { k, rep } = run([...missedDelete, { at: 2200, do: 'get', client: 'y', key: 'k', coordinator: a, r: 3 }, { at: 2400, do: 'repair', nodes: [b, c] }], 10000);
    expect(opAt(rep, 4)).toMatchObject({ status: 'ok', values: [] });
    // Read repair gave c the tombstone (at 2215), which c purges in turn later.
    const repaired = k.trace.find((r) => r.k === 'store' && r.node === c && r.cause === 'repair');
    expect(repaired).toMatchObject({ t: 2215, siblings: [{ value: null }] });
    for (const id of [a, b, c]) expect(rep.replicas[id]!.data['k']).toBeUndefined();
    expect(rep.metrics.resurrections).toBe(0);
  });

  it('stays dead with hinted handoff on: the tombstone is handed to c when it returns', () => {
    const r = buildReport(runScenario(makeScenario({ cluster: { tombstoneGraceMs: 1000 }, steps: [...missedDelete, { at: 2200, do: 'get', client: 'y', key: 'k', coordinator: a, r: 3 }] })));
    expect(opAt(r, 4).values).toEqual([]);
    expect(r.metrics.resurrections).toBe(0);
  });
});
