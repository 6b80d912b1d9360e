// Per-leg latency (the WARS legs of Bailis et al., VLDB 2012): each kind of
// message takes its own leg's distribution, omitted legs take the write's,
// and a scenario with one distribution draws exactly what it always did.

import { describe, expect, it } from 'vitest';
import type { Kernel } from './kernel';
import { legDistribution, legOf } from './latency';
import { runScenario } from './report';
import { Ring } from './ring';
import { makeScenario, type ScenarioOverrides } from './testkit';
import type { TraceRecord } from './trace';
import { traceHash } from './traceHash';
import type { LatencyDistribution, Step } from './types';

type Send = Extract<TraceRecord, { k: 'send' }>;

function run(o: ScenarioOverrides): Kernel {
  return runScenario(makeScenario(o)).kernel;
}

/** Each message's flight: from its send to each of its deliveries (a duplicate is delivered twice). */
function flights(k: Kernel): { type: Send['type']; ms: number }[] {
  const sentAt = new Map<number, Send>();
  const out: { type: Send['type']; ms: number }[] = [];
  for (const r of k.trace) {
    if (r.k === 'send') sentAt.set(r.id, r);
    if (r.k === 'deliver') {
      const s = sentAt.get(r.id)!;
      out.push({ type: s.type, ms: Math.round((r.t - s.t) * 1000) / 1000 });
    }
  }
  return out;
}

const ring = new Ring(['n1', 'n2', 'n3', 'n4', 'n5'], 1, 3);
const home = ring.preferenceList('k') as [string, string, string];
/** A coordinator that is not a replica of `key`, so every replica is reached over the network. */
const outsiderOf = (key: string) => ['n1', 'n2', 'n3', 'n4', 'n5'].find((id) => !ring.preferenceList(key).includes(id))!;
const outsider = outsiderOf('k');

/** Writes and reads of one key, with every mechanism that sends other messages in play too. */
const busy: Step[] = [
  { at: 0, do: 'put', client: 'a', key: 'k', value: 'v1', coordinator: outsider, w: 3 },
  { at: 50, do: 'get', client: 'b', key: 'k', coordinator: outsider, r: 3 },
  { at: 100, do: 'kill', node: home[2] },
  { at: 120, do: 'put', client: 'a', key: 'k', value: 'v2', coordinator: outsider, w: 1 },
  { at: 300, do: 'revive', node: home[2] },
  { at: 500, do: 'load', node: home[0], key: 'z', value: 'only here' },
  { at: 520, do: 'repair', nodes: [home[0], home[1]] },
  // An old copy on one replica, for the next read to repair.
  { at: 650, do: 'load', node: home[1], key: 'k', value: 'old', ts: 1 },
  { at: 700, do: 'get', client: 'b', key: 'k', coordinator: outsider, r: 3 },
];

describe('which leg a message takes', () => {
  it('maps the four WARS legs and sends everything else as a write', () => {
    expect([legOf('write'), legOf('writeAck'), legOf('read'), legOf('readResp')]).toEqual(['write', 'ack', 'read', 'response']);
    for (const t of ['repair', 'repairAck', 'replay', 'replayAck', 'merkle', 'sync'] as const) expect(legOf(t)).toBe('write');
  });

  it('gives an omitted leg the write leg’s distribution', () => {
    const w: LatencyDistribution = { kind: 'fixed', ms: 3 };
    const a: LatencyDistribution = { kind: 'exponential', mean: 2 };
    expect(legDistribution({ write: w, ack: a }, 'ack')).toBe(a);
    expect(legDistribution({ write: w, ack: a }, 'response')).toBe(w);
    expect(legDistribution(a, 'read')).toBe(a);
  });
});

