// Opening and following a built-in lesson.

import { LESSONS, lessonById, type Lesson } from '../../scenario/lessons';
import type { SimScenario } from '../../sim/types';
import { loadScenario } from '../state/actions';
import { focusOf } from './stageFocus';
import type { AppState, AppStore } from '../state/store';

export function openLesson(store: AppStore, id: string): void {
  const lesson = lessonById(id);
  if (!lesson) return;
  loadScenario(store, lesson.scenario);
  // No key is marked until a stage names one: at the start, nothing may exist yet.
  store.setState({ lessonId: id, answers: {}, stage: null, ...focusOf(lesson, 0) });
}

export function leaveLesson(store: AppStore): void {
  store.setState({ lessonId: null, answers: {}, stage: null });
}

export function answer(store: AppStore, stage: number, choice: number): void {
  store.setState((s) => ({ answers: { ...s.answers, [stage]: choice } }));
}

/** The lesson being followed, if the scenario is still the lesson's own
 *  (an edit forks the run, and the narration no longer applies). */
export function activeLesson(s: Pick<AppState, 'lessonId' | 'scenario'>): Lesson | undefined {
  if (s.lessonId === null) return undefined;
  const lesson = lessonById(s.lessonId);
  return lesson && sameScenario(lesson.scenario, s.scenario) ? lesson : undefined;
}

const json = new WeakMap<SimScenario, string>();
function jsonOf(s: SimScenario): string {
  let j = json.get(s);
  if (j === undefined) json.set(s, (j = JSON.stringify(s)));
  return j;
}

export function sameScenario(a: SimScenario, b: SimScenario): boolean {
  return a === b || jsonOf(a) === jsonOf(b);
}

/** A scenario opened from a link that is exactly a lesson's gets its narration back. */
export function lessonFor(scenario: SimScenario): Lesson | undefined {
  return LESSONS.find((l) => sameScenario(l.scenario, scenario));
}
