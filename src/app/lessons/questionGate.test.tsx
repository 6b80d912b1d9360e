// @vitest-environment happy-dom
// Predictions hold: nothing moves a lesson past a question not answered yet,
// and nothing shows a verdict beyond it.
import { describe, expect, it } from 'vitest';
import { lessonById } from '../../scenario/lessons';
import { TimelineMarkers } from '../components/TimelineMarkers';
import { play, seek, stepForward } from '../state/actions';
import { advance } from '../state/playback';
import { runOf } from '../state/run';
import { createAppStore, type AppStore } from '../state/store';
import { render } from '../testing/render';
import { answer, openLesson } from './lessonState';
import { gate, pendingQuestion, SKIPPED } from './questionGate';
import { lessonStages } from './stages';
import { stageForward } from './useStages';

const lesson = lessonById('stale-read')!;
const asking = lesson.stages.findIndex((s) => s.predict);

function opened(): { store: AppStore; stop: number; end: number } {
  const store = createAppStore(structuredClone(lesson.scenario));
  openLesson(store, lesson.id);
  const run = runOf(store.getState().scenario);
  return { store, stop: lessonStages(run.timeline, [lesson.stages[asking]!.atMs])[0]!, end: run.events };
}

describe('the question gate', () => {
  it('holds End, stepping and dragging at the open question, and shows it', () => {
    const { store, stop, end } = opened();
    expect(pendingQuestion(store.getState())).toEqual({ stage: asking, event: stop });
    seek(store, end);
    expect(store.getState()).toMatchObject({ cursor: stop, stage: asking });
    stepForward(store);
    expect(store.getState().cursor).toBe(stop);
    expect(gate(store.getState(), stop - 1)).toEqual({ event: stop - 1, stage: null });
  });

  it('stops playback at the question, and Play there does not run past it', () => {
    const { store, stop } = opened();
    play(store);
    for (let i = 0; i < 10_000 && advance(store, 100); i++);
    expect(store.getState()).toMatchObject({ cursor: stop, stage: asking, playing: false });
    play(store);
    expect(store.getState()).toMatchObject({ cursor: stop, playing: false });
  });

  it('lets the lesson go on once the question is answered, or skipped (recorded as skipped)', () => {
    const { store, end } = opened();
    answer(store, asking, SKIPPED);
    expect(store.getState().answers[asking]).toBe(SKIPPED);
    expect(pendingQuestion(store.getState())).toBeNull();
    seek(store, end);
    expect(store.getState().cursor).toBe(end);
  });

  it('Next stage plays the messages between two stages, and a second press arrives at once', () => {
    const { store } = opened();
    const stops = lesson.stages.map((s) => lessonStages(runOf(store.getState().scenario).timeline, [s.atMs])[0]!);
    seek(store, stops[0]!);
    store.setState({ stage: 0 });
    stageForward(store);
    expect(store.getState()).toMatchObject({ playing: true, playTo: { event: stops[1], stage: 1 } });
    advance(store, 50);
    expect(store.getState().cursor).toBeLessThan(stops[1]!);
    stageForward(store);
    expect(store.getState()).toMatchObject({ cursor: stops[1], stage: 1, playing: false, playTo: null });
  });

  it('shows no verdict mark beyond the open question until it is answered', () => {
    const { store } = opened();
    const el = render(<TimelineMarkers />, store);
    expect(el.querySelectorAll('.timeline-marker')).toHaveLength(0);
    answer(store, asking, 1);
    const after = render(<TimelineMarkers />, store);
    expect(after.querySelector('.timeline-marker')?.getAttribute('aria-label')).toMatch(/^Stale read at/);
  });
});
