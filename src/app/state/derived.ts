// Selectors over the run at the cursor. They return objects owned by the
// run's timeline, so components read them during render and copy nothing.

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
