import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario';
import type { SimScenario } from '../../sim/types';
import { eventAtTime } from '../lessons/stages';
import { variantOf } from '../lessons/compare';
import { runOf } from '../state/run';
import { createAppStore } from '../state/store';
import { advance, compareKey, createCompareClock, moveTo, play, sharedTimes, stepBack, stepForward, type CompareClock } from './comparePlayback';

// n3 is down for the second write: a strict quorum keeps a hint for it, a
// sloppy one writes to a substitute, so the runs have different events at
// different times.
const parsed = parseScenario({
  version: 1,
  cluster: { n: 3, w: 2, r: 1 },
  network: { latency: { kind: 'uniform', min: 1, max: 9 } },
  steps: [
    { at: 0, do: 'put', client: 'alice', key: 'cart', value: 'milk' },
    { at: 20, do: 'kill', node: 'n3' },
    { at: 100, do: 'put', client: 'alice', key: 'cart', value: 'eggs' },
    { at: 150, do: 'revive', node: 'n3' },
    { at: 152, do: 'get', client: 'bob', key: 'cart', coordinator: 'n3' },
  ],
});
if (!parsed.ok) throw new Error(parsed.error);
const base: SimScenario = parsed.scenario;

function clockOf(): CompareClock {
  const sides = [false, true].map((sloppyQuorum) => {
    const scenario = variantOf(base, { label: sloppyQuorum ? 'Sloppy' : 'Strict', cluster: { sloppyQuorum } });
    return { store: createAppStore(scenario), run: runOf(scenario) };
  });
  return createCompareClock(sides);
}

/** Each side's cursor, and the cursor it should have at the clock's time. */
function positions(clock: CompareClock): { shown: number[]; expected: number[] } {
  const { timeMs, start } = clock.state.getState();
  return {
    shown: clock.sides.map((s) => s.store.getState().cursor),
    expected: clock.sides.map((s) => (start ? 0 : eventAtTime(s.run.timeline, timeMs))),
  };
}

describe('compare playback', () => {
  it('steps on the union of both runs’ event times', () => {
    const clock = clockOf();
    const [a, b] = clock.sides.map((s) => Array.from(s.run.timeline.eventTimes.slice(1, s.run.events + 1)));
    expect(a).not.toEqual(b);
    expect(Array.from(clock.times)).toEqual([...new Set([...a!, ...b!])].sort((x, y) => x - y));
    expect(Array.from(sharedTimes(clock.sides.map((s) => s.run)))).toEqual(Array.from(clock.times));
    expect(clock.endMs).toBe(Math.max(a!.at(-1)!, b!.at(-1)!));
  });

  it('a step moves both sides to the next shared time, each to its last event by then', () => {
    const clock = clockOf();
    expect(clock.state.getState()).toEqual({ timeMs: 0, start: true, playing: false });
    expect(positions(clock).shown).toEqual([0, 0]);
    const visited: number[] = [];
    for (let i = 0; i < clock.times.length; i++) {
      stepForward(clock);
      const { shown, expected } = positions(clock);
      expect(shown).toEqual(expected);
      expect(shown.some((c, k) => c > 0 && clock.sides[k]!.run.timeline.eventTimes[c] === clock.state.getState().timeMs), 'a side has an event at each step').toBe(true);
      visited.push(clock.state.getState().timeMs);
    }
    expect(visited).toEqual(Array.from(clock.times));
    expect(visited[0], 'the first step shows what happens at 0 ms').toBe(0);
    expect(clock.sides.map((s) => s.store.getState().cursor)).toEqual(clock.sides.map((s) => s.run.events));
    // At the end a step stays there.
    stepForward(clock);
    expect(clock.state.getState().timeMs).toBe(clock.endMs);
    for (let i = clock.times.length - 2; i >= 0; i--) {
      stepBack(clock);
      expect(clock.state.getState().timeMs).toBe(clock.times[i]);
      expect(positions(clock).shown).toEqual(positions(clock).expected);
    }
    stepBack(clock);
    expect(clock.state.getState()).toMatchObject({ timeMs: 0, start: true });
    expect(clock.sides.map((s) => s.store.getState().cursor)).toEqual([0, 0]);
  });

  it('from between two shared times, a step goes to the next or the previous one', () => {
    const clock = clockOf();
    const mid = (clock.times[3]! + clock.times[4]!) / 2;
    moveTo(clock, mid);
    stepForward(clock);
    expect(clock.state.getState().timeMs).toBe(clock.times[4]);
    moveTo(clock, mid);
    stepBack(clock);
    expect(clock.state.getState().timeMs).toBe(clock.times[3]);
  });

  it('Play moves both sides on together and stops at the end of the longer run', () => {
    const clock = clockOf();
    play(clock);
    let frames = 0;
    let last = 0;
    while (advance(clock, 16, 2)) {
      const t = clock.state.getState().timeMs;
      expect(t).toBeGreaterThan(last);
      last = t;
      expect(clock.sides.map((s) => s.store.getState().playTimeMs)).toEqual([t, t]);
      expect(positions(clock).shown).toEqual(positions(clock).expected);
      frames++;
    }
    expect(frames).toBeGreaterThan(10);
    expect(clock.state.getState()).toEqual({ timeMs: clock.endMs, start: false, playing: false });
    expect(clock.sides.map((s) => s.store.getState().cursor)).toEqual(clock.sides.map((s) => s.run.events));
    // Play at the end starts over.
    play(clock);
    expect(clock.state.getState()).toEqual({ timeMs: 0, start: true, playing: true });
    expect(clock.sides.map((s) => s.store.getState().cursor)).toEqual([0, 0]);
  });

  it('skips a stretch with nothing in flight on either side', () => {
    const clock = clockOf();
    // Just after the kill at 20 ms and its failure detection, nothing moves until the write at 100 ms.
    moveTo(clock, 90);
    expect(clock.sides.every((s) => s.run.timeline.at(s.store.getState().cursor).inFlight.size === 0)).toBe(true);
    play(clock);
    advance(clock, 16, 0);
    expect(clock.state.getState().timeMs).toBeGreaterThanOrEqual(100 - 2);
  });

  it('takes Space, ← / →, Home and End', () => {
    const clock = clockOf();
    expect(compareKey(clock, 'ArrowRight')).toBe(true);
    expect(clock.state.getState()).toMatchObject({ timeMs: clock.times[0], start: false });
    expect(compareKey(clock, 'End')).toBe(true);
    expect(clock.state.getState().timeMs).toBe(clock.endMs);
    expect(compareKey(clock, 'ArrowLeft')).toBe(true);
    expect(clock.state.getState().timeMs).toBe(clock.times[clock.times.length - 2]);
    expect(compareKey(clock, 'Home')).toBe(true);
    expect(clock.state.getState()).toMatchObject({ timeMs: 0, start: true });
    expect(compareKey(clock, ' ')).toBe(true);
    expect(clock.state.getState().playing).toBe(true);
    expect(compareKey(clock, ' ')).toBe(true);
    expect(clock.state.getState().playing).toBe(false);
    expect(compareKey(clock, 'p')).toBe(false);
  });
});
