// Selectors over the run at the cursor. The view is an immutable snapshot
// from the run's timeline that never changes afterwards: components read it
// during render, copy nothing, and memoise on its parts (a node's `data`
// stays the same object until that node's data changes).

import { useAppState } from '../context';
import { runOf, type AppRun } from './run';
import type { ClusterView } from '../../sim/timeline';

export function useRun(): AppRun {
  return runOf(useAppState((s) => s.scenario));
}

/** The cluster at the cursor, plus the virtual time to draw messages at. */
export function useView(): { run: AppRun; view: ClusterView; cursor: number; timeMs: number } {
  const run = useRun();
  const cursor = useAppState((s) => s.cursor);
  const playTimeMs = useAppState((s) => s.playTimeMs);
  const view = run.timeline.at(cursor);
  return { run, view, cursor, timeMs: playTimeMs ?? view.timeMs };
}
