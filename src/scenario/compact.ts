// The smallest JSON document that parses back to the same scenario: fields
// equal to their defaults are left out (parseScenario fills them in again),
// which keeps share links short. Steps are kept exactly as they are — their
// optional fields have no defaults, and "absent" must stay absent.

import type { SimScenario } from '../sim/types';
import { DEFAULT_CLUSTER, DEFAULT_NETWORK, DEFAULT_NODE_COUNT, DEFAULT_SEED, DEFAULT_TITLE, nodeIdsForCount } from './defaults';

type Json = Record<string, unknown>;

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Copies the entries of `values` that differ from `defaults`. */
function withoutDefaults(values: object, defaults: object): Json {
  const out: Json = {};
  const fallback = defaults as Json;
  for (const [field, value] of Object.entries(values)) {
    if (!sameJson(value, fallback[field])) out[field] = value;
  }
  return out;
}

/** `nodes` as the count form when the ids are exactly n1..nK. */
function compactNodes(nodes: readonly string[]): number | readonly string[] {
  return sameJson(nodes, nodeIdsForCount(nodes.length)) ? nodes.length : nodes;
}

export function compactScenario(scenario: SimScenario): Json {
  const out: Json = { version: scenario.version };
  if (scenario.title !== DEFAULT_TITLE) out.title = scenario.title;
  if (scenario.seed !== DEFAULT_SEED) out.seed = scenario.seed;

  const { nodes, antiEntropy, ...restOfCluster } = scenario.cluster;
  const { nodes: _n, antiEntropy: defaultAntiEntropy, ...defaultRestOfCluster } = DEFAULT_CLUSTER;
  const cluster = withoutDefaults(restOfCluster, defaultRestOfCluster);
  const compactedNodes = compactNodes(nodes);
  if (compactedNodes !== DEFAULT_NODE_COUNT) cluster.nodes = compactedNodes;
  const compactedAntiEntropy = withoutDefaults(antiEntropy, defaultAntiEntropy);
  if (Object.keys(compactedAntiEntropy).length > 0) cluster.antiEntropy = compactedAntiEntropy;
  if (Object.keys(cluster).length > 0) out.cluster = cluster;

  const network = withoutDefaults(scenario.network, DEFAULT_NETWORK);
  if (Object.keys(network).length > 0) out.network = network;

  out.steps = scenario.steps;
  return out;
}
