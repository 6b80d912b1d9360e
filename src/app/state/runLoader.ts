// Heavy runs leave the page's thread. A scenario whose run does not finish
// within a small budget here is simulated in a Web Worker (simWorker.ts)
// while the page shows the events done and a Cancel button; the trace
// arrives in chunks, and the finished run joins the same cache as runs
// computed here. One run is computed at a time: a new scenario replaces a
// run still going. Without Worker (tests in Node), runs are computed here.

import { EVENT_CAP } from '../../sim/eventCap';
import { TimelineBuilder } from '../../sim/timeline';
import type { TraceRecord } from '../../sim/trace';
import type { SimScenario } from '../../sim/types';
import { adoptTraceIndex, TraceIndexBuilder } from '../traceIndex';
import { cachedRun, cheapRun, runFromRecords, runOf, type AppRun } from './run';
import type { RunReply, RunRequest } from './simWorker';
import { withKey, type HeldRun } from './heldKeys';

export type RunStatus = { kind: 'ready'; run: AppRun } | { kind: 'running'; scenario: SimScenario; events: number; cap: number; held: readonly HeldRun[] };

/** What the page showed before a heavy scenario was loaded: Cancel goes back to it. */
export interface Before {
  scenario: SimScenario;
  cursor: number;
}

interface Job {
  scenario: SimScenario;
  events: number;
  records: TraceRecord[];
  /** The views' two indexes, built as the records arrive: at the end there
   *  is no long pass over the whole trace on the page's thread. */
  traceIndex: TraceIndexBuilder;
  /** The timeline's checkpoints, folded as the records arrive. */
  timeline: TimelineBuilder;
  worker: Worker;
  waiters: ((run: AppRun) => void)[];
  before: Before | null;
  /** Timeline keys pressed while it runs (heldKeys.ts). */
  held: readonly HeldRun[];
}

let job: Job | null = null;
/** Scenarios known not to fit the budget here: never tried twice. */
const heavy = new WeakSet<SimScenario>();
const listeners = new Set<() => void>();
let version = 0;

function changed(): void {
  version++;
  for (const l of listeners) l();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Changes whenever a run's progress or completion does (for useSyncExternalStore). */
export function progressVersion(): number {
  return version;
}

function canUseWorker(): boolean {
  return typeof Worker !== 'undefined';
}

/** The run if it is known, or cheap enough to compute here at once. */
export function readyRun(scenario: SimScenario): AppRun | undefined {
  const hit = cachedRun(scenario);
  if (hit) return hit;
  if (!canUseWorker()) return runOf(scenario);
  if (heavy.has(scenario)) return undefined;
  const run = cheapRun(scenario);
  if (!run) heavy.add(scenario);
  return run;
}

function start(scenario: SimScenario, before: Before | null): Job {
  job?.worker.terminate();
  const worker = new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module' });
  const started: Job = { scenario, events: 0, records: [], traceIndex: new TraceIndexBuilder(), timeline: new TimelineBuilder(scenario), worker, waiters: [], before, held: [] };
  job = started;
  worker.onmessage = (e: MessageEvent<RunReply>) => {
    if (job !== started) return;
    const reply = e.data;
    if (reply.kind === 'records') {
      for (const r of reply.records) {
        started.records.push(r);
        started.traceIndex.add(r);
        started.timeline.add(r);
      }
    } else if (reply.kind === 'progress') {
      started.events = reply.events;
      changed();
    } else {
      worker.terminate();
      job = null;
      adoptTraceIndex(started.records, started.traceIndex.finish());
      const run = runFromRecords(scenario, started.records, reply.events, reply.complete, reply.report, started.timeline);
      changed();
      for (const w of started.waiters) w(run);
    }
  };
  const request: RunRequest = { scenario, cap: EVENT_CAP };
  worker.postMessage(request);
  changed();
  return started;
}

/** Where the run of `scenario` stands; starts it in a worker if needed. */
export function runStatus(scenario: SimScenario): RunStatus {
  const run = readyRun(scenario);
  if (run) return { kind: 'ready', run };
  const running = job && job.scenario === scenario ? job : start(scenario, null);
  return { kind: 'running', scenario, events: running.events, cap: EVENT_CAP, held: running.held };
}

/** Call `then` with the run once it is ready (now, if it is). `before`:
 *  what Cancel should go back to, if the run has to be computed in a worker. */
export function whenReady(scenario: SimScenario, then: (run: AppRun) => void, before: Before | null = null): void {
  const run = readyRun(scenario);
  if (run) {
    then(run);
    return;
  }
  const running = job && job.scenario === scenario ? job : start(scenario, before);
  if (before && !running.before) running.before = before;
  running.waiters.push(then);
}

/** Hold a Timeline `key` pressed while the run of `scenario` is computed;
 *  once it is ready, each key held is handed, in order, to `carryOut`. Held
 *  with the run, so Cancel or another heavy scenario drops them with it. */
export function holdKey(scenario: SimScenario, key: string, carryOut: (key: string) => void): void {
  if (readyRun(scenario)) {
    carryOut(key);
    return;
  }
  const running = job && job.scenario === scenario ? job : start(scenario, null);
  if (running.held.length === 0) {
    running.waiters.push(() => {
      for (const [k, times] of running.held) for (let i = 0; i < times; i++) carryOut(k);
    });
  }
  running.held = withKey(running.held, key);
  changed();
}

/** Stop the run going on. Returns what the page showed before it, if known. */
export function cancelRun(): { scenario: SimScenario; events: number; before: Before | null } | null {
  if (!job) return null;
  const stopped = job;
  stopped.worker.terminate();
  job = null;
  changed();
  return { scenario: stopped.scenario, events: stopped.events, before: stopped.before };
}
