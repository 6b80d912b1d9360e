// Anti-entropy: Merkle-tree sessions between two replicas (the `repair`
// step) and the periodic background process.
import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel';
import { diffTrees } from './merkle';
import { buildReport, runScenario } from './report';
import { Ring } from './ring';
import { makeScenario, type ScenarioOverrides } from './testkit';
import type { Step } from './types';

const five = ['n1', 'n2', 'n3', 'n4', 'n5'];
const ring5 = new Ring(five, 1, 3);
const [a, b, c] = ring5.preferenceList('k') as [string, string, string];

/** Ranges both nodes replicate. */
const shared = (ring: Ring, x: string, y: string) => ring.ranges.filter((r) => r.replicas.includes(x) && r.replicas.includes(y));

/** What a top-down comparison of x's and y's trees needs, over the ranges they share, right now. */
function topDownCost(k: Kernel, x: string, y: string): number {
  return shared(k.ring, x, y).reduce((sum, r) => sum + diffTrees(k.storageOf(x).tree(r.index)!, k.storageOf(y).tree(r.index)!).hashesCompared, 0);
}

/** Run up to just before `at`, measure the comparison cost, then run to the end. */
function runAround(o: ScenarioOverrides, at: number, x: string, y: string) {
  const k = new Kernel(makeScenario(o));
  k.runUntil(at - 0.001);
  const expected = topDownCost(k, x, y);
  k.runToEnd();
  return { k, expected, rep: buildReport({ kernel: k, complete: true }) };
}

const load = (at: number, node: string, key: string, value: string, ts = 1): Step => ({ at, do: 'load', node, key, value, ts });
const keysOf = (rep: ReturnType<typeof buildReport>, node: string) => Object.keys(rep.replicas[node]!.data).sort();

describe('a repair session', () => {
  it('between equal replicas compares only the roots of the ranges they share', () => {
    const steps = [load(0, a, 'k', 'v'), load(0, b, 'k', 'v'), load(0, c, 'k', 'v'), { at: 10, do: 'repair', nodes: [a, b] } as Step];
    const { rep, expected } = runAround({ steps }, 10, a, b);
    expect(expected).toBe(shared(ring5, a, b).length);
    expect(rep.metrics).toMatchObject({ antiEntropySessions: 1, merkleHashesCompared: shared(ring5, a, b).length, keysSynced: 0 });
  });

  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    it(`syncs the one key that differs, whichever side starts (${from} → ${to}), and compares what a top-down walk needs`, () => {
      // Both hold x and y; only a holds k.
      const steps: Step[] = [load(0, a, 'k', 'v'), ...[a, b].flatMap((n) => [load(0, n, 'x', '1'), load(0, n, 'y', '2')]), { at: 10, do: 'repair', nodes: [from, to] }];
      const { rep, expected, k } = runAround({ steps }, 10, from, to);
      expect(rep.replicas[b]!.data['k']).toEqual({ values: ['v'], tombstone: false });
      expect(rep.metrics.keysSynced).toBe(1);
      // Root, then two children per differing node down to the leaves (depth 4): 1 + 2·4 for k's range, 1 for the other.
      expect(expected).toBe(shared(ring5, a, b).length + 2 * 4);
      expect(rep.metrics.merkleHashesCompared).toBe(expected);
      // Only k was written by the session.
      expect(k.trace.filter((r) => r.k === 'store' && r.cause === 'sync').map((r) => (r.k === 'store' ? [r.node, r.key] : []))).toEqual([[b, 'k']]);
    });
  }

  it('replaces an older version with the newer, in either direction', () => {
    const steps: Step[] = [load(0, a, 'k', 'old', 1), load(0, b, 'k', 'new', 2), load(0, a, 'j', 'new', 2), load(0, b, 'j', 'old', 1), { at: 10, do: 'repair', nodes: [a, b] }];
    const { rep, k } = runAround({ steps }, 10, a, b);
    expect(rep.replicas[a]!.data['k']!.values).toEqual(['new']);
    expect(rep.replicas[b]!.data['j']!.values).toEqual(['new']);
    expect(rep.metrics.keysSynced).toBe(2);
    // Equal trees afterwards.
    expect(topDownCost(k, a, b)).toBe(shared(ring5, a, b).length);
  });

  it('leaves keys outside the ranges the two share alone, and a third replica untouched', () => {
    const steps: Step[] = [load(0, a, 'k', 'v'), { at: 10, do: 'repair', nodes: [b, c] }];
    const rep = buildReport(runScenario(makeScenario({ steps })));
    expect(rep.replicas[b]!.data['k']).toBeUndefined();
    expect(rep.replicas[c]!.data['k']).toBeUndefined();
  });

  it('the seed’s example: A holds {A,C,E,F,G}, B holds {B,C,D,F,G}; after a session both hold all seven', () => {
    // Three nodes, n = 3: every node replicates every range.
    const ids = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
    const onA = ['A', 'C', 'E', 'F', 'G'];
    const onB = ['B', 'C', 'D', 'F', 'G'];
    const steps: Step[] = [
      ...onA.map((key) => load(0, 'n1', key, key.toLowerCase())),
      ...onB.map((key) => load(0, 'n2', key, key.toLowerCase())),
      { at: 10, do: 'repair', nodes: ['n1', 'n2'] },
    ];
    const { rep, expected } = runAround({ nodes: 3, steps }, 10, 'n1', 'n2');
    expect(keysOf(rep, 'n1')).toEqual(ids);
    expect(keysOf(rep, 'n2')).toEqual(ids);
    for (const key of ids) expect(rep.replicas['n1']!.data[key]).toEqual(rep.replicas['n2']!.data[key]);
    // A sends A and E; B sends B and D. C, F and G were already equal.
    expect(rep.metrics.keysSynced).toBe(4);
    expect(rep.metrics.merkleHashesCompared).toBe(expected);
    expect(rep.metrics.antiEntropySessions).toBe(1);
    expect(keysOf(rep, 'n3')).toEqual([]);
  });

  it('a session with a dead peer is abandoned after the timeout and syncs nothing', () => {
    const k = runScenario(makeScenario({ steps: [load(0, a, 'k', 'v'), { at: 0, do: 'kill', node: b }, { at: 10, do: 'repair', nodes: [a, b] }] })).kernel;
    const end = k.trace.find((r) => r.k === 'session' && r.phase === 'end');
    expect(end).toMatchObject({ node: a, t: 110 });
    expect(k.storageOf(b).get('k')).toBeUndefined();
  });
});

