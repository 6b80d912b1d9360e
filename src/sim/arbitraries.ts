// fast-check generators of random schedules for the engine's property tests
// (properties.test.ts) and the soak runner (src/cli/soak.ts). Test-only: it
// imports fast-check, so nothing in the app may import it.
//
// Every scenario generated is valid under contract 1 (the soak runner prints
// counterexamples for `npm run sim`), and small: a few nodes, a few keys that
// operations collide on, at most ~20 steps within a couple of virtual seconds,
// and timeouts, latencies and intervals that keep a run to a few hundred events.

import fc from 'fast-check';
import type { ClusterConfig, Latency, LatencyDistribution, NetworkConfig, NodeId, SimScenario, Step } from './types';

export const KEYS = ['a', 'b', 'c'] as const;
export const CLIENTS = ['alice', 'bob', 'carol'] as const;
/** Scenario steps fall in [0, HORIZON_MS]. */
export const HORIZON_MS = 2000;
/** Convergence scenarios: the tail starts this long after the last random step… */
export const SETTLE_MS = 1000;
/** …and repair sessions start this far apart, so each ends before the next. */
export const REPAIR_SPACING_MS = 400;
/** Tombstone grace of convergence scenarios: nothing is purged while they converge. */
export const LONG_GRACE_MS = 10_000_000;

export const nodeIds = (k: number): NodeId[] => Array.from({ length: k }, (_, i) => `n${i + 1}`);

const key = fc.constantFrom(...KEYS);
const client = fc.constantFrom(...CLIENTS);
const time = fc.integer({ min: 0, max: HORIZON_MS });
const dropRate = fc.constantFrom(0, 0, 0, 0.1, 0.1, 0.3, 0.3, 0.5, 0.5, 1);

/**
 * Latencies up to about `maxMs`. With `bounded`, exponential latency keeps a
 * mean of at most 5 ms, so that a message outliving a 100 ms timeout is a
 * once-in-10⁸ event rather than a flaky test.
 */
export function distribution(maxMs: number, bounded = false): fc.Arbitrary<LatencyDistribution> {
  return fc.oneof(
    fc.integer({ min: 0, max: maxMs }).map((ms): LatencyDistribution => ({ kind: 'fixed', ms })),
    fc.tuple(fc.integer({ min: 0, max: maxMs }), fc.integer({ min: 0, max: maxMs })).map(([x, y]): LatencyDistribution => ({ kind: 'uniform', min: Math.min(x, y), max: Math.max(x, y) })),
    fc.integer({ min: 1, max: bounded ? 5 : Math.max(1, Math.round(maxMs / 2)) }).map((mean): LatencyDistribution => ({ kind: 'exponential', mean })),
  );
}

/**
 * One distribution for every message, or (a quarter of the time) one per
 * WARS leg with some legs left to default to the write's — so acks, reads
 * and responses overtaking or trailing the writes get exercised too.
 */
export function latency(maxMs: number, bounded = false): fc.Arbitrary<Latency> {
  const one = distribution(maxMs, bounded);
  return fc.oneof(
    { arbitrary: one, weight: 3 },
    { arbitrary: fc.record({ write: one, ack: one, read: one, response: one }, { requiredKeys: ['write'] }), weight: 1 },
  );
}

export function network(o: { maxLatencyMs: number; bounded?: boolean; lossy: boolean }): fc.Arbitrary<NetworkConfig> {
  return fc.record({
    latency: latency(o.maxLatencyMs, o.bounded),
    dropRate: o.lossy ? fc.constantFrom(0, 0, 0.05, 0.2) : fc.constant(0),
    duplicateRate: fc.constantFrom(0, 0, 0.1, 0.3),
  });
}

/** Disjoint, non-empty groups over a subset of the nodes (the rest form one more group). */
function partitionGroups(nodes: NodeId[]): fc.Arbitrary<NodeId[][]> {
  return fc.array(fc.integer({ min: -1, max: 2 }), { minLength: nodes.length, maxLength: nodes.length }).map((assign) => {
    const groups: NodeId[][] = [[], [], []];
    assign.forEach((g, i) => {
      if (g >= 0) groups[g]!.push(nodes[i]!);
    });
    const out = groups.filter((g) => g.length > 0);
    return out.length > 0 ? out : [[nodes[0]!]];
  });
}

/** Two different nodes. */
function pair(nodes: NodeId[]): fc.Arbitrary<[NodeId, NodeId]> {
  return fc.uniqueArray(fc.constantFrom(...nodes), { minLength: 2, maxLength: 2 }).map(([x, y]) => [x!, y!]);
}

