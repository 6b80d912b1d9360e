// The simulation off the page's thread. Given a scenario, it runs the
// kernel in slices, reports the events done after each slice, ships the
// trace's records in chunks as they are written (so the page never decodes
// one huge message), and ends with the run's contract-2 report as JSON.
// The engine runs here unchanged: same scenario, same trace as in Node.

import { Kernel } from '../../sim/kernel';
import { buildReport } from '../../sim/report';
import type { TraceRecord } from '../../sim/trace';
import type { SimScenario } from '../../sim/types';

export interface RunRequest {
  scenario: SimScenario;
  cap: number;
}

export type RunReply =
  | { kind: 'progress'; events: number }
  | { kind: 'records'; records: TraceRecord[] }
  | { kind: 'done'; events: number; complete: boolean; report: string };

/** Events per slice, and records per message: small enough that the page
 *  decodes each message in a few milliseconds. */
const SLICE_EVENTS = 10_000;
const CHUNK_RECORDS = 5_000;

/** The worker's global scope, typed by what this file uses of it (the
 *  project's DOM typings and the WebWorker lib cannot be mixed). */
const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<RunRequest>) => void) | null; postMessage(reply: RunReply): void };

scope.onmessage = (e) => {
  const { scenario, cap } = e.data;
  const kernel = new Kernel(scenario);
  const post = (reply: RunReply) => scope.postMessage(reply);
  let shipped = 0;
  let ended: boolean;
  for (;;) {
    ended = kernel.runToEnd(Math.min(cap, kernel.events + SLICE_EVENTS));
    const log = kernel.log;
    while (shipped < log.length) {
      const records: TraceRecord[] = [];
      const to = Math.min(log.length, shipped + CHUNK_RECORDS);
      for (let i = shipped; i < to; i++) records.push(log.get(i));
      shipped = to;
      post({ kind: 'records', records });
    }
    post({ kind: 'progress', events: kernel.events });
    if (ended || kernel.events >= cap) break;
  }
  post({ kind: 'done', events: kernel.events, complete: ended, report: JSON.stringify(buildReport({ kernel, complete: ended })) });
};
