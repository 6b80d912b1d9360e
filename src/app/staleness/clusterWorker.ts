// "Check it against the cluster" off the page's thread: runs the real engine
// on the generated scenarios of src/staleness/cluster.ts — first with read
// repair, hinted handoff and anti-entropy off (what WARS assumes), then on —
// and posts progress between chunks of kernel events and each result as it
// is ready. Cancel terminates the worker. It is a worker of its own so the
// engine (XState and all) loads only when a check is asked for.

import { clusterCheck, type ClusterMode, type ClusterPoint } from '../../staleness/cluster';
import type { WarsConfig } from '../../staleness';

export interface ClusterRequest {
  config: WarsConfig;
  ts: readonly number[];
  /** Keys per configuration, in order. */
  runs: readonly { mode: ClusterMode; keys: number }[];
  seed: number;
}

export type ClusterReply =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'result'; mode: ClusterMode; points: ClusterPoint[]; excluded: number }
  | { kind: 'done' }
  | { kind: 'error'; message: string };

const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<ClusterRequest>) => void) | null; postMessage(reply: ClusterReply): void };

scope.onmessage = (e) => {
  const { config, ts, runs, seed } = e.data;
  try {
    // Progress counts keys, so a configuration's share of the bar is its share of the work.
    const total = runs.reduce((sum, r) => sum + r.keys, 0);
    let before = 0;
    for (const { mode, keys } of runs) {
      const check = clusterCheck({ config, ts, keys, seed, mode });
      for (;;) {
        const next = check.next();
        if (next.done) {
          scope.postMessage({ kind: 'result', mode, points: next.value.points, excluded: next.value.excluded });
          break;
        }
        scope.postMessage({ kind: 'progress', done: Math.round(before + (keys * next.value.done) / next.value.total), total });
      }
      before += keys;
    }
    scope.postMessage({ kind: 'done' });
  } catch (err) {
    scope.postMessage({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
