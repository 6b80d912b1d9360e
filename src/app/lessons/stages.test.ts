import { describe, expect, it } from 'vitest';
import { Kernel } from '../../sim/kernel';
import { Timeline } from '../../sim/timeline';
import { DEFAULT_SCENARIO } from '../../scenario';
import { currentStage, eventAtTime, nextStop, previousStop, stepStages } from './stages';

describe('stages', () => {
  const kernel = new Kernel(structuredClone(DEFAULT_SCENARIO));
  kernel.runToEnd();
  const timeline = new Timeline(kernel.scenario, kernel.trace, kernel.events);

  it('eventAtTime finds the last event at or before a time', () => {
    for (const t of [0, 3, 5, 10, 29.9, 30, 1000]) {
      const e = eventAtTime(timeline, t);
      expect(timeline.eventTimes[e]!).toBeLessThanOrEqual(t);
      if (e < kernel.events) expect(timeline.eventTimes[e + 1]!).toBeGreaterThan(t);
    }
  });

  it('plain scenarios stop just before each later step and at the end', () => {
    const stepEvent = kernel.trace.filter((r) => r.k === 'step').map((r) => r.e);
    const stops = stepStages(stepEvent, kernel.events);
    expect(stops.at(-1)).toBe(kernel.events);
    expect(stops[0]).toBe(stepEvent[1]! - 1);
  });

  it('next / previous / current move through stops', () => {
    const stops = [4, 9, 20];
    expect(nextStop(stops, 0)).toBe(4);
    expect(nextStop(stops, 4)).toBe(9);
    expect(nextStop(stops, 20)).toBeUndefined();
    expect(previousStop(stops, 9)).toBe(4);
    expect(previousStop(stops, 4)).toBeUndefined();
    expect(currentStage(stops, 3)).toBe(-1);
    expect(currentStage(stops, 12)).toBe(1);
    // Stages sharing an event: arriving there shows the first of them.
    expect(currentStage([0, 0, 5, 5, 5, 9], 0)).toBe(0);
    expect(currentStage([0, 0, 5, 5, 5, 9], 7)).toBe(2);
  });
});
