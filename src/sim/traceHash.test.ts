// The trace hash reads what happened, not how a record object was written.
import { describe, expect, it } from 'vitest';
import { runScenario } from './report';
import { makeScenario } from './testkit';
import type { TraceRecord } from './trace';
import { traceHash } from './traceHash';

/** The same record with its keys in reverse order. */
function reversed<T extends object>(o: T): T {
  const entries = Object.entries(o).reverse();
  return Object.fromEntries(entries.map(([k, v]) => [k, v !== null && typeof v === 'object' && !Array.isArray(v) ? reversed(v as object) : v])) as T;
}

const run = () =>
  runScenario(
    makeScenario({
      cluster: { conflicts: 'vector', antiEntropy: { intervalMs: 0, merkleDepth: 4 } },
      steps: [
        { at: 0, do: 'put', client: 'a', key: 'k', value: 'v1' },
        { at: 0, do: 'put', client: 'b', key: 'k', value: 'v2', blind: true },
        { at: 20, do: 'kill', node: 'n2', wipe: true },
        { at: 30, do: 'get', client: 'c', key: 'k' },
        { at: 40, do: 'delete', client: 'c', key: 'k' },
        { at: 60, do: 'revive', node: 'n2' },
        { at: 200, do: 'repair', nodes: ['n1', 'n2'] },
      ],
    }),
  ).kernel;

describe('traceHash', () => {
  it('does not depend on the key order of a record or of anything inside it', () => {
    const records = [...run().trace];
    expect(records.length).toBeGreaterThan(50);
    expect(traceHash(records.map(reversed))).toBe(traceHash(records));
  });

  it('is the same read from the column log as from the record objects', () => {
    const k = run();
    expect(traceHash(k.log)).toBe(traceHash(k.trace));
  });

  it('changes when any field changes, and fields never run together', () => {
    const base: TraceRecord = { k: 'opStart', op: 1, type: 'put', client: 'ab', key: 'c', coordinator: 'n1', value: 'x', quorum: 2, e: 1, t: 0 };
    const h = traceHash([base]);
    expect(traceHash([{ ...base, client: 'a', key: 'bc' }])).not.toBe(h);
    expect(traceHash([{ ...base, t: 1e-9 }])).not.toBe(h);
    expect(traceHash([{ ...base, coordinator: null }])).not.toBe(h);
    const { value: _value, ...noValue } = base;
    expect(traceHash([noValue as TraceRecord])).not.toBe(h);
    expect(traceHash([{ ...base, value: '' }])).not.toBe(h);
  });

  it('tells apart versions that differ only in their causal context', () => {
    const store = (past: Record<string, number>): TraceRecord => ({ k: 'store', node: 'n1', key: 'k', siblings: [{ value: 'v', writeId: 1, ts: 0, dot: { node: 'n1', counter: 2 }, past }], cause: 'write', e: 1, t: 0 });
    expect(traceHash([store({ n1: 1, n2: 3 })])).toBe(traceHash([store({ n2: 3, n1: 1 })]));
    expect(traceHash([store({ n1: 1 })])).not.toBe(traceHash([store({ n1: 1, n2: 3 })]));
  });
});
