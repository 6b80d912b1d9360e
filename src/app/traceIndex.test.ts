import { describe, expect, it } from 'vitest';
import { Kernel } from '../sim/kernel';
import { makeScenario } from '../sim/testkit';
import { Timeline } from '../sim/timeline';
import type { SimScenario } from '../sim/types';
import { buildTraceIndex, dropsSince, flightsAt, messagesInWindow, traceIndexOf, typicalLatencyMs, upperBound, lowerBound } from './traceIndex';

function run(scenario: SimScenario) {
  const kernel = new Kernel(scenario);
  kernel.runToEnd();
  return { kernel, timeline: new Timeline(scenario, kernel.trace, kernel.events), index: buildTraceIndex(kernel.trace) };
}

/** Lossy, jittery, duplicating: every path through send → deliver / drop. */
const busy = makeScenario({
  seed: 11,
  network: { latency: { kind: 'exponential', mean: 6 }, dropRate: 0.2, duplicateRate: 0.2 },
  steps: [
    { at: 0, do: 'put', client: 'a', key: 'k1', value: '1' },
    { at: 2, do: 'put', client: 'b', key: 'k2', value: '2' },
    { at: 3, do: 'kill', node: 'n2' },
    { at: 4, do: 'get', client: 'c', key: 'k1' },
    { at: 5, do: 'partition', groups: [['n1', 'n3'], ['n4', 'n5']] },
    { at: 6, do: 'put', client: 'a', key: 'k2', value: '3' },
    { at: 40, do: 'heal' },
    { at: 41, do: 'revive', node: 'n2' },
    { at: 42, do: 'get', client: 'c', key: 'k2', r: 3 },
  ],
});

describe('traceIndexOf', () => {
  it('finds exactly the messages the timeline has in flight, at every event', () => {
    const { kernel, timeline, index } = run(busy);
    expect(index.drops.length).toBeGreaterThan(0);
    for (let e = 0; e <= kernel.events; e++) {
      const view = timeline.at(e);
      const ids = flightsAt(index, e, view.timeMs).map((m) => m.id);
      expect(ids, `event ${e}`).toEqual([...view.inFlight.keys()].sort((x, y) => x - y));
    }
  });

  it('pairs each lost message with its send, and knows where each kind of drop happened', () => {
    const { kernel, index } = run(busy);
    // A duplicate copy lost after the first one arrived was never drawn in flight: no cross for it.
    const ended = new Set<number>();
    const firstEnds = kernel.trace.filter((r) => (r.k === 'deliver' || r.k === 'drop') && !ended.has(r.id) && ended.add(r.id));
    expect(index.drops.map((m) => m.id)).toEqual(firstEnds.filter((r) => r.k === 'drop').map((r) => r.id));
    expect(kernel.trace.filter((r) => r.k === 'drop').length).toBeGreaterThan(index.drops.length);
    for (const m of index.drops) {
      expect(m.endMs).not.toBeNull();
      // A random loss dies halfway; anything else at the receiver.
      if (m.drop === 'random') expect(m.endMs).toBeCloseTo((m.sentMs + m.arriveMs) / 2, 6);
      else expect(m.endMs).toBeCloseTo(m.arriveMs, 6);
    }
    expect(new Set(index.drops.map((m) => m.drop))).toEqual(new Set(['random', 'dead', 'partition']));
  });

  it('lists the drops near the cursor, newest last', () => {
    const { index } = run(busy);
    const d = index.drops[2]!;
    const since = dropsSince(index, d.endEvent!, d.endMs! - 1);
    expect(since[since.length - 1]).toBe(d);
    expect(since.every((m) => m.endMs! >= d.endMs! - 1 && m.endEvent! <= d.endEvent!)).toBe(true);
    expect(dropsSince(index, d.endEvent! - 1, 0)).not.toContain(d);
  });

  it('finds the messages whose flight overlaps a window, sent by the cursor', () => {
    const { kernel, index } = run(busy);
    const cursor = Math.floor(kernel.events / 2);
    const got = messagesInWindow(index, cursor, 10, 30).map((m) => m.id);
    const want = index.messages.filter((m) => m.sentEvent <= cursor && m.sentMs <= 30 && (m.endMs ?? m.arriveMs) >= 10).map((m) => m.id);
    expect(got).toEqual(want);
    expect(want.length).toBeGreaterThan(0);
  });

  it('records verdicts with a node to flash, and when nodes were down', () => {
    const { index } = run(
      makeScenario({
        steps: [
          { at: 0, do: 'skew', node: 'n4', offsetMs: -60000 },
          { at: 10, do: 'put', client: 'alice', key: 'cart', value: 'first', coordinator: 'n3' },
          { at: 200, do: 'put', client: 'bob', key: 'cart', value: 'second', coordinator: 'n4' },
          { at: 300, do: 'kill', node: 'n5' },
          { at: 400, do: 'revive', node: 'n5' },
          { at: 500, do: 'kill', node: 'n5' },
        ],
      }),
    );
    // The checker names no node for a lost write: the flash goes to its coordinator.
    expect(index.verdicts).toEqual([expect.objectContaining({ kind: 'lost', key: 'cart', op: 2, node: 'n4' })]);
    expect(index.downSpans.map((s) => [s.node, s.fromMs, s.toMs])).toEqual([
      ['n5', 300, 400],
      ['n5', 500, Infinity],
    ]);
  });

  it('is built once per trace', () => {
    const { kernel } = run(busy);
    expect(traceIndexOf(kernel.trace)).toBe(traceIndexOf(kernel.trace));
  });
});

describe('helpers', () => {
  it('binary searches', () => {
    const xs = [1, 2, 2, 3];
    const id = (v: number) => v;
    expect(upperBound(xs, 2, id)).toBe(3);
    expect(lowerBound(xs, 2, id)).toBe(1);
    expect(upperBound(xs, 0, id)).toBe(0);
    expect(lowerBound(xs, 9, id)).toBe(4);
  });

  it('takes the typical latency of each distribution', () => {
    expect(typicalLatencyMs({ kind: 'fixed', ms: 5 })).toBe(5);
    expect(typicalLatencyMs({ kind: 'uniform', min: 2, max: 8 })).toBe(5);
    expect(typicalLatencyMs({ kind: 'exponential', mean: 7 })).toBe(7);
    // Per leg: the mean over the four legs, an omitted leg counting as the write's.
    expect(typicalLatencyMs({ write: { kind: 'fixed', ms: 10 }, ack: { kind: 'fixed', ms: 2 } })).toBe((10 + 2 + 10 + 10) / 4);
  });
});
