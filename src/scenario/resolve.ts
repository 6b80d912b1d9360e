// From the schema's output to the engine's input: the only difference is that
// `cluster.nodes` may be a count, which becomes ids n1..nK. Everything is
// copied so that no parsed scenario shares an object with another.

import type { SimScenario } from '../sim/types';
import { nodeIdsForCount } from './defaults';
import type { ScenarioShape } from './schema';

export function resolveScenario(shape: ScenarioShape): SimScenario {
  const { cluster, network } = shape;
  return {
    version: 1,
    title: shape.title,
    seed: shape.seed,
    cluster: {
      ...cluster,
      nodes: typeof cluster.nodes === 'number' ? nodeIdsForCount(cluster.nodes) : [...cluster.nodes],
      antiEntropy: { ...cluster.antiEntropy },
    },
    network: { ...network, latency: { ...network.latency } },
    steps: shape.steps,
  };
}
