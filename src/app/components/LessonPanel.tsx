// The narration of the lesson being followed: the stage's text, the
// "predict, then reveal" question before its key step, and stage buttons.

import { useAppState, useAppStore } from '../context';
import { useRun } from '../state/derived';
import { seek } from '../state/actions';
import { activeLesson, answer, leaveLesson } from '../lessons/lessonState';
import { currentStage, lessonStages, nextStop, previousStop } from '../lessons/stages';

export function LessonPanel({ onCompare }: { onCompare: () => void }) {
  const store = useAppStore();
  const lesson = useAppState(activeLesson);
  const cursor = useAppState((s) => s.cursor);
  const answers = useAppState((s) => s.answers);
  const run = useRun();
  if (!lesson) return null;
  const stops = lessonStages(run.timeline, lesson.stages.map((s) => s.atMs));
  const index = currentStage(stops, cursor);
  const stage = index >= 0 ? lesson.stages[index] : undefined;
  const next = nextStop(stops, cursor);
  const prev = previousStop(stops, cursor);
  const predict = stage?.predict;
  const chosen = answers[index];
  return (
    <section className="lesson" aria-label={`Lesson ${lesson.number}: ${lesson.title}`}>
      <header className="lesson-head">
        <h2>
          Lesson {lesson.number}: {lesson.title}
        </h2>
        <span className="lesson-progress">
          stage {Math.max(0, index + 1)} of {lesson.stages.length}
        </span>
      </header>
      <p className="lesson-text">{stage ? stage.text : lesson.summary}</p>
      {predict && (
        <fieldset className="predict">
          <legend>Predict: {predict.question}</legend>
          {predict.choices.map((c, i) => (
            <button
              key={i}
              type="button"
              aria-pressed={chosen === i}
              className={chosen === undefined ? '' : i === predict.answer ? 'right' : chosen === i ? 'wrong' : ''}
              disabled={chosen !== undefined}
              onClick={() => answer(store, index, i)}
            >
              {c}
            </button>
          ))}
          {chosen !== undefined && (
            <p className="reveal" role="status">
              {chosen === predict.answer ? 'Right. ' : `Not quite: the answer is “${predict.choices[predict.answer]}”. `}
              {predict.explanation}
            </p>
          )}
        </fieldset>
      )}
      <div className="tool-row">
        <button type="button" disabled={prev === undefined && cursor === 0} onClick={() => seek(store, prev ?? 0)}>
          Previous stage
        </button>
        <button
          type="button"
          disabled={next === undefined || (predict !== undefined && chosen === undefined)}
          title={predict && chosen === undefined ? 'Answer the question first' : 'PageDown'}
          onClick={() => next !== undefined && seek(store, next)}
        >
          Next stage
        </button>
        {lesson.compare && (
          <button type="button" onClick={onCompare}>
            Compare: {lesson.compare.a.label} vs {lesson.compare.b.label}
          </button>
        )}
        <button type="button" onClick={() => leaveLesson(store)}>
          Leave lesson
        </button>
      </div>
    </section>
  );
}
