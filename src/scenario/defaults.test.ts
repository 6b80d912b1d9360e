import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER, DEFAULT_NETWORK, DEFAULT_SCENARIO, nodeIdsForCount } from './defaults';
import { parseScenario } from './parse';

describe('defaults', () => {
  it('match the values written in contract 1', () => {
    // Spelled out rather than derived, so a drift in defaults.ts fails here.
    expect(DEFAULT_CLUSTER).toStrictEqual({
      nodes: ['n1', 'n2', 'n3', 'n4', 'n5'],
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
    expect(DEFAULT_NETWORK).toStrictEqual({ latency: { kind: 'fixed', ms: 5 }, dropRate: 0, duplicateRate: 0 });
  });

  it('the first-screen scenario is a quorum write then a quorum read, and is itself valid', () => {
    expect(DEFAULT_SCENARIO.title).toBe('Quorum write and read');
    expect(DEFAULT_SCENARIO.cluster.nodes).toHaveLength(5);
    expect([DEFAULT_SCENARIO.cluster.n, DEFAULT_SCENARIO.cluster.w, DEFAULT_SCENARIO.cluster.r]).toEqual([3, 2, 2]);
    expect(DEFAULT_SCENARIO.steps).toStrictEqual([
      { at: 0, do: 'put', client: 'alice', key: 'cart', value: 'milk' },
      { at: 30, do: 'get', client: 'bob', key: 'cart' },
    ]);
    const reparsed = parseScenario(JSON.parse(JSON.stringify(DEFAULT_SCENARIO)));
    expect(reparsed).toStrictEqual({ ok: true, scenario: DEFAULT_SCENARIO });
  });

  it('are frozen, so no caller can change the defaults of later parses', () => {
    expect(Object.isFrozen(DEFAULT_CLUSTER.nodes)).toBe(true);
    expect(Object.isFrozen(DEFAULT_NETWORK.latency)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SCENARIO.steps)).toBe(true);
    expect(() => DEFAULT_SCENARIO.steps.push({ at: 1, do: 'heal' })).toThrow(TypeError);
  });

  it('parsed scenarios do not share objects with the defaults', () => {
    const a = parseScenario({ version: 1 });
    const b = parseScenario({ version: 1 });
    if (!a.ok || !b.ok) throw new Error('expected valid');
    expect(a.scenario.cluster.nodes).not.toBe(DEFAULT_CLUSTER.nodes);
    expect(a.scenario.network.latency).not.toBe(b.scenario.network.latency);
    a.scenario.cluster.nodes.push('n6');
    expect(b.scenario.cluster.nodes).toHaveLength(5);
  });

  it('names counted nodes n1..nK', () => {
    expect(nodeIdsForCount(3)).toEqual(['n1', 'n2', 'n3']);
    expect(nodeIdsForCount(1)).toEqual(['n1']);
  });
});
