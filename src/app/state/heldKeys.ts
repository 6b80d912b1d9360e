// Keys pressed while a heavy run is still being simulated. There is no
// Timeline to move yet, so a Timeline key is held with the run (runLoader.ts
// `holdKey`), named at once beside the progress bar (the page answers the
// key press), and carried out in order the moment the run is ready: a
// student who presses End while the page says "Simulating…" lands at the end
// instead of having the key dropped. Cancel, or another scenario, drops what
// was held with the run it was meant for.

/** Runs of keys kept: a key pressed again in a row (a held-down arrow
 *  repeats) counts in its run, so only a long alternation reaches this; past
 *  it the oldest run gives way, since the last keys say where to go. */
export const HELD_RUNS_MAX = 50;

/** A key and how many times it was pressed in a row. */
export type HeldRun = readonly [key: string, times: number];

/** `runs` with `key` pressed next. */
export function withKey(runs: readonly HeldRun[], key: string): readonly HeldRun[] {
  const last = runs.at(-1);
  if (last?.[0] === key) return [...runs.slice(0, -1), [key, last[1] + 1]];
  return [...runs.slice(runs.length >= HELD_RUNS_MAX ? 1 : 0), [key, 1]];
}
