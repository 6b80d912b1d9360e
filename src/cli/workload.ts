// Deterministic benchmark scenarios, built from a seed with the sim's own
// PRNG so every machine benchmarks the same run.

import { Prng } from '../sim/prng';
import type { NodeId, SimScenario, Step } from '../sim/types';

const BASE_CLUSTER = {
  vnodes: 4,
  n: 3,
  w: 2,
  r: 2,
  sloppyQuorum: false,
  hintedHandoff: true,
  readRepair: 'async' as const,
  conflicts: 'lww' as const,
  antiEntropy: { intervalMs: 0, merkleDepth: 4 },
  tombstoneGraceMs: 10000,
  requestTimeoutMs: 100,
  failureDetectionMs: 50,
};

/** Operation `i` of a workload: one of 20 clients gets (55 %), puts (40 %)
 *  or deletes (5 %) one of `keys` keys, drawn in that order from `rng`. */
function clientStep(rng: Prng, at: number, keys: number, i: number): Step {
  const key = `k${rng.int(keys)}`;
  const client = `c${rng.int(20)}`;
  const roll = rng.float();
  if (roll < 0.55) return { at, do: 'get', client, key };
  if (roll < 0.95) return { at, do: 'put', client, key, value: `v${i}` };
  return { at, do: 'delete', client, key };
}

/** `ops` client operations on a `nodes`-node cluster, with crashes,
 *  partitions and message loss along the way. */
export function faultyWorkload(nodes: number, ops: number, seed = 42): SimScenario {
  const rng = new Prng(seed);
  const ids: NodeId[] = Array.from({ length: nodes }, (_, i) => `n${i + 1}`);
  const steps: Step[] = [];
  const keys = 500;
  let at = 0;
  const dead = new Set<NodeId>();
  for (let i = 0; i < ops; i++) {
    at += 1 + rng.int(2);
    steps.push(clientStep(rng, at, keys, i));
    if (i % 400 === 199) {
      const node = ids[rng.int(nodes)]!;
      if (dead.has(node)) {
        steps.push({ at, do: 'revive', node });
        dead.delete(node);
      } else if (dead.size < 2) {
        steps.push({ at, do: 'kill', node });
        dead.add(node);
      }
    }
    if (i % 2000 === 999) {
      const split = 1 + rng.int(nodes - 1);
      steps.push({ at, do: 'partition', groups: [ids.slice(0, split), ids.slice(split)] });
    }
    if (i % 2000 === 1299) steps.push({ at, do: 'heal' });
    if (i % 2500 === 0) steps.push({ at, do: 'drop', rate: i % 5000 === 0 ? 0.01 : 0 });
  }
  return {
    version: 1,
    title: `benchmark: ${nodes} nodes, ${ops} operations with faults`,
    seed,
    cluster: { ...BASE_CLUSTER, nodes: ids },
    network: { latency: { kind: 'uniform', min: 1, max: 10 }, dropRate: 0, duplicateRate: 0 },
    steps,
  };
}

/**
 * The scenario of issue 15's whole-CLI-run figure: 16 nodes, 10,000 client
 * operations over 200 keys, exponential latency (mean 5 ms) and 1 % of
 * messages lost from the start; a node killed every 800 operations and
 * revived 400 later (never more than one down), and one partition into two
 * groups from operation 4,000 to 6,000. Deterministic: every draw comes from
 * the sim's own PRNG seeded with `seed`.
 */
export function cliRunScenario(seed = 15): SimScenario {
  const nodes = 16;
  const ops = 10_000;
  const keys = 200;
  const rng = new Prng(seed);
  const ids: NodeId[] = Array.from({ length: nodes }, (_, i) => `n${i + 1}`);
  const steps: Step[] = [];
  let at = 0;
  let down: NodeId | null = null;
  for (let i = 0; i < ops; i++) {
    at += 1 + rng.int(3);
    steps.push(clientStep(rng, at, keys, i));
    if (i % 400 === 199) {
      if (down !== null) {
        steps.push({ at, do: 'revive', node: down });
        down = null;
      } else {
        down = ids[rng.int(nodes)]!;
        steps.push({ at, do: 'kill', node: down });
      }
    }
    if (i === 4_000) {
      const split = 4 + rng.int(nodes - 8);
      steps.push({ at, do: 'partition', groups: [ids.slice(0, split), ids.slice(split)] });
    }
    if (i === 6_000) steps.push({ at, do: 'heal' });
  }
  return {
    version: 1,
    title: 'benchmark: 16 nodes, 10,000 operations over 200 keys, kills, a partition, 1% drops',
    seed,
    cluster: { ...BASE_CLUSTER, nodes: ids },
    network: { latency: { kind: 'exponential', mean: 5 }, dropRate: 0.01, duplicateRate: 0 },
    steps,
  };
}

/** Two replicas holding the same `keys` keys but for one, then one repair. */
export function merkleRepairScenario(keys: number, merkleDepth: number): SimScenario {
  const steps: Step[] = [];
  for (let i = 0; i < keys; i++) {
    const value = `v${i}`;
    steps.push({ at: 0, do: 'load', node: 'a', key: `key${i}`, value, ts: 1 });
    steps.push({ at: 0, do: 'load', node: 'b', key: `key${i}`, value: i === keys >> 1 ? `${value}-newer` : value, ts: i === keys >> 1 ? 2 : 1 });
  }
  steps.push({ at: 10, do: 'repair', nodes: ['a', 'b'] });
  return {
    version: 1,
    title: `benchmark: Merkle repair of ${keys} keys differing in one`,
    seed: 1,
    cluster: { ...BASE_CLUSTER, vnodes: 1, n: 2, w: 1, r: 1, nodes: ['a', 'b'], antiEntropy: { intervalMs: 0, merkleDepth } },
    network: { latency: { kind: 'fixed', ms: 5 }, dropRate: 0, duplicateRate: 0 },
    steps,
  };
}
