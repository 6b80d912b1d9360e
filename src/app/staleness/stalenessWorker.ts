// The staleness model off the page's thread: runs the WARS Monte Carlo
// (src/staleness/wars.ts) in chunks and posts the curve after each, so the
// explorer's plot fills in as trials finish and Cancel (terminating the
// worker) stops it at once.

import { createRun, runTrials, tVisibility, visibilityCurve, type VisibilityPoint, type WarsConfig } from '../../staleness';

export interface ModelRequest {
  config: WarsConfig;
  trials: number;
  seed: number;
  /** Where to read the curve besides the plot's own grid (ms after the
   *  write committed): the values the explorer's table lists. */
  ts: readonly number[];
}

export interface ModelReply {
  done: number;
  total: number;
  /** The curve from t = 0 to 1.5 × t999, and at the requested t, by t. */
  points: VisibilityPoint[];
  t999: number;
}

/** Where the plot reads a curve: 0 to 1.5 × its 99.9 % point, 160 steps. */
export function plotGrid(t999: number, extra: readonly number[]): number[] {
  const end = Math.max(1, 1.5 * t999);
  const grid = Array.from({ length: 161 }, (_, i) => (end * i) / 160);
  return [...new Set([...grid, ...extra])].sort((a, b) => a - b);
}

/** Trials per chunk: a chunk takes a few tens of milliseconds. */
const CHUNK = 20_000;

const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<ModelRequest>) => void) | null; postMessage(reply: ModelReply): void };

scope.onmessage = (e) => {
  const { config, trials, seed, ts } = e.data;
  const run = createRun(config, seed);
  while (run.trials < trials) {
    runTrials(run, Math.min(CHUNK, trials - run.trials));
    const t999 = tVisibility(run);
    scope.postMessage({ done: run.trials, total: trials, points: visibilityCurve(run, plotGrid(t999, ts)), t999 });
  }
};
