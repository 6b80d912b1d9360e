// What a person can do, as functions of the store. Editing appends a step
// at the current virtual time; acting in the past forks: steps that had not
// run yet are dropped, as in an undo history.

import type { NodeId, SimScenario, Step } from '../../sim/types';
import { cachedRun, runOf } from './run';
import { actionTime } from './actionTime';
import { readyRun, whenReady } from './runLoader';
import { gate } from '../lessons/questionGate';
import { firstKey, type AppState, type AppStore, type ExplainTab } from './store';

/** Move the Timeline to `event` — or, in a lesson, no further than the
 *  first question not answered yet (questionGate.ts). */
export function seek(store: AppStore, event: number): void {
  const state = store.getState();
  const max = runOf(state.scenario).events;
  const held = gate(state, Math.max(0, Math.min(max, Math.round(event))));
  store.setState({ cursor: held.event, playTimeMs: null, playing: false, playTo: null, ...(held.stage !== null ? { stage: held.stage } : {}) });
}

export function stepForward(store: AppStore): void {
  seek(store, store.getState().cursor + 1);
}

export function stepBack(store: AppStore): void {
  seek(store, store.getState().cursor - 1);
}

export function reset(store: AppStore): void {
  seek(store, 0);
}

export function play(store: AppStore): void {
  const state = store.getState();
  const run = runOf(state.scenario);
  // At the end, Play starts over, as a video player does.
  const from = state.cursor >= run.events ? 0 : state.cursor;
  // Held at an open question: show it instead of playing past.
  const held = gate(state, from + 1);
  if (held.event <= from && held.stage !== null) {
    store.setState({ cursor: from, stage: held.stage, playing: false, playTimeMs: null, playTo: null });
    return;
  }
  store.setState({ playing: true, cursor: from, playTimeMs: run.timeline.eventTimes[from] ?? 0, playTo: null });
}

export function pause(store: AppStore): void {
  store.setState({ playing: false, playTimeMs: null, playTo: null });
}

export function togglePlay(store: AppStore): void {
  if (store.getState().playing) pause(store);
  else play(store);
}

export function setSpeed(store: AppStore, speed: number): void {
  store.setState({ speed });
}

export function selectNode(store: AppStore, node: NodeId | null): void {
  store.setState(node === null ? { selectedNode: null } : { selectedNode: node, tab: 'node' });
}

export function selectKey(store: AppStore, key: string | null): void {
  store.setState({ selectedKey: key });
}

export function selectOp(store: AppStore, op: number | null): void {
  store.setState({ selectedOp: op, tab: 'request' });
}

/** Open the Machine tab on one machine (a `subjectKey`), or on the default one. */
export function showMachine(store: AppStore, machine: string | null): void {
  store.setState({ machine, tab: 'machine' });
}

export function setTab(store: AppStore, tab: ExplainTab): void {
  store.setState({ tab });
}

export function showAlert(store: AppStore, alert: string | null): void {
  store.setState({ alert });
}

/** Virtual time at the cursor. */
export function nowMs(store: AppStore): number {
  const { scenario, cursor } = store.getState();
  return runOf(scenario).timeline.eventTimes[cursor] ?? 0;
}

/** Append a step at the current virtual time, after what has happened at
 *  that instant (actionTime.ts). Steps that had not run by the cursor are
 *  dropped (a fork); the cursor moves to the new step's event so its effect
 *  shows at once. */
export function act(store: AppStore, step: DistributiveOmitAt<Step>): void {
  const { scenario, cursor } = store.getState();
  const run = runOf(scenario);
  const ranSteps = new Set(run.stepEvent);
  const at = actionTime(run.timeline.eventTimes, run.events, cursor, (e) => ranSteps.has(e));
  const kept = scenario.steps.filter((_, i) => run.stepEvent[i]! > 0 && run.stepEvent[i]! <= cursor);
  const next: SimScenario = { ...scenario, steps: [...kept, { ...step, at }] };
  const dropped = scenario.steps.length - kept.length;
  loadScenario(store, next, { keepSelection: 'edit' });
  // Forking drops the steps that had not run yet: say so where it happens, with an undo.
  store.setState({ fork: dropped > 0 ? { dropped, atMs: at, before: scenario, cursor } : null });
  whenReady(next, (nextRun) => {
    if (store.getState().scenario === next) store.setState({ cursor: nextRun.stepEvent[next.steps.length - 1] ?? cursor });
  });
}

/** Go back to the scenario a fork replaced, at the position it was acted on. */
export function undoFork(store: AppStore): void {
  const { fork } = store.getState();
  if (!fork) return;
  loadScenario(store, fork.before, { at: fork.cursor, keepSelection: 'edit' });
  store.setState({ fork: null });
}

/** How a load keeps the selection: `edit` (an edit, Undo, the scenario
 *  editor: the same scenario, changed), `history` (Back or Forward, which may
 *  land on another scenario altogether); without it, the selection starts over. */
export type KeepSelection = 'edit' | 'history';

/** Show `scenario`, at event `at` (clamped to its run). A heavy run is
 *  computed in a worker first: the cursor is placed when it is ready, and
 *  Cancel goes back to what was shown before. */
export function loadScenario(store: AppStore, scenario: SimScenario, opts: { at?: number; keepSelection?: KeepSelection } = {}): void {
  const prev = store.getState();
  const clamp = (events: number) => Math.max(0, Math.min(events, opts.at ?? 0));
  const run = readyRun(scenario);
  store.setState({
    scenario,
    cursor: run ? clamp(run.events) : 0,
    playing: false,
    playTimeMs: null,
    fork: null,
    ...(opts.keepSelection
      ? keptSelection(prev, scenario, opts.keepSelection)
      : { selectedNode: null, selectedOp: null, machine: null, selectedKey: firstKey(scenario), tab: 'request' as const }),
  });
  if (!run) {
    const before = cachedRun(prev.scenario) ? { scenario: prev.scenario, cursor: prev.cursor } : null;
    whenReady(scenario, (ready) => {
      if (store.getState().scenario === scenario) store.setState({ cursor: clamp(ready.events) });
    }, before);
  }
}

/** The selection kept where it still means something in the scenario shown
 *  next. An edit keeps the key (killing a node that forks away the steps
 *  naming the key is still about that key); Back or Forward keeps it unless
 *  the scenario shown names other keys and not it, so Back from a lesson to
 *  the default scenario does not leave the lesson's key marked on a ring
 *  where nothing uses it. A node the new cluster lacks is unselected. */
function keptSelection(prev: AppState, scenario: SimScenario, how: KeepSelection): Pick<AppState, 'selectedKey' | 'selectedNode'> {
  const key = prev.selectedKey;
  const first = firstKey(scenario);
  const gone = key === null || (how === 'history' && first !== null && !namesKey(scenario, key));
  const node = prev.selectedNode;
  return { selectedKey: gone ? first : key, selectedNode: node !== null && scenario.cluster.nodes.includes(node) ? node : null };
}

function namesKey(scenario: SimScenario, key: string): boolean {
  return scenario.steps.some((s) => 'key' in s && s.key === key);
}

export type DistributiveOmitAt<T> = T extends unknown ? Omit<T, 'at'> : never;

export function setPresenter(store: AppStore, presenter: boolean): void {
  store.setState({ presenter });
}
