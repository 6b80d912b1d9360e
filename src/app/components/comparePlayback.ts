// Playback for Compare: two runs on one clock of virtual time. The two runs
// have different events, so "one step" is one step of their shared time
// line: the next instant at which either side has an event. At any time t
// each side shows the last of its events at or before t, so both sides are
// always at the same moment; before all of that is the start, where nothing
// has happened yet (the main Timeline's 0). Play advances t as the main
// playback does (playback.ts), skipping stretches where neither side has
// anything in flight.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { eventAtTime } from '../lessons/stages';
import { BASE_RATE } from '../state/playback';
import type { AppRun } from '../state/run';
import type { AppStore } from '../state/store';

export interface CompareSide {
  readonly store: AppStore;
  readonly run: AppRun;
}

export interface CompareClockState {
  /** Virtual time shown on both sides. */
  timeMs: number;
  /** Before anything has happened, even what happens at 0 ms. */
  start: boolean;
  playing: boolean;
}

export interface CompareClock {
  readonly sides: readonly CompareSide[];
  /** Every instant at which either side has an event, ascending. */
  readonly times: Float64Array;
  readonly endMs: number;
  readonly state: StoreApi<CompareClockState>;
}

/** How long before the next event playback resumes after skipping idle time (as playback.ts). */
const IDLE_LEAD_MS = 2;

export function createCompareClock(sides: readonly CompareSide[]): CompareClock {
  const times = sharedTimes(sides.map((s) => s.run));
  const state = createStore<CompareClockState>()(() => ({ timeMs: 0, start: true, playing: false }));
  const clock: CompareClock = { sides, times, endMs: times[times.length - 1] ?? 0, state };
  place(clock);
  return clock;
}

/** The union of the runs' event times, sorted, without repeats. */
export function sharedTimes(runs: readonly AppRun[]): Float64Array {
  const all = new Float64Array(runs.reduce((n, r) => n + r.events, 0));
  let k = 0;
  for (const r of runs) for (let e = 1; e <= r.events; e++) all[k++] = r.timeline.eventTimes[e] ?? 0;
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[n - 1]) all[n++] = all[i]!;
  return all.slice(0, n);
}

/** Index of the first time in `times` greater than `t`. */
function firstAfter(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Shows the clock's moment on both sides. */
function place(clock: CompareClock): void {
  const { timeMs, start } = clock.state.getState();
  for (const s of clock.sides) s.store.setState({ cursor: start ? 0 : eventAtTime(s.run.timeline, timeMs), playTimeMs: timeMs });
}

function goTo(clock: CompareClock, timeMs: number, start: boolean, playing: boolean): void {
  clock.state.setState({ timeMs, start, playing });
  place(clock);
}

/** Moves both sides to time `t` (clamped to the run), paused; 0 is the start. */
export function moveTo(clock: CompareClock, t: number): void {
  const timeMs = Math.max(0, Math.min(clock.endMs, t));
  goTo(clock, timeMs, timeMs === 0, false);
}

export function stepForward(clock: CompareClock): void {
  const { timeMs, start } = clock.state.getState();
  const next = start ? clock.times[0] : clock.times[firstAfter(clock.times, timeMs)];
  if (next !== undefined) goTo(clock, next, false, false);
  else goTo(clock, timeMs, start, false);
}

export function stepBack(clock: CompareClock): void {
  const { timeMs, start } = clock.state.getState();
  // The last shared time before t: t itself may be one, or lie between two.
  let i = firstAfter(clock.times, timeMs) - 1;
  if (i >= 0 && clock.times[i]! >= timeMs) i--;
  if (i >= 0 && !start) goTo(clock, clock.times[i]!, false, false);
  else goTo(clock, 0, true, false);
}

export function play(clock: CompareClock): void {
  const { timeMs, start } = clock.state.getState();
  // At the end, Play starts over, as the main Play does.
  if (timeMs >= clock.endMs && !start) goTo(clock, 0, true, true);
  else goTo(clock, timeMs, start, true);
}

export function pause(clock: CompareClock): void {
  clock.state.setState({ playing: false });
}

export function togglePlay(clock: CompareClock): void {
  if (clock.state.getState().playing) pause(clock);
  else play(clock);
}

/** Advances playback by `dtMs` of real time at speed 2^`speed`. False once stopped. */
export function advance(clock: CompareClock, dtMs: number, speed: number): boolean {
  const { timeMs, playing } = clock.state.getState();
  if (!playing) return false;
  let t = timeMs + (dtMs / 1000) * BASE_RATE * 2 ** speed;
  const next = clock.times[firstAfter(clock.times, timeMs)];
  const idle = clock.sides.every((s) => s.run.timeline.at(s.store.getState().cursor).inFlight.size === 0);
  if (idle && next !== undefined && next - IDLE_LEAD_MS > t) t = next - IDLE_LEAD_MS;
  if (t >= clock.endMs) {
    goTo(clock, clock.endMs, false, false);
    return false;
  }
  goTo(clock, t, false, true);
  return true;
}

/** A key pressed with focus in the compare view (or on no control at all):
 *  Space plays or pauses, ← / → step both sides, Home / End jump to the
 *  ends. True when the key was taken. */
export function compareKey(clock: CompareClock, key: string): boolean {
  switch (key) {
    case ' ':
      togglePlay(clock);
      return true;
    case 'ArrowRight':
      stepForward(clock);
      return true;
    case 'ArrowLeft':
      stepBack(clock);
      return true;
    case 'Home':
      goTo(clock, 0, true, false);
      return true;
    case 'End':
      moveTo(clock, clock.endMs);
      return true;
    default:
      return false;
  }
}
