// From the schema's output to the engine's input: the only difference is that
// `cluster.nodes` may be a count, which becomes ids n1..nK. Everything is
// copied so that no parsed scenario shares an object with another.

import type { Latency, SimScenario } from '../sim/types';
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
    network: { ...network, latency: copyLatency(network.latency) },
    steps: shape.steps,
  };
}

/** A fresh copy of a latency, each leg's object included; omitted legs stay omitted. */
function copyLatency(latency: Latency): Latency {
  if ('kind' in latency) return { ...latency };
  const out: Latency = { write: { ...latency.write } };
  if (latency.ack) out.ack = { ...latency.ack };
  if (latency.read) out.read = { ...latency.read };
  if (latency.response) out.response = { ...latency.response };
  return out;
}