/** Faults that lose no data: kill (no wipe), revive, partition, cut, heal, drop rate, repair. */
function networkAndCrashFaults(nodes: NodeId[]): fc.Arbitrary<Step>[] {
  const node = fc.constantFrom(...nodes);
  const kinds: fc.Arbitrary<Step>[] = [
    fc.record({ at: time, do: fc.constant('kill' as const), node }),
    fc.record({ at: time, do: fc.constant('revive' as const), node }),
    fc.record({ at: time, do: fc.constant('partition' as const), groups: partitionGroups(nodes) }),
    fc.record({ at: time, do: fc.constant('heal' as const) }),
    fc.record({ at: time, do: fc.constant('drop' as const), rate: dropRate }),
  ];
  if (nodes.length >= 2) {
    kinds.push(
      fc.tuple(time, pair(nodes)).map(([at, [from, to]]): Step => ({ at, do: 'cut', from, to })),
      fc.tuple(time, pair(nodes)).map(([at, nodes]): Step => ({ at, do: 'repair', nodes })),
    );
  }
  return kinds;
}

/** Any step at all, of every kind. */
export function anyStep(nodes: NodeId[], n: number): fc.Arbitrary<Step> {
  const node = fc.constantFrom(...nodes);
  const quorum = fc.integer({ min: 1, max: n });
  const value = fc.constantFrom('x', 'y', 'z', 'milk', 'eggs');
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ at: time, do: fc.constant('put' as const), client, key, value, coordinator: node, w: quorum, blind: fc.boolean() }, { requiredKeys: ['at', 'do', 'client', 'key', 'value'] }) },
    { weight: 4, arbitrary: fc.record({ at: time, do: fc.constant('get' as const), client, key, coordinator: node, r: quorum }, { requiredKeys: ['at', 'do', 'client', 'key'] }) },
    { weight: 2, arbitrary: fc.record({ at: time, do: fc.constant('delete' as const), client, key, coordinator: node, w: quorum }, { requiredKeys: ['at', 'do', 'client', 'key'] }) },
    { weight: 2, arbitrary: fc.record({ at: time, do: fc.constant('kill' as const), node, wipe: fc.boolean() }, { requiredKeys: ['at', 'do', 'node'] }) },
    { weight: 1, arbitrary: fc.record({ at: time, do: fc.constant('skew' as const), node, offsetMs: fc.integer({ min: -500, max: 500 }) }) },
    { weight: 1, arbitrary: fc.record({ at: time, do: fc.constant('load' as const), node, key, value, ts: fc.integer({ min: 0, max: HORIZON_MS }) }, { requiredKeys: ['at', 'do', 'node', 'key', 'value'] }) },
    ...networkAndCrashFaults(nodes).map((arbitrary) => ({ weight: 1, arbitrary })),
  );
}

const byTime = (steps: Step[]): Step[] => steps.map((s, i) => ({ s, i })).sort((x, y) => x.s.at - y.s.at || x.i - y.i).map(({ s }) => s);

interface ClusterShape {
  nodes: NodeId[];
  n: number;
}

/** 1–5 nodes (3–5 with `minNodes: 3`), n from 1 to min(nodes, 4). */
function shape(minNodes: number): fc.Arbitrary<ClusterShape> {
  return fc
    .integer({ min: minNodes, max: 5 })
    .chain((k) => fc.record({ nodes: fc.constant(nodeIds(k)), n: fc.integer({ min: 1, max: Math.min(k, 4) }) }));
}

function cluster(s: ClusterShape, fixed: Partial<ClusterConfig> = {}): fc.Arbitrary<ClusterConfig> {
  return fc
    .record({
      nodes: fc.constant(s.nodes),
      vnodes: fc.constantFrom(1, 1, 2, 4),
      n: fc.constant(s.n),
      w: fc.integer({ min: 1, max: s.n }),
      r: fc.integer({ min: 1, max: s.n }),
      sloppyQuorum: fc.boolean(),
      hintedHandoff: fc.boolean(),
      readRepair: fc.constantFrom('off' as const, 'async' as const, 'blocking' as const),
      conflicts: fc.constantFrom('lww' as const, 'vector' as const),
      antiEntropy: fc.record({ intervalMs: fc.oneof(fc.constant(0), fc.integer({ min: 100, max: 400 })), merkleDepth: fc.integer({ min: 0, max: 4 }) }),
      tombstoneGraceMs: fc.oneof(fc.integer({ min: 0, max: 1500 }), fc.constant(10_000)),
      requestTimeoutMs: fc.integer({ min: 50, max: 200 }),
      failureDetectionMs: fc.integer({ min: 0, max: 100 }),
    })
    .map((c) => ({ ...c, ...fixed }));
}

function scenario(seed: number, c: ClusterConfig, net: NetworkConfig, steps: Step[], title: string): SimScenario {
  return { version: 1, title, seed, cluster: c, network: net, steps: byTime(steps) };
}

const seed = fc.integer({ min: 0, max: 2 ** 32 - 1 });

