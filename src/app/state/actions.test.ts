// Acting in the past forks the run: the steps that had not run are dropped,
// the page says how many, and Undo brings them back.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../scenario';
import { act, loadScenario, seek, undoFork } from './actions';
import { LESSONS } from '../../scenario/lessons';
import { runOf } from './run';
import { createAppStore, firstKey } from './store';

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

  // The default run ends with two deliveries at 40 ms. A kill placed at
  // exactly 40 ms ran before them, so the page moved back one event and
  // showed both responses in flight again.
  it('at the end of the run leaves the cursor after everything that happened and the new step', () => {
    const scenario = structuredClone(DEFAULT_SCENARIO);
    const store = createAppStore(scenario, 0);
    const before = runOf(scenario);
    seek(store, before.events);
    act(store, { do: 'kill', node: 'n3' });
    const { scenario: next, cursor } = store.getState();
    const after = runOf(next);
    const kill = next.steps.length - 1;
    expect(after.stepEvent[kill], 'the kill runs after every event of the old run').toBe(before.events + 1);
    expect(cursor).toBe(before.events + 1);
    expect(after.timeline.at(cursor).inFlight.size, 'nothing delivered is in flight again').toBe(0);
    expect(after.timeline.at(cursor).metrics).toEqual(before.timeline.at(before.events).metrics);
    expect(next.steps[kill]!.at).toBeGreaterThan(before.timeline.eventTimes[before.events]!);
    expect(next.steps[kill]!.at).toBeLessThan(before.timeline.eventTimes[before.events]! + 0.01);
  });

  it('just after a step, at the same instant, keeps that instant', () => {
    const scenario = structuredClone(DEFAULT_SCENARIO);
    const store = createAppStore(scenario, 0);
    const get = runOf(scenario).stepEvent[1]!;
    seek(store, get);
    act(store, { do: 'kill', node: 'n3' });
    const { scenario: next, cursor } = store.getState();
    expect(next.steps.at(-1)).toEqual({ at: scenario.steps[1]!.at, do: 'kill', node: 'n3' });
    expect(cursor).toBe(get + 1);
  });
});

describe('the selection across an edit, Undo, Back or Forward', () => {
  it('an edit keeps the key even when it forks away the steps that name it', () => {
    const lesson = LESSONS.find((l) => l.id === 'hinted-handoff')!;
    const store = createAppStore(structuredClone(lesson.scenario), 0);
    expect(store.getState().selectedKey).toBe('inbox');
    store.setState({ selectedNode: 'n2' });
    // At 0 ms a kill forks away every later step: none names 'inbox' now.
    act(store, { do: 'kill', node: 'n3' });
    const fork = store.getState().scenario;
    expect(fork.steps.some((st) => 'key' in st)).toBe(false);
    expect(store.getState()).toMatchObject({ selectedKey: 'inbox', selectedNode: 'n2' });
    undoFork(store);
    expect(store.getState()).toMatchObject({ selectedKey: 'inbox', selectedNode: 'n2' });
  });

  it('Back to a scenario that names other keys gives way to its first key; one that names none keeps it', () => {
    const lesson = LESSONS.find((l) => l.id === 'hinted-handoff')!;
    const store = createAppStore(structuredClone(lesson.scenario), 0);
    store.setState({ selectedNode: 'n2' });
    const back = structuredClone(DEFAULT_SCENARIO);
    loadScenario(store, back, { keepSelection: 'history' });
    expect(store.getState().selectedKey).toBe(firstKey(back));
    expect(store.getState().selectedKey).not.toBe('inbox');
    expect(store.getState().selectedNode).toBe('n2');
    store.setState({ selectedKey: 'inbox' });
    loadScenario(store, { ...back, steps: [{ at: 0, do: 'kill', node: 'n3' }] }, { keepSelection: 'history' });
    expect(store.getState().selectedKey).toBe('inbox');
  });

  it('unselects a node the next cluster lacks', () => {
    const store = createAppStore(structuredClone(DEFAULT_SCENARIO), 0);
    store.setState({ selectedKey: 'typed-by-hand', selectedNode: 'n5' });
    const small = structuredClone(DEFAULT_SCENARIO);
    small.cluster = { ...small.cluster, nodes: small.cluster.nodes.filter((n) => n !== 'n5') };
    loadScenario(store, small, { keepSelection: 'edit' });
    expect(store.getState()).toMatchObject({ selectedKey: 'typed-by-hand', selectedNode: null });
  });
});
