// Keys held while a heavy run is simulated: a key pressed in a row counts in
// its run, so a held-down arrow never crowds out the End pressed after it.
import { describe, expect, it } from 'vitest';
import { HELD_RUNS_MAX, withKey, type HeldRun } from './heldKeys';

function press(keys: string[]): readonly HeldRun[] {
  let runs: readonly HeldRun[] = [];
  for (const k of keys) runs = withKey(runs, k);
  return runs;
}

describe('held keys', () => {
  it('count a key pressed in a row once, with how many times', () => {
    expect(press(['ArrowRight', 'ArrowRight', 'ArrowRight', 'End', 'ArrowLeft'])).toEqual([
      ['ArrowRight', 3],
      ['End', 1],
      ['ArrowLeft', 1],
    ]);
  });

  it('keep the last key after a thousand repeats of an arrow', () => {
    const runs = press([...Array<string>(1000).fill('ArrowRight'), 'End']);
    expect(runs).toEqual([
      ['ArrowRight', 1000],
      ['End', 1],
    ]);
  });

  it('past the limit of runs, let the oldest go and keep the newest', () => {
    const keys = Array.from({ length: HELD_RUNS_MAX + 10 }, (_, i) => (i % 2 === 0 ? 'Home' : 'End'));
    const runs = press(keys);
    expect(runs).toHaveLength(HELD_RUNS_MAX);
    expect(runs.at(-1)).toEqual([keys.at(-1), 1]);
    expect(runs[0]).toEqual([keys[10], 1]);
  });
});
