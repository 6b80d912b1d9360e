import { describe, expect, it } from 'vitest';
import { lessonById } from '../../scenario/lessons';
import { RICH_STORY } from '../../scenario/testing/richStory';
import { Ring } from '../../sim/ring';
import { makeScenario } from '../../sim/testkit';
import type { SimScenario } from '../../sim/types';
import { digestOf } from '../../sim/versions';
import { runOf, type AppRun } from '../state/run';
import { lagAt, niceInterval, readingAt, repairsPerInterval, seriesOfRun, valueAt } from './series';

const NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];
const ring = new Ring(NODES, 1, 3);
/** Keys n3 is a home replica of, and the first key it is not. */
const candidates = Array.from({ length: 60 }, (_, i) => `k${i}`);
const ofN3 = candidates.filter((k) => ring.preferenceList(k).includes('n3')).slice(0, 4);

/** n3 dies, four writes it should have taken leave hints, n3 returns and the hints drain. */
const handoff: SimScenario = makeScenario({
  steps: [
    { at: 10, do: 'kill', node: 'n3' },
    ...ofN3.map((key, i) => ({ at: 100 + 50 * i, do: 'put' as const, client: 'app', key, value: `${key} v1` })),
    { at: 500, do: 'revive', node: 'n3' },
  ],
});

/** A stale read (R = 1 on a node that missed a write), its read repair, a hint and a Merkle session. */
const rich: SimScenario = makeScenario(RICH_STORY);

const totalHeld = (run: AppRun, e: number) => [...readingAt(seriesOfRun(run), e).hintsHeld.values()].reduce((a, b) => a + b, 0);
/** The last event at or before `ms`. */
const eventAt = (run: AppRun, ms: number) => {
  let at = 0;
  for (let e = 0; e <= run.events; e++) if (run.timeline.eventTimes[e]! <= ms) at = e;
  return at;
};

describe('a node dies, hints queue up, it returns and the queue drains', () => {
  const run = runOf(handoff);
  const s = seriesOfRun(run);

  it('the hint queue grows one write at a time while n3 is down, and drains once it is back', () => {
    expect(ofN3).toHaveLength(4);
    expect(totalHeld(run, eventAt(run, 99))).toBe(0);
    const during = ofN3.map((_, i) => totalHeld(run, eventAt(run, 100 + 50 * i + 20)));
    expect(during).toEqual([1, 2, 3, 4]);
    expect(totalHeld(run, eventAt(run, 499))).toBe(4);
    // n3 never holds hints for itself; the coordinators hold them.
    expect(valueAt(s.hintsHeld.get('n3')!, run.events)).toBe(0);
    expect(Math.max(...s.hintsHeld.get('n3')!.map((st) => st.v))).toBe(0);
    // Others learn n3 is back 50 ms after it revives, then replay.
    expect(totalHeld(run, run.events)).toBe(0);
    const drained = s.nodes.flatMap((n) => s.hintsHeld.get(n)!).filter((st) => st.v === 0 && st.e > 0);
    expect(Math.min(...drained.map((st) => st.t))).toBeGreaterThanOrEqual(550);
    const end = readingAt(s, run.events);
    expect(end.hintsStored).toBe(4);
    expect(end.hintsDelivered).toBe(4);
  });

  it('the pairs with n3 lag from the first write n3 missed until its hint is replayed', () => {
    const first = eventAt(run, 100);
    expect(readingAt(s, first - 1).lagging).toEqual([]);
    const mid = eventAt(run, 400);
    const at400 = readingAt(s, mid);
    expect(at400.lagging.length).toBeGreaterThan(0);
    for (const p of at400.lagging) expect([p.a, p.b]).toContain('n3');
    // The longest lag is the first write's: n3 last agreed with its co-replicas just before 100 ms.
    expect(at400.lagging[0]).toMatchObject({ sinceMs: 100, lagMs: run.timeline.eventTimes[mid]! - 100 });
    // It grows with time while nothing changes.
    const pair = s.pairs.find((p) => p.a === at400.lagging[0]!.a && p.b === at400.lagging[0]!.b)!;
    const later = eventAt(run, 499);
    expect(lagAt(pair, later, run.timeline.eventTimes[later]!) - lagAt(pair, mid, run.timeline.eventTimes[mid]!)).toBe(run.timeline.eventTimes[later]! - run.timeline.eventTimes[mid]!);
    // Once the hints are home, every pair agrees again.
    expect(readingAt(s, run.events).lagging).toEqual([]);
    expect(readingAt(s, run.events).pairs).toBe(10);
  });

  it('the stale-read and read-repair series stay at zero', () => {
    expect(s.readRepairs).toEqual([{ e: 0, t: 0, v: 0 }]);
    expect(s.staleReads).toEqual([{ e: 0, t: 0, v: 0 }]);
  });
});