describe('per-leg latency in a run', () => {
  it('delays writes, acks, reads and responses each by their own leg, and everything else like a write', () => {
    const k = run({
      network: { latency: { write: { kind: 'fixed', ms: 7 }, ack: { kind: 'fixed', ms: 2 }, read: { kind: 'fixed', ms: 11 }, response: { kind: 'fixed', ms: 3 } } },
      steps: busy,
    });
    const expected: Record<Send['type'], number> = { write: 7, writeAck: 2, read: 11, readResp: 3, repair: 7, repairAck: 7, replay: 7, replayAck: 7, merkle: 7, sync: 7 };
    const seen = flights(k);
    // Every kind the steps cause is there, so each mapping was exercised.
    expect(new Set(seen.map((f) => f.type))).toEqual(new Set(['write', 'writeAck', 'read', 'readResp', 'repair', 'repairAck', 'replay', 'replayAck', 'merkle', 'sync']));
    for (const f of seen) expect(f.ms, f.type).toBe(expected[f.type]);
  });

  it('draws each leg from its own range, duplicates included', () => {
    const k = run({
      network: {
        latency: { write: { kind: 'uniform', min: 40, max: 50 }, ack: { kind: 'uniform', min: 1, max: 2 }, read: { kind: 'uniform', min: 20, max: 30 }, response: { kind: 'uniform', min: 5, max: 6 } },
        duplicateRate: 0.5,
      },
      cluster: { requestTimeoutMs: 1000 },
      steps: Array.from({ length: 20 }, (_, i): Step[] => [
        { at: i * 300, do: 'put', client: 'a', key: `k${i}`, value: 'v' },
        { at: i * 300 + 150, do: 'get', client: 'b', key: `k${i}` },
      ]).flat(),
    });
    const range: Partial<Record<Send['type'], [number, number]>> = { write: [40, 50], writeAck: [1, 2], read: [20, 30], readResp: [5, 6] };
    const seen = flights(k);
    const sent = k.trace.filter((r) => r.k === 'send').length;
    expect(seen.length).toBeGreaterThan(sent); // some messages came twice
    for (const f of seen) {
      const [lo, hi] = range[f.type] ?? [40, 50];
      expect(f.ms, f.type).toBeGreaterThanOrEqual(lo);
      expect(f.ms, f.type).toBeLessThanOrEqual(hi);
    }
  });

  it('an exponential ack leg gives acks its own mean', () => {
    const k = run({
      network: { latency: { write: { kind: 'exponential', mean: 20 }, ack: { kind: 'exponential', mean: 1 } } },
      cluster: { requestTimeoutMs: 10_000 },
      steps: Array.from({ length: 150 }, (_, i): Step => ({ at: i * 1000, do: 'put', client: 'a', key: `k${i}`, value: 'v' })),
    });
    const mean = (type: Send['type']) => {
      const xs = flights(k).filter((f) => f.type === type).map((f) => f.ms);
      return xs.reduce((s, x) => s + x, 0) / xs.length;
    };
    // ~400 draws each: the sample means are within a few standard errors of 20 and 1.
    expect(mean('write')).toBeGreaterThan(16);
    expect(mean('write')).toBeLessThan(24);
    expect(mean('writeAck')).toBeGreaterThan(0.8);
    expect(mean('writeAck')).toBeLessThan(1.2);
  });
});

describe('which stream each leg draws from', () => {
  // A single distribution keeps the one stream, in send order, that every
  // pinned lesson hash was made with (src/scenario/lessons/replays.test.ts).
  // Per leg, each leg has a stream of its own.
  it('per leg, reads and their repairs added to a run leave every write’s and ack’s delay as it was', () => {
    const exp = (mean: number) => ({ kind: 'exponential', mean }) as const;
    const network = { latency: { write: exp(10), ack: exp(1), read: exp(1), response: exp(1) } };
    const puts: Step[] = Array.from({ length: 30 }, (_, i): Step => ({ at: i * 500, do: 'put', client: 'a', key: `k${i}`, value: 'v', coordinator: outsiderOf(`k${i}`), w: 1 }));
    const gets: Step[] = puts.flatMap((p, i): Step[] => [
      { at: p.at + 3, do: 'get', client: 'b', key: `k${i}`, coordinator: outsiderOf(`k${i}`), r: 1 },
      { at: p.at + 9, do: 'get', client: 'b', key: `k${i}`, coordinator: outsiderOf(`k${i}`), r: 1 },
    ]);
    const cluster = { requestTimeoutMs: 400, readRepair: 'async' } as const;
    const alone = flights(run({ network, cluster, steps: puts }));
    const withReads = flights(run({ network, cluster, steps: [...puts, ...gets] }));
    const of = (f: typeof alone, type: Send['type']) => f.filter((x) => x.type === type).map((x) => x.ms);
    // Repairs really happened, and reads: the streams were put to the test.
    expect(of(withReads, 'repair').length).toBeGreaterThan(0);
    expect(of(withReads, 'readResp').length).toBe(gets.length * 3);
    expect(of(withReads, 'write')).toEqual(of(alone, 'write'));
    expect(of(withReads, 'writeAck')).toEqual(of(alone, 'writeAck'));
  });

  it('one distribution draws every message from one stream: a different ack leg changes the writes that follow', () => {
    const o = { network: { latency: { kind: 'exponential', mean: 8 } as const }, steps: busy };
    const perLeg = { ...o, network: { latency: { write: o.network.latency, ack: { kind: 'exponential', mean: 1 } as const } } };
    expect(traceHash(run(perLeg).trace)).not.toBe(traceHash(run(o).trace));
    // Fixed latencies draw nothing: per leg or not, the same run.
    const fixed = { kind: 'fixed', ms: 5 } as const;
    expect(traceHash(run({ network: { latency: { write: fixed } }, steps: busy }).trace)).toBe(traceHash(run({ network: { latency: fixed }, steps: busy }).trace));
  });
});
