// A scenario's run, computed once and shared: the kernel's trace, the
// timeline that folds it, and the contract-2 report for `Export trace`.
// Keyed by the scenario object, which the store replaces (never mutates).

import { Kernel } from '../../sim/kernel';
import { buildReport, type RunReport } from '../../sim/report';
import { Timeline } from '../../sim/timeline';
import type { SimScenario } from '../../sim/types';

export interface AppRun {
  scenario: SimScenario;
  kernel: Kernel;
  timeline: Timeline;
  events: number;
  /** Kernel event at which each scenario step ran (index = step index). */
  stepEvent: number[];
  complete: boolean;
  report(): RunReport;
}

/** Runs in the browser must stay responsive: cap what one scenario may do. */
export const MAX_UI_EVENTS = 400_000;

const cache = new WeakMap<SimScenario, AppRun>();

export function runOf(scenario: SimScenario): AppRun {
  const hit = cache.get(scenario);
  if (hit) return hit;
  const kernel = new Kernel(scenario);
  const complete = kernel.runToEnd(MAX_UI_EVENTS);
  const stepEvent = new Array<number>(scenario.steps.length).fill(0);
  for (const r of kernel.trace) if (r.k === 'step') stepEvent[r.step] = r.e;
  let report: RunReport | undefined;
  const run: AppRun = {
    scenario,
    kernel,
    timeline: new Timeline(scenario, kernel.trace, kernel.events),
    events: kernel.events,
    stepEvent,
    complete,
    report: () => (report ??= buildReport({ kernel, complete })),
  };
  cache.set(scenario, run);
  return run;
}