/** (c), (d): any schedule — every step kind, both conflict modes, sloppy or strict, any read repair, periodic anti-entropy on or off. */
export const anyScenario: fc.Arbitrary<SimScenario> = shape(1).chain((s) =>
  fc
    .tuple(seed, cluster(s), network({ maxLatencyMs: 30, lossy: true }), fc.array(anyStep(s.nodes, s.n), { maxLength: 16 }))
    .map(([sd, c, net, steps]) => scenario(sd, c, net, steps, 'random schedule')),
);

/**
 * (a): strict quorum with W + R > N, no clock skew, no wipes, no deletes, no
 * loads, and no two writes to one key at once: writes to a key sit in slots
 * requestTimeoutMs + 20 ms apart and start within the first 19 ms of their
 * slot, so each starts after the previous one finished (acked, failed or
 * timed out). Reads, kills, revives, partitions, cuts, heals, drop rates,
 * repairs and latency kinds are random.
 */
export const quorumScenario: fc.Arbitrary<SimScenario> = shape(3).chain((s) =>
  fc
    .tuple(fc.integer({ min: 1, max: s.n }), cluster(s, { sloppyQuorum: false }), fc.integer({ min: 50, max: 150 }))
    .chain(([w, c, timeout]) => {
      const spacing = timeout + 20;
      const slots = Math.floor(HORIZON_MS / spacing);
      const node = fc.constantFrom(...s.nodes);
      const write = fc.record(
        { key, slot: fc.integer({ min: 0, max: slots }), jitter: fc.integer({ min: 0, max: 19 }), client, coordinator: node },
        { requiredKeys: ['key', 'slot', 'jitter', 'client'] },
      );
      const writes = fc.uniqueArray(write, { maxLength: 8, selector: (x) => `${x.key}/${x.slot}` });
      const read = fc.record({ at: time, do: fc.constant('get' as const), client, key, coordinator: node }, { requiredKeys: ['at', 'do', 'client', 'key'] });
      const other = fc.array(fc.oneof({ weight: 3, arbitrary: read }, ...networkAndCrashFaults(s.nodes).map((arbitrary) => ({ weight: 1, arbitrary }))), { maxLength: 12 });
      return fc.tuple(seed, fc.integer({ min: s.n - w + 1, max: s.n }), network({ maxLatencyMs: 30, lossy: true }), writes, other).map(([sd, r, net, ws, rest]) => {
        const puts = ws.map(
          (x): Step => ({ at: x.slot * spacing + x.jitter, do: 'put', client: x.client, key: x.key, value: `${x.key}${x.slot}`, ...(x.coordinator ? { coordinator: x.coordinator } : {}) }),
        );
        return scenario(sd, { ...c, w, r, requestTimeoutMs: timeout }, net, [...puts, ...rest], 'W + R > N, no concurrent writes');
      });
    }),
);

/** The steps that end a convergence scenario: everyone up, network whole,
 *  then a `repair` between every pair of nodes, twice. */
export function convergenceTail(nodes: NodeId[], lastAt: number): Step[] {
  const start = lastAt + SETTLE_MS;
  const steps: Step[] = [...nodes.map((node): Step => ({ at: start, do: 'revive', node })), { at: start, do: 'heal' }, { at: start, do: 'drop', rate: 0 }];
  const pairs: [NodeId, NodeId][] = [];
  for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) pairs.push([nodes[i]!, nodes[j]!]);
  let at = start + SETTLE_MS;
  for (let round = 0; round < 2; round++) {
    for (const p of pairs) {
      steps.push({ at, do: 'repair', nodes: p });
      at += REPAIR_SPACING_MS;
    }
  }
  return steps;
}

/** When a convergence scenario has converged: after its last repair session. */
export function convergedAtMs(s: SimScenario): number {
  return s.steps.reduce((m, x) => Math.max(m, x.at), 0) + REPAIR_SPACING_MS;
}

/**
 * (b): any schedule (every step kind), with latencies short enough that a
 * repair session never times out once the network is whole, a long
 * tombstone grace period, and then the convergence tail.
 */
export const convergenceScenario: fc.Arbitrary<SimScenario> = shape(1).chain((s) =>
  fc
    .tuple(seed, cluster(s, { tombstoneGraceMs: LONG_GRACE_MS, requestTimeoutMs: 100 }), network({ maxLatencyMs: 20, bounded: true, lossy: true }), fc.array(anyStep(s.nodes, s.n), { maxLength: 12 }))
    .map(([sd, c, net, steps]) => {
      const lastAt = steps.reduce((m, x) => Math.max(m, x.at), 0);
      return scenario(sd, c, net, [...steps, ...convergenceTail(s.nodes, lastAt)], 'random schedule, then heal and repair every pair');
    }),
);
