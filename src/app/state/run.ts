// A scenario's run, computed once and shared: the trace, the timeline that
// folds it, the ring, and the contract-2 report for `Export trace`. Keyed
// by the scenario object, which the store replaces (never mutates).
//
// A run is computed either here, on the calling thread (`runOf`, and
// `cheapRun` for runs that finish within a small budget), or in a Web
// Worker (runLoader.ts) for heavy ones; both end up in the same cache.

import { EVENT_CAP } from '../../sim/eventCap';
import { Kernel } from '../../sim/kernel';
import { buildReport, type RunReport } from '../../sim/report';
import { Ring } from '../../sim/ring';
import { Timeline, type TimelineBuilder } from '../../sim/timeline';
import type { TraceRecord } from '../../sim/trace';
import type { SimScenario } from '../../sim/types';

/** What the views read of a finished run (a Kernel has these too). */
export interface RunFacts {
  readonly trace: readonly TraceRecord[];
  readonly ring: Ring;
  readonly events: number;
}

export interface AppRun {
  scenario: SimScenario;
  kernel: RunFacts;
  timeline: Timeline;
  events: number;
  /** Kernel event at which each scenario step ran (index = step index). */
  stepEvent: number[];
  /** False when the run was cut at the event cap. */
  complete: boolean;
  report(): RunReport;
}

/** The page and the CLI stop a run at the same event (eventCap.ts). */
export const MAX_UI_EVENTS = EVENT_CAP;

/** Events a run may take on the page's own thread before it is handed to
 *  a worker (a few tens of ms of simulation): every lesson fits. */
export const SYNC_EVENT_BUDGET = 4_000;

const cache = new WeakMap<SimScenario, AppRun>();

/** A finished run from its facts (and its timeline's checkpoints, when
 *  they were folded as the trace arrived). */
export function assembleRun(scenario: SimScenario, facts: RunFacts, complete: boolean, report: () => RunReport, built?: TimelineBuilder): AppRun {
  const stepEvent = new Array<number>(scenario.steps.length).fill(0);
  for (const r of facts.trace) if (r.k === 'step') stepEvent[r.step] = r.e;
  let kept: RunReport | undefined;
  const run: AppRun = {
    scenario,
    kernel: facts,
    timeline: new Timeline(scenario, facts.trace, facts.events, built ? { built } : {}),
    events: facts.events,
    stepEvent,
    complete,
    report: () => (kept ??= report()),
  };
  cache.set(scenario, run);
  return run;
}

/** A run computed in another thread: its trace, shipped as records, and
 *  the timeline's checkpoints folded as they came. */
export function runFromRecords(scenario: SimScenario, trace: readonly TraceRecord[], events: number, complete: boolean, reportJson: string, built: TimelineBuilder): AppRun {
  const { cluster } = scenario;
  const ring = new Ring(cluster.nodes, cluster.vnodes, cluster.n);
  return assembleRun(scenario, { trace, ring, events }, complete, () => JSON.parse(reportJson) as RunReport, built);
}

export function cachedRun(scenario: SimScenario): AppRun | undefined {
  return cache.get(scenario);
}

/** The run, computed here if it is not known yet. */
export function runOf(scenario: SimScenario): AppRun {
  const hit = cache.get(scenario);
  if (hit) return hit;
  const kernel = new Kernel(scenario);
  const complete = kernel.runToEnd(MAX_UI_EVENTS);
  return assembleRun(scenario, kernel, complete, () => buildReport({ kernel, complete }));
}

/** The run, if it is known or finishes within `budget` events here;
 *  otherwise nothing (and the partial work is dropped). */
export function cheapRun(scenario: SimScenario, budget = SYNC_EVENT_BUDGET): AppRun | undefined {
  const hit = cache.get(scenario);
  if (hit) return hit;
  // Every step is an event: a scenario with more steps than the budget
  // cannot finish within it, and trying would only waste the time.
  if (scenario.steps.length > budget) return undefined;
  const kernel = new Kernel(scenario);
  if (!kernel.runToEnd(Math.min(budget, MAX_UI_EVENTS))) return undefined;
  return assembleRun(scenario, kernel, true, () => buildReport({ kernel, complete: true }));
}
