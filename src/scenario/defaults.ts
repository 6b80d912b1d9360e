// Default values of scenario version 1 (ARCHITECTURE.md, contract 1) and the
// scenario the visualizer opens with. This file is the single source of truth:
// the schema fills missing fields from these constants and the URL codec omits
// fields equal to them, so the two can never disagree.

import type { ClusterConfig, NetworkConfig, NodeId, SimScenario } from '../sim/types';

export const DEFAULT_TITLE = 'Untitled scenario';
export const DEFAULT_SEED = 1;
export const DEFAULT_NODE_COUNT = 5;

/** Node ids for a cluster given as a count: 3 becomes ["n1", "n2", "n3"]. */
export function nodeIdsForCount(count: number): NodeId[] {
  return Array.from({ length: count }, (_, i) => `n${i + 1}`);
}

// Frozen because these objects are shared: a caller that mutated one would
// silently change the defaults of every later parse.
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export const DEFAULT_CLUSTER: Readonly<ClusterConfig> = deepFreeze({
  nodes: nodeIdsForCount(DEFAULT_NODE_COUNT),
  vnodes: 1,
  n: 3,
  w: 2,
  r: 2,
  sloppyQuorum: false,
  hintedHandoff: true,
  readRepair: 'async',
  conflicts: 'lww',
  antiEntropy: { intervalMs: 0, merkleDepth: 4 },
  tombstoneGraceMs: 10000,
  requestTimeoutMs: 100,
  failureDetectionMs: 50,
});

export const DEFAULT_NETWORK: Readonly<NetworkConfig> = deepFreeze({
  latency: { kind: 'fixed', ms: 5 },
  dropRate: 0,
  duplicateRate: 0,
});

/**
 * The first screen: one quorum write, then a quorum read of the same key, so
 * a student sees W acks, then R replies overlapping the write (R + W > N).
 * Frozen; copy it (e.g. structuredClone) before editing.
 */
export const DEFAULT_SCENARIO: SimScenario = deepFreeze({
  version: 1,
  title: 'Quorum write and read',
  seed: DEFAULT_SEED,
  cluster: {
    ...DEFAULT_CLUSTER,
    nodes: nodeIdsForCount(DEFAULT_NODE_COUNT),
    antiEntropy: { ...DEFAULT_CLUSTER.antiEntropy },
  },
  network: { ...DEFAULT_NETWORK, latency: { ...DEFAULT_NETWORK.latency } },
  steps: [
    { at: 0, do: 'put', client: 'alice', key: 'cart', value: 'milk' },
    { at: 30, do: 'get', client: 'bob', key: 'cart' },
  ],
});
