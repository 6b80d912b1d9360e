import { describe, expect, it } from 'vitest';
import type { SimScenario } from '../sim/types';
import { compactScenario } from './compact';
import { DEFAULT_SCENARIO } from './defaults';
import { parseScenario } from './parse';

function parsed(input: unknown): SimScenario {
  const result = parseScenario(input);
  if (!result.ok) throw new Error(result.error);
  return result.scenario;
}

describe('compactScenario', () => {
  it('reduces an all-defaults scenario to its version and steps', () => {
    expect(compactScenario(parsed({ version: 1 }))).toStrictEqual({ version: 1, steps: [] });
  });

  it('keeps only the fields that differ from the defaults', () => {
    const input = {
      version: 1,
      title: 'Mine',
      seed: 9,
      cluster: { w: 3, antiEntropy: { merkleDepth: 2 } },
      network: { latency: { kind: 'uniform', min: 1, max: 9 } },
      steps: [{ at: 0, do: 'heal' }],
    };
    expect(compactScenario(parsed(input))).toStrictEqual(input);
  });

  it('writes nodes n1..nK as the count K, and other ids as a list', () => {
    expect(compactScenario(parsed({ version: 1, cluster: { nodes: ['n1', 'n2', 'n3'] } })).cluster).toStrictEqual({ nodes: 3 });
    expect(compactScenario(parsed({ version: 1, cluster: { nodes: ['n2', 'n1', 'n3'] } })).cluster).toStrictEqual({ nodes: ['n2', 'n1', 'n3'] });
    expect(compactScenario(parsed({ version: 1, cluster: { nodes: ['a', 'b', 'c'] } })).cluster).toStrictEqual({ nodes: ['a', 'b', 'c'] });
  });

  it('keeps explicit optional step fields even when they look like defaults', () => {
    const steps = [{ at: 0, do: 'put', client: 'c', key: 'k', value: 'v', blind: false, w: 2 }];
    expect(compactScenario(parsed({ version: 1, steps })).steps).toStrictEqual(steps);
  });

  it('keeps latency per leg as written, omitted legs omitted, and parses it back the same', () => {
    const latency = { write: { kind: 'exponential', mean: 10 }, ack: { kind: 'fixed', ms: 1 }, response: { kind: 'uniform', min: 1, max: 2 } };
    const s = parsed({ version: 1, network: { latency }, steps: [] });
    expect(s.network.latency).toStrictEqual(latency);
    expect(compactScenario(s).network).toStrictEqual({ latency });
    expect(parsed(compactScenario(s))).toStrictEqual(s);
  });

  it('parses back to the same scenario', () => {
    expect(parsed(compactScenario(DEFAULT_SCENARIO))).toStrictEqual(DEFAULT_SCENARIO);
  });
});
