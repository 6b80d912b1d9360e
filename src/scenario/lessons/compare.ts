// A lesson's comparison: the same steps under two cluster settings.

import type { SimScenario } from '../../sim/types';
import type { Lesson, Variant } from './types';

/** The lesson's scenario with one side's cluster settings applied (a fresh
 *  copy). A lesson without a comparison gives a copy of its own scenario. */
export function applyCompare(lesson: Lesson, variant: Variant): SimScenario {
  const scenario = structuredClone(lesson.scenario);
  const side = lesson.compare?.[variant];
  if (!side) return scenario;
  return { ...scenario, cluster: { ...scenario.cluster, ...structuredClone(side.cluster) } };
}

/** The scenario a check or claim runs on. */
export function scenarioFor(lesson: Lesson, variant: Variant | undefined): SimScenario {
  return variant === undefined ? lesson.scenario : applyCompare(lesson, variant);
}
