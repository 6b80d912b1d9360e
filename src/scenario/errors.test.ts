// Each way a scenario can be wrong, with the exact one-line message a student
// sees. Exact strings on purpose: the wording is part of the contract.

import { describe, expect, it } from 'vitest';
import { parseScenario, parseScenarioJson } from './parse';

const step = (s: Record<string, unknown>) => ({ version: 1, steps: [s] });
const put = { at: 0, do: 'put', client: 'alice', key: 'cart', value: 'milk' };

const cases: [string, unknown, string][] = [
  // The document itself and its version.
  ['not an object', [], 'scenario: must be an object like {"version": 1, "steps": []}, not a list'],
  ['null', null, 'scenario: must be an object like {"version": 1, "steps": []}, not null'],
  ['missing version', { steps: [] }, 'version: required'],
  ['newer version', { version: 2, steps: [] }, 'version: unsupported scenario version 2 (this Ringside reads version 1)'],
  ['version 0', { version: 0 }, 'version: unsupported scenario version 0 (this Ringside reads version 1)'],
  ['fractional version', { version: 1.5 }, 'version: must be a whole number like 1 (got 1.5)'],
  ['version as text', { version: '1' }, 'version: must be a number like 1, not text'],

  // Unknown fields, with a hint when it looks like a typo.
  ['typo in cluster', { version: 1, cluster: { sloppyQuorom: true } }, 'cluster.sloppyQuorom: unknown field (did you mean "sloppyQuorum"?)'],
  ['swapped letters at the top', { version: 1, titel: 'x' }, 'titel: unknown field (did you mean "title"?)'],
  ['several unknown fields', { version: 1, foo: 1, bar: 2 }, 'foo: unknown field; also unknown: "bar"'],
  ['unknown field in a step', step({ at: 0, do: 'kill', nod: 'n1' }), 'steps[0].nod: unknown field (did you mean "node"?)'],
  ['field of another step kind', step({ at: 0, do: 'get', client: 'a', key: 'k', w: 2 }), 'steps[0].w: unknown field'],
  ['unknown latency field', { version: 1, network: { latency: { kind: 'fixed', ms: 1, jitter: 2 } } }, 'network.latency.jitter: unknown field'],
  ['odd field names are quoted', { version: 1, cluster: { 'a b\n': 1 } }, 'cluster["a b\\n"]: unknown field'],

  // Types and ranges of cluster settings.
  ['n as text', { version: 1, cluster: { n: '3' } }, 'cluster.n: must be a number, not text (got "3")'],
  ['fractional w', { version: 1, cluster: { w: 1.5 } }, 'cluster.w: must be a whole number (got 1.5)'],
  ['zero r', { version: 1, cluster: { r: 0 } }, 'cluster.r: must be at least 1 (got 0)'],
  ['boolean as text', { version: 1, cluster: { sloppyQuorum: 'yes' } }, 'cluster.sloppyQuorum: must be true or false, not text (got "yes")'],
  ['unknown read repair mode', { version: 1, cluster: { readRepair: 'sync' } }, 'cluster.readRepair: must be one of "off", "async", "blocking" (got "sync")'],
  ['unknown conflict mode', { version: 1, cluster: { conflicts: 'crdt' } }, 'cluster.conflicts: must be one of "lww", "vector" (got "crdt")'],
  ['too many vnodes', { version: 1, cluster: { vnodes: 65 } }, 'cluster.vnodes: must be at most 64 (got 65)'],
  ['merkle depth too deep', { version: 1, cluster: { antiEntropy: { merkleDepth: 17 } } }, 'cluster.antiEntropy.merkleDepth: must be at most 16 (got 17)'],
  ['negative timeout', { version: 1, cluster: { requestTimeoutMs: -1 } }, 'cluster.requestTimeoutMs: must be at least 1 (got -1)'],
  ['zero timeout', { version: 1, cluster: { requestTimeoutMs: 0 } }, 'cluster.requestTimeoutMs: must be at least 1 (got 0)'],
  ['anti-entropy interval below 1 ms', { version: 1, cluster: { antiEntropy: { intervalMs: 0.5 } } }, 'cluster.antiEntropy.intervalMs: must be 0 (off) or at least 1 ms'],
  ['infinite time (from code)', { version: 1, cluster: { tombstoneGraceMs: Infinity } }, 'cluster.tombstoneGraceMs: must be a finite number'],
  ['NaN (from code)', { version: 1, cluster: { failureDetectionMs: NaN } }, 'cluster.failureDetectionMs: must be a finite number'],

  // Nodes.
  ['nodes as text', { version: 1, cluster: { nodes: 'five' } }, 'cluster.nodes: must be a number of nodes from 1 to 64, or a list of node ids like ["a", "b", "c"]'],
  ['too many nodes', { version: 1, cluster: { nodes: 65 } }, 'cluster.nodes: must be at most 64 (got 65)'],
  ['fractional node count', { version: 1, cluster: { nodes: 2.5 } }, 'cluster.nodes: must be a whole number (got 2.5)'],
  ['zero nodes', { version: 1, cluster: { nodes: 0 } }, 'cluster.nodes: must be at least 1 (got 0)'],
  ['empty node list', { version: 1, cluster: { nodes: [] } }, 'cluster.nodes: must not be empty'],
  ['bad node id', { version: 1, cluster: { nodes: ['a', 'b c'] } }, 'cluster.nodes[1]: must be 1 to 16 letters, digits, "_" or "-"'],
  ['long node id', { version: 1, cluster: { nodes: ['a'.repeat(17)] } }, 'cluster.nodes[0]: must be 1 to 16 letters, digits, "_" or "-"'],
  ['duplicate node id', { version: 1, cluster: { nodes: ['a', 'b', 'a'] } }, 'cluster.nodes[2]: duplicate node id "a"'],
  ['65 node ids', { version: 1, cluster: { nodes: Array.from({ length: 65 }, (_, i) => `x${i}`) } }, 'cluster.nodes: must have at most 64 items (this one has 65)'],

  // Quorum sizes against each other (cross-field).
  ['w above n', { version: 1, cluster: { w: 4 } }, 'cluster.w: must be at most n (3)'],
  ['r above n', { version: 1, cluster: { n: 2, r: 3, w: 1 } }, 'cluster.r: must be at most n (2)'],
  ['n above node count', { version: 1, cluster: { nodes: 2 } }, 'cluster.n: must be at most the number of nodes (2)'],
  ['per-step w above n', step({ ...put, w: 4 }), 'steps[0].w: must be at most n (3)'],
  ['per-step r above n', step({ at: 0, do: 'get', client: 'a', key: 'k', r: 5 }), 'steps[0].r: must be at most n (3)'],
  ['per-step w of zero', step({ ...put, w: 0 }), 'steps[0].w: must be at least 1 (got 0)'],

  // Network.
  ['unknown latency kind', { version: 1, network: { latency: { kind: 'gauss' } } }, 'network.latency.kind: unknown latency kind "gauss"; use one of: fixed, uniform, exponential'],
  ['latency without kind', { version: 1, network: { latency: { ms: 3 } } }, 'network.latency.kind: required'],
  ['fixed latency without ms', { version: 1, network: { latency: { kind: 'fixed' } } }, 'network.latency.ms: required'],
  ['uniform min above max', { version: 1, network: { latency: { kind: 'uniform', min: 5, max: 2 } } }, 'network.latency.max: must be at least min (5)'],
  ['exponential mean of zero', { version: 1, network: { latency: { kind: 'exponential', mean: 0 } } }, 'network.latency.mean: must be greater than 0 (got 0)'],
  // Latency per leg (the WARS legs): errors name the leg's field.
  ['unknown leg', { version: 1, network: { latency: { write: { kind: 'fixed', ms: 1 }, acks: { kind: 'fixed', ms: 1 } } } }, 'network.latency.acks: unknown field (did you mean "ack"?)'],
  ['leg with a bad mean', { version: 1, network: { latency: { write: { kind: 'fixed', ms: 1 }, ack: { kind: 'exponential', mean: 0 } } } }, 'network.latency.ack.mean: must be greater than 0 (got 0)'],
  ['leg of an unknown kind', { version: 1, network: { latency: { write: { kind: 'fixed', ms: 1 }, read: { kind: 'gauss' } } } }, 'network.latency.read.kind: unknown latency kind "gauss"; use one of: fixed, uniform, exponential'],
  ['leg with a typo in its field', { version: 1, network: { latency: { write: { kind: 'fixed', ms: 1 }, response: { kind: 'fixed', mss: 1 } } } }, 'network.latency.response.mss: unknown field (did you mean "ms"?)'],
  ['leg range the wrong way round', { version: 1, network: { latency: { write: { kind: 'uniform', min: 5, max: 2 } } } }, 'network.latency.write.max: must be at least min (5)'],
  ['legs without write', { version: 1, network: { latency: { ack: { kind: 'fixed', ms: 1 } } } }, 'network.latency.write: required'],
  ['leg as a number', { version: 1, network: { latency: { write: 5 } } }, 'network.latency.write: must be an object, not a number (got 5)'],
  ['kind beside the legs', { version: 1, network: { latency: { kind: 'fixed', ms: 1, write: { kind: 'fixed', ms: 1 }, read: { kind: 'fixed', ms: 2 } } } }, 'network.latency.kind: unknown field; also unknown: "ms"'],
  ['drop rate above 1', { version: 1, network: { dropRate: 1.5 } }, 'network.dropRate: must be at most 1 (got 1.5)'],
  ['negative duplicate rate', { version: 1, network: { duplicateRate: -0.1 } }, 'network.duplicateRate: must be at least 0 (got -0.1)'],

  // Top-level fields.
  ['negative seed', { version: 1, seed: -1 }, 'seed: must be at least 0 (got -1)'],
  ['seed above 2^32-1', { version: 1, seed: 2 ** 32 }, 'seed: must be at most 4294967295 (got 4294967296)'],
  ['fractional seed', { version: 1, seed: 1.5 }, 'seed: must be a whole number (got 1.5)'],
  ['long title', { version: 1, title: 't'.repeat(201) }, 'title: must be at most 200 characters long (this one has 201)'],
  ['steps not a list', { version: 1, steps: {} }, 'steps: must be a list, not an object'],
  ['step not an object', { version: 1, steps: [5] }, 'steps[0]: must be an object, not a number (got 5)'],

  // Steps.
  ['step without do', step({ at: 0, node: 'n1' }), 'steps[0].do: required'],
  ['unknown step kind', step({ at: 0, do: 'kil', node: 'n1' }), 'steps[0].do: unknown step "kil" (did you mean "kill"?); use one of: put, get, delete, kill, revive, partition, cut, heal, repair, skew, drop, load'],
  ['step without at', step({ do: 'heal' }), 'steps[0].at: required'],
  ['negative at', step({ at: -1, do: 'heal' }), 'steps[0].at: must be at least 0 (got -1)'],
  ['at beyond 1e9', step({ at: 1e9 + 1, do: 'heal' }), 'steps[0].at: must be at most 1000000000 (got 1000000001)'],
  ['put without value', step({ at: 0, do: 'put', client: 'a', key: 'k' }), 'steps[0].value: required'],
  ['empty key', step({ ...put, key: '' }), 'steps[0].key: must not be empty'],
  ['empty client', step({ ...put, client: '' }), 'steps[0].client: must not be empty'],
  ['long client', step({ ...put, client: 'c'.repeat(201) }), 'steps[0].client: must be at most 200 characters long (this one has 201)'],
  ['value as number', step({ ...put, value: 3 }), 'steps[0].value: must be text, not a number (got 3)'],
  ['blind as text', step({ ...put, blind: 'true' }), 'steps[0].blind: must be true or false, not text (got "true")'],
  ['drop rate above 1', step({ at: 0, do: 'drop', rate: 2 }), 'steps[0].rate: must be at most 1 (got 2)'],
  ['repair of one node', step({ at: 0, do: 'repair', nodes: ['n1'] }), 'steps[0].nodes: must have at least 2 items'],
  ['partition with an empty group', step({ at: 0, do: 'partition', groups: [['n1'], []] }), 'steps[0].groups[1]: must not be empty'],
  ['null coordinator', step({ ...put, coordinator: null }), 'steps[0].coordinator: must be text, not null'],

  // Node names in steps (cross-field).
  ['kill of an unknown node', { version: 1, steps: [put, put, put, { at: 0, do: 'kill', node: 'n9' }] }, 'steps[3].node: unknown node "n9"'],
  ['unknown coordinator', step({ ...put, coordinator: 'n6' }), 'steps[0].coordinator: unknown node "n6"'],
  ['unknown cut end', step({ at: 0, do: 'cut', from: 'n1', to: 'x' }), 'steps[0].to: unknown node "x"'],
  ['cut to itself', step({ at: 0, do: 'cut', from: 'n2', to: 'n2' }), 'steps[0].to: must be a different node from "from" (both are "n2")'],
  ['unknown partition member', step({ at: 0, do: 'partition', groups: [['n1'], ['n2', 'q']] }), 'steps[0].groups[1][1]: unknown node "q"'],
  ['node in two groups', step({ at: 0, do: 'partition', groups: [['n1', 'n2'], ['n3', 'n2']] }), 'steps[0].groups[1][1]: node "n2" is already in groups[0]; a node can be in only one group'],
  ['node twice in a group', step({ at: 0, do: 'partition', groups: [['n1', 'n1']] }), 'steps[0].groups[0][1]: node "n1" is listed twice in this group'],
  ['repair of one node twice', step({ at: 0, do: 'repair', nodes: ['n1', 'n1'] }), 'steps[0].nodes: must name two different nodes (both are "n1")'],
  ['repair with an unknown node', step({ at: 0, do: 'repair', nodes: ['n1', 'n0'] }), 'steps[0].nodes[1]: unknown node "n0"'],
  ['skew of an unknown node', step({ at: 0, do: 'skew', node: 'N1', offsetMs: 5 }), 'steps[0].node: unknown node "N1"'],
  ['load onto an unknown node', step({ at: 0, do: 'load', node: '', key: 'k', value: 'v' }), 'steps[0].node: unknown node ""'],
  ['unknown node among custom ids', { version: 1, cluster: { nodes: ['a', 'b', 'c'] }, steps: [{ at: 0, do: 'revive', node: 'n1' }] }, 'steps[0].node: unknown node "n1"'],
];