describe('read repairs and stale reads', () => {
  const run = runOf(rich);
  const s = seriesOfRun(run);

  it('count the stale read and the repair it made, and the repairs per interval add up to the total', () => {
    const end = readingAt(s, run.events);
    expect(end.staleReads).toBe(1);
    expect(end.readRepairs).toBeGreaterThanOrEqual(1);
    expect(s.staleMarks.map((m) => m.key)).toEqual(['cart']);
    for (let e = 0; e <= run.events; e++) {
      const bins = repairsPerInterval(s, e);
      expect([...bins.values()].reduce((a, b) => a + b, 0)).toBe(readingAt(s, e).readRepairs);
      const r = readingAt(s, e);
      const bin = Math.floor(r.timeMs / s.intervalMs);
      expect(r.interval.repairs).toBe(bins.get(bin) ?? 0);
      expect(r.interval.fromMs).toBeLessThanOrEqual(r.timeMs);
      expect(r.interval.toMs).toBeGreaterThan(r.timeMs);
    }
  });
});

describe('niceInterval', () => {
  it('is 1, 2 or 5 times a power of ten, about a 24th of the run', () => {
    expect(niceInterval(3000)).toBe(100);
    expect(niceInterval(5410)).toBe(200);
    expect(niceInterval(600)).toBe(20);
    expect(niceInterval(24)).toBe(1);
    expect(niceInterval(0)).toBe(1);
    expect(niceInterval(100_000)).toBe(5000);
  });
});

/** Whether two nodes hold the same versions of every key both are home replicas of, by the Merkle digest. */
function agreeInView(run: AppRun, e: number, a: string, b: string): boolean {
  const view = run.timeline.at(e);
  const da = view.nodes.get(a)!.data;
  const db = view.nodes.get(b)!.data;
  const keys = new Set([...da.keys(), ...db.keys()]);
  for (const key of keys) {
    const homes = run.kernel.ring.preferenceList(key);
    if (!homes.includes(a) || !homes.includes(b)) continue;
    const x = da.get(key);
    const y = db.get(key);
    if ((x === undefined) !== (y === undefined)) return false;
    if (x && y && digestOf(x) !== digestOf(y)) return false;
  }
  return true;
}

const RUNS: [string, () => SimScenario][] = [
  ['lesson 4, hinted handoff', () => lessonById('hinted-handoff')!.scenario],
  ['lesson 11, watching staleness', () => lessonById('watching-staleness')!.scenario],
  ['lesson 3, read repair', () => lessonById('read-repair')!.scenario],
  ['lesson 9, tombstones', () => lessonById('tombstones')!.scenario],
  ['lesson 8, siblings (vector mode)', () => lessonById('siblings')!.scenario],
  ['a node dies and its hints drain', () => handoff],
  ['a stale read, a repair and a session', () => rich],
];

describe.each(RUNS)('at every event of %s', (_, scenario) => {
  it('the series equal the Timeline’s metrics and hint counts, and the lag is the time since each pair last agreed', () => {
    const run = runOf(scenario());
    const s = seriesOfRun(run);
    // The time each pair began to disagree (null while it agrees), found from the snapshots.
    const apartSince = new Map<string, number | null>(s.pairs.map((p) => [`${p.a} ${p.b}`, null]));
    for (let e = 0; e <= run.events; e++) {
      const view = run.timeline.at(e);
      const r = readingAt(s, e);
      expect(r.timeMs).toBe(view.timeMs);
      expect({ readRepairs: r.readRepairs, staleReads: r.staleReads, hintsStored: r.hintsStored, hintsDelivered: r.hintsDelivered }).toEqual({
        readRepairs: view.metrics.readRepairs,
        staleReads: view.metrics.staleReads,
        hintsStored: view.metrics.hintsStored,
        hintsDelivered: view.metrics.hintsDelivered,
      });
      for (const n of s.nodes) expect(r.hintsHeld.get(n), `hints held by ${n} at event ${e}`).toBe(view.nodes.get(n)!.hints.size);
      for (const p of s.pairs) {
        const id = `${p.a} ${p.b}`;
        const agree = agreeInView(run, e, p.a, p.b);
        if (agree) apartSince.set(id, null);
        else if (apartSince.get(id) === null) apartSince.set(id, view.timeMs);
        const since = apartSince.get(id)!;
        expect(lagAt(p, e, view.timeMs), `lag of ${id} at event ${e}`).toBe(since === null ? 0 : view.timeMs - since);
      }
      expect(r.lagging.length).toBe([...apartSince.values()].filter((v) => v !== null).length);
    }
  });
});
