// The stage stops of what is open: a lesson's narration stages, or the
// scenario's steps; which stage is shown; and moving between stages.

import type { AppState, AppStore } from '../state/store';
import { runOf, type AppRun } from '../state/run';
import { readyRun } from '../state/runLoader';
import { seek } from '../state/actions';
import { currentStage, lessonStages, stepStages } from './stages';
import { activeLesson } from './lessonState';

type StageState = Pick<AppState, 'scenario' | 'lessonId' | 'cursor' | 'stage' | 'answers'>;

const stopsOf = new WeakMap<AppRun, Map<string | null, readonly number[]>>();

/** No stops while the run is still being computed (in a worker): this is
 *  read by store selectors on every change, and must never simulate a heavy
 *  scenario on the page's thread. */
export function stageStops(s: Pick<AppState, 'scenario' | 'lessonId'>): readonly number[] {
  const run = readyRun(s.scenario);
  if (!run) return [];
  const lesson = activeLesson(s);
  // Several selectors read this on every store change (each Timeline move):
  // the stops of a run and lesson are found once, not at every event.
  let byLesson = stopsOf.get(run);
  if (!byLesson) stopsOf.set(run, (byLesson = new Map<string | null, readonly number[]>()));
  const key = lesson?.id ?? null;
  let stops = byLesson.get(key);
  if (!stops) {
    stops = lesson ? lessonStages(run.timeline, lesson.stages.map((st) => st.atMs)) : stepStages(run.stepEvent, run.events);
    byLesson.set(key, stops);
  }
  return stops;
}

/** The stage shown: the one the user moved to while the cursor has not
 *  passed another stop (it stays shown while Next stage plays the messages
 *  towards the next one, even when it shares its stop with the stage
 *  before), else the last stage at or before the cursor (-1: before the
 *  first). */
export function shownStage(s: StageState): { stops: readonly number[]; index: number } {
  const stops = stageStops(s);
  const byCursor = currentStage(stops, s.cursor);
  const index = s.stage !== null && byCursor >= 0 && stops[s.stage] === stops[byCursor] ? s.stage : byCursor;
  return { stops, index };
}

/** A lesson stage asking a prediction holds the class there until it is
 *  answered (or skipped, which is recorded as SKIPPED). */
export function waitsForAnswer(s: StageState, index: number): boolean {
  const lesson = activeLesson(s);
  return lesson?.stages[index]?.predict !== undefined && s.answers[index] === undefined;
}

export function goToStage(store: AppStore, index: number): void {
  const { stops } = shownStage(store.getState());
  if (index < 0) {
    seek(store, 0);
    store.setState({ stage: null });
    return;
  }
  const at = stops[index];
  if (at === undefined) return;
  seek(store, at);
  store.setState({ stage: index });
}

/** Next stage: plays the messages between here and there (they are what the
 *  stage is about), then shows it. Pressed again while it plays, it
 *  arrives at once. Going back, or to a stage at this very event, jumps. */
export function stageForward(store: AppStore): void {
  const s = store.getState();
  if (s.playing && s.playTo) {
    store.setState({ cursor: s.playTo.event, stage: s.playTo.stage, playing: false, playTimeMs: null, playTo: null });
    return;
  }
  const { stops, index } = shownStage(s);
  if (index + 1 >= stops.length || (index >= 0 && waitsForAnswer(s, index))) return;
  const target = stops[index + 1]!;
  if (target <= s.cursor) {
    goToStage(store, index + 1);
    return;
  }
  const times = runOf(s.scenario).timeline.eventTimes;
  store.setState({ playing: true, playTimeMs: times[s.cursor] ?? 0, playTo: { event: target, stage: index + 1 } });
}

/** Back to the start of the current stage if the cursor has moved past
 *  it (as a player's "previous" does), else to the stage before. */
export function stageBack(store: AppStore): void {
  const s = store.getState();
  const { stops, index } = shownStage(s);
  goToStage(store, index >= 0 && s.cursor > stops[index]! ? index : index - 1);
}