describe('periodic anti-entropy', () => {
  /** c misses a write (down, no hinted handoff, no read repair), then comes back. */
  const missed = (intervalMs: number) =>
    makeScenario({
      cluster: { hintedHandoff: false, readRepair: 'off', antiEntropy: { intervalMs, merkleDepth: 4 } },
      steps: [
        { at: 0, do: 'kill', node: c },
        { at: 100, do: 'put', client: 'x', key: 'k', value: 'v', coordinator: a },
        { at: 100, do: 'put', client: 'x', key: 'other', value: 'w' },
        { at: 300, do: 'revive', node: c },
      ],
    });

  it('is off with intervalMs 0: the replica stays behind', () => {
    const rep = buildReport(runScenario(missed(0)));
    expect(rep.replicas[c]!.data['k']).toBeUndefined();
    expect(rep.metrics.antiEntropySessions).toBe(0);
  });

  it('converges the replicas, and stops three intervals after the last step', () => {
    const run = runScenario(missed(200));
    const rep = buildReport(run);
    expect(run.complete).toBe(true);
    expect(rep.replicas[c]!.data['k']).toEqual({ values: ['v'], tombstone: false });
    expect(rep.metrics.keysSynced).toBeGreaterThanOrEqual(1);
    const starts = run.kernel.trace.filter((r) => r.k === 'session' && r.phase === 'start');
    expect(starts.length).toBeGreaterThan(5);
    expect(Math.max(...starts.map((s) => s.t))).toBeLessThanOrEqual(300 + 3 * 200);
    // Every replica of every key written holds the same version.
    for (const key of ['k', 'other']) {
      const homes = ring5.preferenceList(key);
      for (const id of homes) expect(rep.replicas[id]!.data[key]).toEqual(rep.replicas[homes[0]!]!.data[key]);
    }
  });
});

describe('periodic anti-entropy, one exchange at a time', () => {
  it('runs one exchange at a time per node: a tick while its last session is open waits', () => {
    // Ticks every 1 ms, sessions that take several round trips of 5 ms.
    const steps: Step[] = [load(0, a, 'k', 'v'), { at: 300, do: 'get', client: 'x', key: 'k' }];
    const k = new Kernel(makeScenario({ cluster: { antiEntropy: { intervalMs: 1, merkleDepth: 4 } }, steps }));
    k.runUntil(300);
    const open = new Map<string, string>();
    let sessions = 0;
    for (const r of k.trace) {
      if (r.k !== 'session') continue;
      const opener = r.session.split(':')[0]!;
      if (opener !== r.node) continue;
      if (r.phase === 'start') {
        expect(open.get(opener), `${r.session} opened while ${open.get(opener)} was open`).toBeUndefined();
        open.set(opener, r.session);
        sessions++;
      } else if (open.get(opener) === r.session) open.delete(opener);
    }
    // About one exchange per node per session's length, not one per tick (5 × 300).
    expect(sessions).toBeGreaterThan(5 * 3);
    expect(sessions).toBeLessThan(5 * 300 / 5);
    // And the key a held alone reached its other homes.
    expect(k.storageOf(b).data.has('k') && k.storageOf(c).data.has('k')).toBe(true);
  });
});
