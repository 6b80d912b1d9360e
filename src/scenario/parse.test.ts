import { describe, expect, it } from 'vitest';
import type { SimScenario } from '../sim/types';
import { parseScenario, parseScenarioJson } from './parse';

function valid(input: unknown): SimScenario {
  const result = parseScenario(input);
  if (!result.ok) throw new Error(`expected a valid scenario, got: ${result.error}`);
  return result.scenario;
}

describe('parseScenario: valid input', () => {
  it('fills every default into the minimal scenario', () => {
    expect(valid({ version: 1, steps: [] })).toStrictEqual({
      version: 1,
      title: 'Untitled scenario',
      seed: 1,
      cluster: {
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
      },
      network: { latency: { kind: 'fixed', ms: 5 }, dropRate: 0, duplicateRate: 0 },
      steps: [],
    });
  });

  it('treats missing steps as none', () => {
    expect(valid({ version: 1 }).steps).toEqual([]);
  });

  it('fills defaults inside partly given objects', () => {
    const s = valid({ version: 1, cluster: { n: 2, antiEntropy: { intervalMs: 500 } }, network: { dropRate: 0.1 } });
    expect(s.cluster.n).toBe(2);
    expect(s.cluster.w).toBe(2);
    expect(s.cluster.antiEntropy).toEqual({ intervalMs: 500, merkleDepth: 4 });
    expect(s.network).toEqual({ latency: { kind: 'fixed', ms: 5 }, dropRate: 0.1, duplicateRate: 0 });
  });

  it('turns a node count into ids n1..nK and keeps a list of ids as given', () => {
    expect(valid({ version: 1, cluster: { nodes: 7 } }).cluster.nodes).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7']);
    expect(valid({ version: 1, cluster: { nodes: ['zeta', 'A-1', 'b_2'] } }).cluster.nodes).toEqual(['zeta', 'A-1', 'b_2']);
    expect(valid({ version: 1, cluster: { nodes: 64, n: 1, w: 1, r: 1 } }).cluster.nodes).toHaveLength(64);
  });

  it('reads the example of contract 1', () => {
    const s = valid({
      version: 1,
      title: 'Sloppy quorum and hinted handoff',
      seed: 7,
      cluster: {
        nodes: 5, vnodes: 1, n: 3, w: 2, r: 2, sloppyQuorum: false, hintedHandoff: true, readRepair: 'async',
        conflicts: 'lww', antiEntropy: { intervalMs: 0, merkleDepth: 4 }, tombstoneGraceMs: 10000,
        requestTimeoutMs: 100, failureDetectionMs: 50,
      },
      network: { latency: { kind: 'fixed', ms: 5 }, dropRate: 0, duplicateRate: 0 },
      steps: [
        { at: 0, do: 'put', client: 'alice', key: 'cart', value: 'milk' },
        { at: 20, do: 'kill', node: 'n3' },
        { at: 40, do: 'get', client: 'bob', key: 'cart', r: 1 },
        { at: 60, do: 'revive', node: 'n3' },
      ],
    });
    expect(s.seed).toBe(7);
    expect(s.steps[2]).toStrictEqual({ at: 40, do: 'get', client: 'bob', key: 'cart', r: 1 });
  });

  it('accepts every step kind with its optional fields, and leaves absent options absent', () => {
    const steps = [
      { at: 0, do: 'put', client: 'a', key: 'k', value: 'v', coordinator: 'n2', w: 3, blind: true },
      { at: 1, do: 'get', client: 'a', key: 'k', coordinator: 'n1', r: 1 },
      { at: 2, do: 'delete', client: 'a', key: 'k', coordinator: 'n1', w: 1 },
      { at: 3, do: 'kill', node: 'n3', wipe: true },
      { at: 4, do: 'revive', node: 'n3' },
      { at: 5, do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] },
      { at: 6, do: 'cut', from: 'n1', to: 'n2' },
      { at: 7, do: 'heal' },
      { at: 8, do: 'repair', nodes: ['n1', 'n4'] },
      { at: 9, do: 'skew', node: 'n2', offsetMs: -250 },
      { at: 10, do: 'drop', rate: 0.5 },
      { at: 11, do: 'load', node: 'n5', key: 'k', value: 'old', ts: 3 },
      { at: 12, do: 'put', client: 'b', key: 'k', value: '' },
    ];
    const s = valid({ version: 1, steps });
    expect(s.steps).toStrictEqual(steps);
    expect(Object.keys(s.steps[12] ?? {})).not.toContain('blind');
  });

  it('keeps steps in list order, without sorting by time', () => {
    const steps = [
      { at: 50, do: 'heal' },
      { at: 10, do: 'kill', node: 'n1' },
      { at: 10, do: 'revive', node: 'n1' },
    ];
    expect(valid({ version: 1, steps }).steps.map((s) => s.at)).toEqual([50, 10, 10]);
  });

  it('accepts markup verbatim as key, value, client and title (views must show it as text)', () => {
    const script = '<script>alert(1)</script>';
    const s = valid({
      version: 1,
      title: script,
      steps: [{ at: 0, do: 'put', client: script, key: script, value: script }],
    });
    expect(s.title).toBe(script);
    expect(s.steps[0]).toStrictEqual({ at: 0, do: 'put', client: script, key: script, value: script });
  });

  it('measures the 1 KB key and value limits in UTF-8 bytes', () => {
    const put = (key: string, value: string) => parseScenario({ version: 1, steps: [{ at: 0, do: 'put', client: 'c', key, value }] });
    expect(put('k'.repeat(1024), 'v'.repeat(1024)).ok).toBe(true);
    // 256 emoji: 512 UTF-16 units, 1024 bytes.
    expect(put('😀'.repeat(256), 'v').ok).toBe(true);
    expect(put('k'.repeat(1025), 'v')).toEqual({ ok: false, error: 'steps[0].key: is too long (1025 bytes; the limit is 1024 bytes)' });
    // 342 euro signs: only 342 characters, but 1026 bytes.
    expect(put('k', '€'.repeat(342))).toEqual({ ok: false, error: 'steps[0].value: is too long (1026 bytes; the limit is 1024 bytes)' });
  });

  it('accepts the bounds themselves', () => {
    const s = valid({
      version: 1,
      seed: 2 ** 32 - 1,
      cluster: { nodes: 1, vnodes: 64, n: 1, w: 1, r: 1, antiEntropy: { merkleDepth: 16 } },
      network: { latency: { kind: 'uniform', min: 3, max: 3 }, dropRate: 1, duplicateRate: 1 },
      steps: [{ at: 1e9, do: 'drop', rate: 1 }, { at: 0, do: 'skew', node: 'n1', offsetMs: -1e9 }],
    });
    expect(s.seed).toBe(4294967295);
  });

  it('normalises -0 to 0 so a scenario survives JSON unchanged', () => {
    const s = valid(JSON.parse('{"version":1,"steps":[{"at":-0,"do":"skew","node":"n1","offsetMs":-0}]}'));
    expect(Object.is(s.steps[0]?.at, 0)).toBe(true);
    expect(s.steps[0]).toStrictEqual({ at: 0, do: 'skew', node: 'n1', offsetMs: 0 });
  });

  it('accepts 200,000 steps, the limit', () => {
    const steps = Array.from({ length: 200_000 }, (_, i) => ({ at: i, do: 'heal' }));
    expect(valid({ version: 1, steps }).steps).toHaveLength(200_000);
  });
});

describe('parseScenarioJson', () => {
  it('parses JSON text', () => {
    expect(parseScenarioJson('{"version": 1, "steps": []}').ok).toBe(true);
  });

  it('tolerates a byte-order mark written by some editors', () => {
    expect(parseScenarioJson('\uFEFF{"version": 1}').ok).toBe(true);
  });

  it('reports syntax errors on one line starting with "JSON: ", with line and column when the engine gives a position', () => {
    const result = parseScenarioJson('{"version": 1,\n  "steps": [,]}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^JSON: /);
    expect(result.error).not.toMatch(/\n/);
    if (/at position \d+/.test(result.error)) expect(result.error).toMatch(/line 2, column 13/);
  });

  it('explains empty text', () => {
    expect(parseScenarioJson('  \n')).toEqual({
      ok: false,
      error: 'JSON: the text is empty; a scenario looks like {"version": 1, "steps": []}',
    });
  });

  it('validates after parsing', () => {
    expect(parseScenarioJson('{"version": 2}')).toEqual({
      ok: false,
      error: 'version: unsupported scenario version 2 (this Ringside reads version 1)',
    });
  });
});
