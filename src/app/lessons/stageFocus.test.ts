// Which lesson stages point at the Metrics panel (the panel is outlined and
// scrolled into view there).
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../scenario/lessons';
import type { Stage } from '../../scenario/lessons/types';
import { talksAboutMetrics } from './stageFocus';

const stage = (text: string, see?: Stage['see']): Stage => ({ atMs: 0, text, ...(see ? { see } : {}) });

describe('talksAboutMetrics', () => {
  it('is true when the narration names the Metrics panel', () => {
    expect(talksAboutMetrics(stage('The Metrics panel counts it under Stale reads.'))).toBe(true);
  });

  it('is true when the narration states a figure read in the Metrics, even without naming them', () => {
    expect(talksAboutMetrics(stage('4 keys synced.', [{ says: '4 keys synced', view: 'metrics', shows: 'Keys synced: 4' }]))).toBe(true);
  });

  it('is false for a figure of a comparison side, or one read elsewhere', () => {
    expect(talksAboutMetrics(stage('One lost write.', [{ says: 'One lost write', view: 'metrics', shows: 'Lost writes: 1', variant: 'a' }]))).toBe(false);
    expect(talksAboutMetrics(stage('2 of 3 acks.', [{ says: '2 of 3 acks', view: 'request', shows: '2 of 3 acks: W = 2 is met' }]))).toBe(false);
    expect(talksAboutMetrics(stage('Metricsless words do not count.'))).toBe(false);
  });

  it('picks the stages of the built-in lessons that say where to look', () => {
    const staleRead = LESSONS.find((l) => l.id === 'stale-read')!;
    // The set-up, the first write and the question do not; the stale read ("the Metrics panel counts it") and the wrap-up ("stale reads like Bob's") do.
    expect(staleRead.stages.map(talksAboutMetrics)).toEqual([false, false, false, true, true]);
    // Every lesson stage naming the Metrics panel is picked.
    for (const lesson of LESSONS) for (const s of lesson.stages) if (s.text.includes('Metrics panel')) expect(talksAboutMetrics(s)).toBe(true);
  });
});
