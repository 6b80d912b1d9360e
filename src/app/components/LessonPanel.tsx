// The narration of the lesson being followed: the stage's text, the
// "predict, then reveal" question before its key step, and stage buttons.

import { useEffect, useRef } from 'react';
import { useAppState, useAppStore } from '../context';
import { activeLesson, answer, leaveLesson } from '../lessons/lessonState';
import { focusOf } from '../lessons/stageFocus';
import { SKIPPED } from '../lessons/questionGate';
import { shownStage, stageBack, stageForward, waitsForAnswer } from '../lessons/useStages';
import { useHeightVar } from '../layout/useHeightVar';
import { usePhoneLayout } from '../layout/phone';

export function LessonPanel({ onCompare }: { onCompare: () => void }) {
  const store = useAppStore();
  const lesson = useAppState(activeLesson);
  const cursor = useAppState((s) => s.cursor);
  const answers = useAppState((s) => s.answers);
  const stageChoice = useAppState((s) => s.stage);
  const scenario = useAppState((s) => s.scenario);
  const lessonId = useAppState((s) => s.lessonId);
  const state = { scenario, lessonId, cursor, stage: stageChoice, answers };
  const { stops, index } = shownStage(state);
  // On a phone the panel is a bottom sheet over the ring: its height tells
  // the ring how small to be and the page how much room to leave (styles.css).
  // Elsewhere nothing reads it, and publishing it restyled the whole page
  // before a lesson's first frame.
  const sheet = useRef<HTMLElement>(null);
  const phone = usePhoneLayout();
  useHeightVar(sheet, '--sheet-h', lesson !== undefined && phone);
  // Arriving at a stage puts what it is about in view (its operation, key and tab).
  useEffect(() => {
    if (lesson && index >= 0) store.setState(focusOf(lesson, index));
  }, [store, lesson, index]);
  if (!lesson) return null;
  const stage = index >= 0 ? lesson.stages[index] : undefined;
  const atLast = index + 1 >= stops.length;
  const predict = stage?.predict;
  const chosen = answers[index];
  return (
    <section ref={sheet} className="lesson" aria-label={`Lesson ${lesson.number}: ${lesson.title}`}>
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
              {chosen === SKIPPED ? `Skipped. The answer is “${predict.choices[predict.answer]}”. ` : chosen === predict.answer ? 'Right. ' : `Not quite: the answer is “${predict.choices[predict.answer]}”. `}
              {predict.explanation}
            </p>
          )}
        </fieldset>
      )}
      <div className="tool-row">
        {predict && chosen === undefined && (
          <button type="button" onClick={() => answer(store, index, SKIPPED)}>
            Skip the question
          </button>
        )}
        <button type="button" disabled={index < 0 && cursor === 0} onClick={() => stageBack(store)}>
          Previous stage
        </button>
        <button
          type="button"
          disabled={atLast || (index >= 0 && waitsForAnswer(state, index))}
          title={predict && chosen === undefined ? 'Answer the question first' : 'PageDown'}
          onClick={() => stageForward(store)}
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
