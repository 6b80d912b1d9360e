// Playback on virtual time. While playing, virtual time advances at
// 2^speed × BASE_RATE ms per real second; the cursor follows the last event
// at or before it, and messages glide by their real latency in between.
// Idle stretches (nothing in flight) are skipped so a long timer wait does
// not stall a lecture.

import { gate } from '../lessons/questionGate';
import { runOf } from './run';
import type { AppStore } from './store';

/** Virtual ms per real second at ×1: a 5 ms hop takes half a second. */
export const BASE_RATE = 10;
/** How long before the next event playback resumes after skipping idle time. */
const IDLE_LEAD_MS = 2;

/** Advance playback by `dtMs` of real time. Returns false once at the end. */
export function advance(store: AppStore, dtMs: number): boolean {
  const s = store.getState();
  if (!s.playing) return false;
  const run = runOf(s.scenario);
  const times = run.timeline.eventTimes;
  let vt = (s.playTimeMs ?? times[s.cursor] ?? 0) + (dtMs / 1000) * BASE_RATE * 2 ** s.speed;
  let cursor = s.cursor;
  const view = run.timeline.at(cursor);
  const next = times[cursor + 1];
  if (view.inFlight.size === 0 && next !== undefined && next - IDLE_LEAD_MS > vt) vt = next - IDLE_LEAD_MS;
  while (cursor < run.events && times[cursor + 1]! <= vt) cursor++;
  // Playing towards a lesson stage: stop there and show it.
  if (s.playTo && cursor >= s.playTo.event) {
    store.setState({ cursor: s.playTo.event, stage: s.playTo.stage, playing: false, playTimeMs: null, playTo: null });
    return false;
  }
  // A lesson's open question stops playback where it is asked.
  const held = gate(s, cursor);
  if (held.stage !== null) {
    store.setState({ cursor: held.event, stage: held.stage, playing: false, playTimeMs: null });
    return false;
  }
  if (cursor >= run.events) {
    store.setState({ cursor: run.events, playing: false, playTimeMs: null });
    return false;
  }
  store.setState({ cursor, playTimeMs: vt });
  return true;
}
