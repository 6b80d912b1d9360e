// Keys pressed while a heavy run is still being simulated. There is no
// Timeline to move yet, so a Timeline key is held, named at once beside the
// progress bar (the page answers the key press), and carried out in order
// the moment the run is ready: a student who presses End while the page says
// "Simulating…" lands at the end instead of having the key dropped. Cancel,
// or another scenario, drops what was held with the run it was meant for.

import type { SimScenario } from '../../sim/types';
import type { AppStore } from './store';
import { whenReady } from './runLoader';

/** More keys than anyone presses while waiting: a held-down arrow repeats. */
export const HELD_KEYS_MAX = 50;

interface Held {
  scenario: SimScenario;
  keys: readonly string[];
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
export function heldKeys(scenario: SimScenario): readonly string[] {
  return held?.scenario === scenario ? held.keys : NONE;
}
const NONE: readonly string[] = [];

/** Hold `key` until the run of the store's scenario is ready, then hand each
 *  held key, in order, to `carryOut`, if that scenario is still the one shown. */
export function holdKey(store: AppStore, key: string, carryOut: (key: string) => void): void {
  const scenario = store.getState().scenario;
  if (held?.scenario === scenario) {
    if (held.keys.length < HELD_KEYS_MAX) set({ scenario, keys: [...held.keys, key] });
    return;
  }
  set({ scenario, keys: [key] });
  whenReady(scenario, () => {
    if (held?.scenario !== scenario) return;
    const keys = held.keys;
    set(null);
    if (store.getState().scenario !== scenario) return;
    for (const k of keys) carryOut(k);
  });
}
