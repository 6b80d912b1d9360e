// Acting in the past forks the run: the steps that had not run are dropped,
// the page says how many, and Undo brings them back.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../scenario';
import { act, seek, undoFork } from './actions';
import { runOf } from './run';
import { createAppStore } from './store';

describe('act', () => {
  it('at position 0 says how many later steps it dropped, and Undo restores them where they were', () => {
    const scenario = structuredClone(DEFAULT_SCENARIO);
    const store = createAppStore(scenario, 0);
    act(store, { do: 'kill', node: 'n2' });
    const { fork } = store.getState();
    expect(fork).toMatchObject({ dropped: scenario.steps.length, atMs: 0, cursor: 0 });
    expect(store.getState().scenario.steps).toEqual([{ at: 0, do: 'kill', node: 'n2' }]);
    undoFork(store);
    expect(store.getState().scenario).toBe(scenario);
    expect(store.getState().cursor).toBe(0);
    expect(store.getState().fork).toBeNull();
  });

  it('at the end of the run drops nothing and says nothing', () => {
    const scenario = structuredClone(DEFAULT_SCENARIO);
    const store = createAppStore(scenario, 0);
    seek(store, runOf(scenario).events);
    act(store, { do: 'kill', node: 'n2' });
    expect(store.getState().fork).toBeNull();
    expect(store.getState().scenario.steps).toHaveLength(scenario.steps.length + 1);
  });
});
