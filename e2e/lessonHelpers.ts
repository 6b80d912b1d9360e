// Helpers for the lesson and classroom specs: where a lesson's stages fall on
// the Timeline (computed from the engine, independently of the UI's own
// stage code), and the lesson UI as a screen reader sees it.

import { expect, type Locator, type Page } from '@playwright/test';
import type { Lesson } from '../src/scenario/lessons';
import { EVENT_CAP } from '../src/sim/eventCap';
import { Kernel } from '../src/sim/kernel';
import { Timeline } from '../src/sim/timeline';
import type { SimScenario } from '../src/sim/types';
import { button } from './helpers';

/** The cap on one run, the page's and the CLI's (src/sim/eventCap.ts). */
const MAX_UI_EVENTS = EVENT_CAP;

export interface RunFacts {
  /** Kernel events of the run: the Timeline's maximum. */
  events: number;
  /** Virtual time of each event (index = event number, 0 = the start). */
  eventTimes: number[];
}

const runs = new WeakMap<SimScenario, RunFacts>();

/** The run of a scenario as the browser computes it (same engine, same cap). */
export function runFacts(scenario: SimScenario): RunFacts {
  const hit = runs.get(scenario);
  if (hit) return hit;
  const kernel = new Kernel(scenario);
  kernel.runToEnd(MAX_UI_EVENTS);
  const timeline = new Timeline(scenario, kernel.trace, kernel.events);
  const facts = { events: kernel.events, eventTimes: [...timeline.eventTimes] };
  runs.set(scenario, facts);
  return facts;
}

/**
 * Where each stage of a lesson puts the Timeline: the last event at or
 * before the stage's `atMs` (src/scenario/lessons/types.ts, Stage.atMs),
 * found by a plain scan rather than the UI's binary search.
 */
export function stagePositions(lesson: Lesson): number[] {
  const { events, eventTimes } = runFacts(lesson.scenario);
  return lesson.stages.map((stage) => {
    let at = 0;
    for (let e = 0; e <= events; e++) if (eventTimes[e]! <= stage.atMs) at = e;
    return at;
  });
}

/** The lesson's narration panel (a region named "Lesson N: title"). */
export function lessonPanel(page: Page, lesson: Lesson): Locator {
  return page.getByRole('region', { name: `Lesson ${lesson.number}: ${lesson.title}`, exact: true });
}

/** The narration paragraph of the panel. */
export function narration(page: Page, lesson: Lesson): Locator {
  return lessonPanel(page, lesson).locator('.lesson-text');
}

/** Opens a lesson the way a person does: "Lessons", then the lesson's button. */
export async function pickLesson(page: Page, lesson: Lesson): Promise<void> {
  await button(page, 'Lessons').click();
  const picker = page.getByRole('dialog', { name: 'Lessons', exact: true });
  await expect(picker).toBeVisible();
  await picker.getByRole('button', { name: `${lesson.number}. ${lesson.title}`, exact: true }).click();
  await expect(picker).toHaveCount(0);
  await expect(lessonPanel(page, lesson)).toBeVisible();
}

/** Records uncaught page errors (a thrown render or handler). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
  return errors;
}

/** The checker's verdicts of a run (kind and kernel event), from the engine. */
export function runVerdicts(scenario: SimScenario): { kind: 'stale' | 'lost' | 'resurrection'; e: number }[] {
  const kernel = new Kernel(scenario);
  kernel.runToEnd(MAX_UI_EVENTS);
  return kernel.trace.flatMap((r) => (r.k === 'verdict' ? [{ kind: r.kind, e: r.e }] : []));
}
