// The store holds only what a person chose: the scenario, the cursor on
// the timeline, playback, speed and selection. Everything else (replica
// states, metrics, message positions) is derived from the run at the cursor.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { NodeId, SimScenario } from '../../sim/types';

export type ExplainTab = 'request' | 'node' | 'merkle' | 'machine';

export interface AppState {
  scenario: SimScenario;
  /** Kernel events applied: the Timeline's value. */
  cursor: number;
  playing: boolean;
  /** log2 of the playback multiplier (0 = ×1). */
  speed: number;
  /** Virtual time shown while playing (messages glide between events);
   *  null when paused: the view is then exactly at the cursor's event. */
  playTimeMs: number | null;
  selectedNode: NodeId | null;
  selectedKey: string | null;
  selectedOp: number | null;
  /** The machine the Machine tab shows (machine/machineAt.ts `subjectKey`);
   *  null: the request the Request tab shows, else the selected node's replica. */
  machine: string | null;
  tab: ExplainTab;
  /** A problem to announce (role="alert"): a bad link, a rejected edit. */
  alert: string | null;
  /** Presenter mode: large type, narration as a caption, controls tucked away. */
  presenter: boolean;
  /** The built-in lesson being followed, if any. */
  lessonId: string | null;
  /** Prediction answers chosen, by lesson stage index. */
  answers: Record<number, number>;
  /** The stage the user moved to with Next/Previous stage. Two stages can sit
   *  on the same event; this says which one is shown while the cursor stays
   *  there (null: the last stage at or before the cursor). */
  stage: number | null;
  /** The last action dropped steps that had not run yet (a fork): how many,
   *  and what to go back to. Cleared by the next load. */
  fork: { dropped: number; atMs: number; before: SimScenario; cursor: number } | null;
  /** Playing towards a lesson stage (Next stage animates the messages in
   *  between): where playback stops, and the stage then shown. */
  playTo: { event: number; stage: number } | null;
}

export type AppStore = StoreApi<AppState>;

export function createAppStore(scenario: SimScenario, cursor = 0): AppStore {
  return createStore<AppState>()(() => ({
    scenario,
    cursor,
    playing: false,
    speed: 0,
    playTimeMs: null,
    selectedNode: null,
    selectedKey: firstKey(scenario),
    selectedOp: null,
    machine: null,
    tab: 'request',
    alert: null,
    presenter: false,
    lessonId: null,
    answers: {},
    stage: null,
    fork: null,
    playTo: null,
  }));
}

export function firstKey(s: SimScenario): string | null {
  for (const step of s.steps) if ('key' in step) return step.key;
  return null;
}

export function useApp<T>(store: AppStore, selector: (s: AppState) => T): T {
  return useStore(store, selector);
}
