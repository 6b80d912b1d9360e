// Keys pressed while a heavy run is still being simulated. There is no
// Timeline to move yet, so a Timeline key is held, named at once beside the
// progress bar (the page answers the key press), and carried out in order
// the moment the run is ready: a student who presses End while the page says
// "Simulating…" lands at the end instead of having the key dropped. Cancel,
// or another scenario, drops what was held with the run it was meant for.

import type { SimScenario } from '../../sim/types';
import type { AppStore } from './store';
import { whenReady } from './runLoader';

/** Runs of keys kept: a key pressed again in a row (a held-down arrow
 *  repeats) counts in its run, so only a long alternation reaches this; past
 *  it the oldest run gives way, since the last keys say where to go. */
export const HELD_RUNS_MAX = 50;

/** A key and how many times it was pressed in a row. */
export type HeldRun = readonly [key: string, times: number];

interface Held {
  scenario: SimScenario;
  runs: readonly HeldRun[];
}

let held: Held | null = null;
const listeners = new Set<() => void>();

function set(next: Held | null): void {
  held = next;
  for (const l of listeners) l();
}

export function subscribeHeldKeys(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The keys held for `scenario`'s run, oldest first (the same array until one is added). */
export function heldKeys(scenario: SimScenario): readonly HeldRun[] {
  return held?.scenario === scenario ? held.runs : NONE;
}
const NONE: readonly HeldRun[] = [];

/** `runs` with `key` pressed next. */
export function withKey(runs: readonly HeldRun[], key: string): readonly HeldRun[] {
  const last = runs.at(-1);
  if (last?.[0] === key) return [...runs.slice(0, -1), [key, last[1] + 1]];
  return [...runs.slice(runs.length >= HELD_RUNS_MAX ? 1 : 0), [key, 1]];
}

/** Hold `key` until the run of the store's scenario is ready, then hand each
 *  held key, in order, to `carryOut`, if that scenario is still the one shown. */
export function holdKey(store: AppStore, key: string, carryOut: (key: string) => void): void {
  const scenario = store.getState().scenario;
  if (held?.scenario === scenario) {
    set({ scenario, runs: withKey(held.runs, key) });
    return;
  }
  set({ scenario, runs: [[key, 1]] });
  whenReady(scenario, () => {
    if (held?.scenario !== scenario) return;
    const runs = held.runs;
    set(null);
    if (store.getState().scenario !== scenario) return;
    for (const [k, times] of runs) for (let i = 0; i < times; i++) carryOut(k);
  });
}
