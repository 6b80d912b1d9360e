// Fault steps: kill (and its no-op), kill with wipe, revive (and its no-op),
// clock skew, and the drop rate.
import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel';
import { buildReport, runScenario, type RunReport } from './report';
import { Ring } from './ring';
import { makeScenario, opAt, type ScenarioOverrides } from './testkit';
import type { Step } from './types';

const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
const ring = new Ring(nodes, 1, 3);
const [a, b, c] = ring.preferenceList('k') as [string, string, string];

function run(o: ScenarioOverrides): { k: Kernel; rep: RunReport } {
  const r = runScenario(makeScenario(o));
  return { k: r.kernel, rep: buildReport(r) };
}
const nodeRecords = (k: Kernel, node: string) => k.trace.filter((r) => r.k === 'node' && r.node === node);

/** a holds k and a hint for c (c is down when k is written). */
const aHoldsDataAndHint: Step[] = [
  { at: 0, do: 'kill', node: c },
  { at: 100, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a },
];

describe('kill', () => {
  it('stops the node: it answers nothing and loses what is sent to it', () => {
    const { rep } = run({ steps: [{ at: 0, do: 'kill', node: a }, { at: 10, do: 'get', client: 'x', key: 'k', coordinator: b, r: 3 }] });
    expect(rep.replicas[a]!.up).toBe(false);
    expect(opAt(rep, 1).status).toBe('failed');
    expect(rep.metrics.messagesDropped).toBeGreaterThanOrEqual(1);
  });

  it('is a no-op on a dead node (without wipe): no state change, the data stays', () => {
    const once = run({ steps: [...aHoldsDataAndHint, { at: 200, do: 'kill', node: a }] });
    const twice = run({ steps: [...aHoldsDataAndHint, { at: 200, do: 'kill', node: a }, { at: 300, do: 'kill', node: a }] });
    expect(nodeRecords(twice.k, a)).toHaveLength(1);
    expect(twice.rep.replicas).toEqual(once.rep.replicas);
    expect(twice.rep.replicas[a]).toEqual({ up: false, data: { k: { values: ['v'], tombstone: false } }, hints: [{ key: 'k', for: c }] });
    // One more event (the step), nothing else.
    expect(twice.rep.events).toBe(once.rep.events + 1);
  });

  it('with wipe loses the data and the hints', () => {
    const { k, rep } = run({ steps: [...aHoldsDataAndHint, { at: 200, do: 'kill', node: a, wipe: true }] });
    expect(rep.replicas[a]).toEqual({ up: false, data: {}, hints: [] });
    expect(nodeRecords(k, a)).toMatchObject([{ up: false, wiped: true }]);
    expect(k.trace.filter((r) => r.k === 'hint' && !r.added)).toMatchObject([{ node: a, delivered: false }]);
    expect(rep.metrics.hintsDelivered).toBe(0);
  });

  it('with wipe wipes a node that is already dead', () => {
    const { k, rep } = run({ steps: [...aHoldsDataAndHint, { at: 200, do: 'kill', node: a }, { at: 300, do: 'kill', node: a, wipe: true }] });
    expect(rep.replicas[a]).toEqual({ up: false, data: {}, hints: [] });
    expect(nodeRecords(k, a)).toMatchObject([{ up: false }, { up: false, wiped: true }]);
  });

  it('a wiped node comes back empty and learns the data again (read repair)', () => {
    const { rep } = run({
      steps: [
        { at: 0, do: 'put', client: 'x', key: 'k', value: 'v', w: 3 },
        { at: 100, do: 'kill', node: c, wipe: true },
        { at: 200, do: 'revive', node: c },
        { at: 300, do: 'get', client: 'y', key: 'k', coordinator: c, r: 1 },
        { at: 400, do: 'get', client: 'y', key: 'k', coordinator: c, r: 3 },
      ],
    });
    expect(opAt(rep, 3)).toMatchObject({ values: [], consistency: 'stale' });
    expect(opAt(rep, 4)).toMatchObject({ values: ['v'] });
    expect(rep.replicas[c]!.data['k']!.values).toEqual(['v']);
  });
});