describe('parseScenario: errors', () => {
  it.each(cases)('%s', (_name, input, error) => {
    expect(parseScenario(input)).toEqual({ ok: false, error });
  });

  it('reports the first problem in document order', () => {
    const result = parseScenario({ version: 1, cluster: { n: 0 }, steps: [{ at: -1, do: 'heal' }] });
    expect(result).toEqual({ ok: false, error: 'cluster.n: must be at least 1 (got 0)' });
  });

  it('prefers an unknown field over the missing field it probably replaces', () => {
    expect(parseScenario(step({ at: 0, do: 'kill', nodes: 'n1' }))).toEqual({
      ok: false,
      error: 'steps[0].nodes: unknown field (did you mean "node"?)',
    });
  });

  it('checks cross-field rules only on shape-valid input, shape errors first', () => {
    // w > n and an unknown node are both wrong; the shape error (bad at) wins.
    const result = parseScenario({ version: 1, cluster: { w: 9 }, steps: [{ at: 'soon', do: 'kill', node: 'n9' }] });
    expect(result).toEqual({ ok: false, error: 'steps[0].at: must be a number, not text (got "soon")' });
  });

  it('refuses more than 200,000 steps', () => {
    const steps = Array.from({ length: 200_001 }, () => ({ at: 0, do: 'heal' }));
    expect(parseScenario({ version: 1, steps })).toEqual({
      ok: false,
      error: 'steps: must have at most 200000 items (this one has 200001)',
    });
  });

  it('shortens and escapes user text quoted in a message', () => {
    const node = `${'x'.repeat(100)}\n`;
    const result = parseScenario(step({ at: 0, do: 'kill', node }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe(`steps[0].node: unknown node "${'x'.repeat(38)}…`);
    expect(parseScenario(step({ at: 0, do: 'kill', node: 'a\nb\u2028' }))).toEqual({
      ok: false,
      error: 'steps[0].node: unknown node "a\\nb\\u2028"',
    });
  });

  it('shortens an unknown field name, however plain its letters (issue 13)', () => {
    const name = 'a'.repeat(100_000);
    expect(parseScenario({ version: 1, [name]: 1 })).toEqual({ ok: false, error: `["${'a'.repeat(38)}…]: unknown field` });
    const inStep = parseScenario(step({ ...put, [name]: 1, [`b${name}`]: 2 }));
    expect(inStep).toEqual({
      ok: false,
      error: `steps[0]["${'a'.repeat(38)}…]: unknown field; also unknown: "b${'a'.repeat(37)}…`,
    });
  });

  it('keeps plain field names of up to 40 characters as they are', () => {
    const name = 'a'.repeat(40);
    expect(parseScenario({ version: 1, [name]: 1 })).toEqual({ ok: false, error: `${name}: unknown field` });
  });

  it('escapes direction overrides and terminal controls in quoted user text', () => {
    expect(parseScenario({ version: 1, '\u202Etxt.exe': 1 })).toEqual({ ok: false, error: '["\\u202etxt.exe"]: unknown field' });
    expect(parseScenario(step({ at: 0, do: 'kill', node: 'n\u009b2J\u007f' }))).toEqual({
      ok: false,
      error: 'steps[0].node: unknown node "n\\u009b2J\\u007f"',
    });
  });

  it('escapes controls in the input a JSON syntax error quotes, and bounds its length', () => {
    const result = parseScenarioJson(`{"version": 1, "x": ${'\u001b[2J\u202E'.repeat(50_000)}}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^JSON: /);
    expect(result.error).toContain('\\u001b');
    // eslint-disable-next-line no-control-regex -- no raw control character may be left
    expect(result.error).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(result.error.length).toBeLessThanOrEqual(400);
  });

  it('never throws, even for objects whose getters throw', () => {
    const hostile = new Proxy(
      { version: 1 },
      {
        get(_target, property) {
          if (property === 'version') return 1;
          throw new Error('boom');
        },
        ownKeys() {
          throw new Error('no keys for you');
        },
      },
    );
    const result = parseScenario(hostile);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^scenario: could not be read \(/);
  });
});
