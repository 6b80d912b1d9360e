// Predictions hold: in a lesson, nothing moves the Timeline past a stage
// whose question the student has not answered (or skipped). Playing,
// stepping, dragging, End and the log all stop there, and the question is
// shown; nothing beyond it — a verdict mark, a log line — is shown either.

import type { AppState } from '../state/store';
import { cachedRun } from '../state/run';
import { activeLesson } from './lessonState';
import { lessonStages } from './stages';

/** An answer that records "skipped" rather than a choice. */
export const SKIPPED = -1;

type GateState = Pick<AppState, 'scenario' | 'lessonId' | 'answers' | 'cursor'>;

/** The first stage at or after the cursor whose question is still open,
 *  and the Timeline position it holds the class at; null outside a lesson,
 *  or when no open question lies ahead. (A link may open a lesson beyond a
 *  question: that one no longer blocks, as if it had been skipped.) */
export function pendingQuestion(s: GateState): { stage: number; event: number } | null {
  const lesson = activeLesson(s);
  const run = cachedRun(s.scenario);
  if (!lesson || !run) return null;
  const stops = lessonStages(run.timeline, lesson.stages.map((st) => st.atMs));
  const i = lesson.stages.findIndex((stage, k) => stage.predict !== undefined && s.answers[k] === undefined && stops[k]! >= s.cursor);
  if (i < 0) return null;
  return { stage: i, event: stops[i]! };
}

/** How far the Timeline may show: up to the open question ahead, else everything. */
export function horizon(s: GateState): number {
  return pendingQuestion(s)?.event ?? Infinity;
}

/** Where a move to `event` lands: held at the open question ahead if it
 *  lies between, with that question's stage shown. */
export function gate(s: GateState, event: number): { event: number; stage: number | null } {
  const open = pendingQuestion(s);
  if (!open || event <= open.event) return { event, stage: null };
  return { event: open.event, stage: open.stage };
}
