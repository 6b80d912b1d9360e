// Helpers for writing lessons: a scenario from a compact object (so contract
// 1's defaults apply, exactly as for a file or a link), and a frozen lesson.

import type { SimScenario } from '../../sim/types';
import { parseScenario } from '../parse';
import type { Lesson } from './types';

/** A fully resolved scenario from the compact form a lesson is written in.
 *  Lessons are our own code: an invalid one is a programming error, and the
 *  lesson tests fail on it before anyone sees it. */
export function scenarioFrom(compact: Record<string, unknown>): SimScenario {
  const parsed = parseScenario({ version: 1, ...compact });
  if (!parsed.ok) throw new Error(`lesson scenario: ${parsed.error}`);
  return parsed.scenario;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Lessons are shared by every view: frozen, so none can change another's.
 *  Copy a lesson's scenario (structuredClone) before editing it. */
export function defineLesson(lesson: Lesson): Lesson {
  return deepFreeze(lesson);
}
