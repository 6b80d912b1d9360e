import { describe, expect, it } from 'vitest';
import { checkDropRate, checkPartition, checkRepair, checkRequest, checkSkew, keysOf, type RequestForm } from './validate';

const cluster = { nodes: ['n1', 'n2', 'n3', 'n4', 'n5'], n: 3, conflicts: 'lww' as const };
const form = (patch: Partial<RequestForm> = {}): RequestForm => ({ kind: 'put', client: 'alice', key: 'cart', value: 'milk', coordinator: '', quorum: '', blind: false, ...patch });

describe('checkRequest', () => {
  it('builds the step a put, get or delete appends', () => {
    expect(checkRequest(form(), cluster)).toEqual({ ok: true, step: { do: 'put', client: 'alice', key: 'cart', value: 'milk' } });
    expect(checkRequest(form({ kind: 'get', quorum: '1', coordinator: 'n2' }), cluster)).toEqual({
      ok: true,
      step: { do: 'get', client: 'alice', key: 'cart', coordinator: 'n2', r: 1 },
    });
    expect(checkRequest(form({ kind: 'delete', quorum: '3' }), cluster)).toEqual({ ok: true, step: { do: 'delete', client: 'alice', key: 'cart', w: 3 } });
  });

  it('accepts an empty value (still a write) but not an empty key or client', () => {
    expect(checkRequest(form({ value: '' }), cluster).ok).toBe(true);
    const bad = checkRequest(form({ key: '', client: '  ' }), cluster);
    expect(bad.ok ? null : Object.keys(bad.errors).sort()).toEqual(['client', 'key']);
  });

  it('limits keys and values to 1 KB counted in UTF-8 bytes', () => {
    expect(checkRequest(form({ key: 'k'.repeat(1024) }), cluster).ok).toBe(true);
    // 342 × "é" (2 bytes each) = 684 bytes: fine; 513 × "é" = 1026 bytes: too long.
    expect(checkRequest(form({ value: 'é'.repeat(342) }), cluster).ok).toBe(true);
    const long = checkRequest(form({ value: 'é'.repeat(513) }), cluster);
    expect(long.ok ? '' : long.errors.value).toBe('The value is 1026 bytes; the limit is 1024 bytes (1 KB).');
  });

  it('keeps W and R between 1 and N, whole numbers only', () => {
    for (const q of ['0', '4', '1.5', 'two', '-1']) {
      const r = checkRequest(form({ quorum: q }), cluster);
      expect(r.ok ? '' : r.errors.quorum).toBe('W must be a whole number from 1 to N = 3.');
    }
    const r = checkRequest(form({ kind: 'get', quorum: '9' }), cluster);
    expect(r.ok ? '' : r.errors.quorum).toMatch(/^R must/);
  });

  it('sends blind only in vector mode', () => {
    expect(checkRequest(form({ blind: true }), cluster)).toEqual({ ok: true, step: { do: 'put', client: 'alice', key: 'cart', value: 'milk' } });
    expect(checkRequest(form({ blind: true }), { ...cluster, conflicts: 'vector' })).toMatchObject({ ok: true, step: { blind: true } });
  });

  it('refuses a coordinator outside the cluster', () => {
    const r = checkRequest(form({ coordinator: 'n9' }), cluster);
    expect(r.ok ? '' : r.errors.coordinator).toBe('There is no node n9.');
  });
});

describe('fault tools', () => {
  it('partition: group A as ticked, the rest in group B, both non-empty', () => {
    expect(checkPartition(['n4', 'n1'], cluster.nodes)).toEqual({ ok: true, step: { do: 'partition', groups: [['n1', 'n4'], ['n2', 'n3', 'n5']] } });
    expect(checkPartition([], cluster.nodes).ok).toBe(false);
    expect(checkPartition(cluster.nodes, cluster.nodes).ok).toBe(false);
  });

  it('drop rate: a percentage from 0 to 100 becomes a probability', () => {
    expect(checkDropRate('25')).toEqual({ ok: true, step: { do: 'drop', rate: 0.25 } });
    expect(checkDropRate('0')).toEqual({ ok: true, step: { do: 'drop', rate: 0 } });
    for (const t of ['', '101', '-1', 'lots']) expect(checkDropRate(t).ok).toBe(false);
  });

  it('repair: two different nodes of the cluster', () => {
    expect(checkRepair('n1', 'n2', cluster.nodes)).toEqual({ ok: true, step: { do: 'repair', nodes: ['n1', 'n2'] } });
    expect(checkRepair('n1', 'n1', cluster.nodes).ok).toBe(false);
    expect(checkRepair('n1', 'n7', cluster.nodes).ok).toBe(false);
  });

  it('skew: a finite number of ms within the format bounds', () => {
    expect(checkSkew('n2', '-500')).toEqual({ ok: true, step: { do: 'skew', node: 'n2', offsetMs: -500 } });
    expect(checkSkew('n2', '').ok).toBe(false);
    expect(checkSkew('n2', '2e9').ok).toBe(false);
  });

  it('lists the keys a scenario names, once each, in order', () => {
    expect(
      keysOf([
        { at: 0, do: 'put', client: 'a', key: 'cart', value: '' },
        { at: 1, do: 'kill', node: 'n1' },
        { at: 2, do: 'get', client: 'b', key: 'book' },
        { at: 3, do: 'load', node: 'n1', key: 'cart', value: 'x' },
      ]),
    ).toEqual(['cart', 'book']);
  });
});
