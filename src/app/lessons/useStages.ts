// The stage stops of what is open: a lesson's narration stages, or the
// scenario's steps.

import type { AppState } from '../state/store';
import { runOf } from '../state/run';
import { lessonStages, stepStages } from './stages';
import { activeLesson } from './lessonState';

export function stageStops(s: Pick<AppState, 'scenario' | 'lessonId'>): number[] {
  const run = runOf(s.scenario);
  const lesson = activeLesson(s);
  if (lesson) return lessonStages(run.timeline, lesson.stages.map((st) => st.atMs));
  return stepStages(run.stepEvent, run.events);
}
