// Stages: the stops a presenter advances through with one key. In a lesson
// they are its narration stages; in any other scenario, the moment just
// before each next step (so every step's consequences have played out).

import type { Timeline } from '../../sim/timeline';

/** The last event at or before virtual time `atMs` (0 if none). */
export function eventAtTime(timeline: Timeline, atMs: number): number {
  const times = timeline.eventTimes;
  let lo = 0;
  let hi = timeline.events;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (times[mid]! <= atMs) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Stage positions for a plain scenario: just before each step after the
 *  first, then the end. */
export function stepStages(stepEvent: readonly number[], events: number): number[] {
  const stops = new Set<number>();
  const sorted = [...stepEvent].filter((e) => e > 0).sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) if (sorted[i]! - 1 > 0) stops.add(sorted[i]! - 1);
  stops.add(events);
  return [...stops].sort((a, b) => a - b);
}

/** Stage positions for a lesson: the last event at or before each stage's time. */
export function lessonStages(timeline: Timeline, stageTimes: readonly number[]): number[] {
  return stageTimes.map((t) => eventAtTime(timeline, t));
}

/** Index of the stage the cursor is in: the (first) stage at the last stop at or before it (-1 before the first). */
export function currentStage(stops: readonly number[], cursor: number): number {
  let k = -1;
  for (let i = 0; i < stops.length; i++) if (stops[i]! <= cursor) k = i;
  // Several stages may sit on one event: arriving there shows the first of
  // them, and Next stage then reads the others without moving the cursor.
  while (k > 0 && stops[k - 1] === stops[k]) k--;
  return k;
}

export function nextStop(stops: readonly number[], cursor: number): number | undefined {
  return stops.find((s) => s > cursor);
}

export function previousStop(stops: readonly number[], cursor: number): number | undefined {
  let prev: number | undefined;
  for (const s of stops) if (s < cursor) prev = s;
  return prev;
}