describe('revive', () => {
  it('brings a dead node back with its data', () => {
    const { k, rep } = run({ steps: [{ at: 0, do: 'put', client: 'x', key: 'k', value: 'v', w: 3 }, { at: 100, do: 'kill', node: a }, { at: 200, do: 'revive', node: a }] });
    expect(nodeRecords(k, a).map((r) => (r.k === 'node' ? r.up : null))).toEqual([false, true]);
    expect(rep.replicas[a]).toMatchObject({ up: true, data: { k: { values: ['v'] } } });
  });

  it("moves the node's replica machine to down and back to up", () => {
    const k = new Kernel(makeScenario({ steps: [{ at: 100, do: 'kill', node: a }, { at: 200, do: 'revive', node: a }] }));
    const stateOfA = () => k.snapshot().find((s) => s.id === a)!.state;
    expect(stateOfA()).toBe('up');
    k.runUntil(150);
    expect(stateOfA()).toBe('down');
    k.runToEnd();
    expect(stateOfA()).toBe('up');
  });

  it('is a no-op on a live node', () => {
    const base: Step[] = [{ at: 0, do: 'put', client: 'x', key: 'k', value: 'v' }];
    const without = run({ steps: base });
    const withRevive = run({ steps: [...base, { at: 1, do: 'revive', node: a }] });
    expect(nodeRecords(withRevive.k, a)).toHaveLength(0);
    expect(withRevive.rep.replicas).toEqual(without.rep.replicas);
    // The step is the only extra event: no failure-detector round, no other change.
    expect(withRevive.rep.events).toBe(without.rep.events + 1);
  });
});

describe('skew', () => {
  it('shifts the LWW timestamps of the writes a node coordinates', () => {
    const { k } = run({
      steps: [
        { at: 0, do: 'skew', node: b, offsetMs: 1000 },
        { at: 100, do: 'put', client: 'x', key: 'k', value: 'fast', coordinator: b },
        { at: 200, do: 'put', client: 'x', key: 'j', value: 'true', coordinator: a },
      ],
    });
    const ts = (key: string) => k.trace.find((r) => r.k === 'store' && r.key === key && r.cause === 'write')!;
    expect(ts('k')).toMatchObject({ siblings: [{ ts: 1100 }] });
    expect(ts('j')).toMatchObject({ siblings: [{ ts: 200 }] });
  });

  it('so a write through a clock that runs ahead beats a later one, which is lost', () => {
    const { rep } = run({
      steps: [
        { at: 0, do: 'skew', node: b, offsetMs: 1000 },
        { at: 100, do: 'put', client: 'x', key: 'k', value: 'early', coordinator: b },
        { at: 300, do: 'put', client: 'y', key: 'k', value: 'late', coordinator: a },
        { at: 500, do: 'get', client: 'z', key: 'k', r: 3 },
      ],
    });
    expect(opAt(rep, 2)).toMatchObject({ status: 'ok', consistency: 'lost' });
    expect(opAt(rep, 3).values).toEqual(['early']);
    expect(rep.metrics.lostWrites).toBe(1);
  });

  it('a skew of 0 restores the clock', () => {
    const { k } = run({
      steps: [
        { at: 0, do: 'skew', node: b, offsetMs: 1000 },
        { at: 50, do: 'skew', node: b, offsetMs: 0 },
        { at: 100, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: b },
      ],
    });
    expect(k.trace.find((r) => r.k === 'store' && r.cause === 'write')).toMatchObject({ siblings: [{ ts: 100 }] });
  });
});

describe('drop', () => {
  it('changes the loss rate from that moment on', () => {
    const put = (at: number, key: string): Step => ({ at, do: 'put', client: 'x', key, value: 'v', coordinator: a, w: 1 });
    const { k } = run({
      cluster: { hintedHandoff: false },
      steps: [put(0, 'k'), { at: 50, do: 'drop', rate: 1 }, put(100, 'k'), { at: 150, do: 'drop', rate: 0 }, put(200, 'k')],
    });
    const fate = (id: number) => k.trace.find((r) => (r.k === 'deliver' || r.k === 'drop') && r.id === id)!;
    for (const s of k.trace) {
      if (s.k !== 'send') continue;
      const lost = s.t >= 50 && s.t < 150;
      expect(fate(s.id)).toMatchObject(lost ? { k: 'drop', reason: 'random' } : { k: 'deliver' });
    }
    expect(k.trace.filter((r) => r.k === 'net').map((r) => (r.k === 'net' ? r.dropRate : -1))).toEqual([1, 0]);
  });
});
