// Marks under the Timeline where the checker flagged something — a stale
// read, a lost write, a resurrection — so a class can jump back to the
// moment. One small button per mark, named for what and when ("Stale read
// at 45 ms"); marks closer than a button's width share one button.

import { useMemo } from 'react';
import { useAppState, useAppStore } from '../context';
import { seek } from '../state/actions';
import { useRun } from '../state/derived';
import { horizon } from '../lessons/questionGate';
import { formatMs, isolate } from '../format';
import { opName } from '../logText';
import { traceIndexOf, type VerdictInfo } from '../traceIndex';
import type { AppRun } from '../state/run';
import './story.css';

const WORDS: Record<VerdictInfo['kind'], { name: string; letter: string }> = {
  stale: { name: 'Stale read', letter: 'S' },
  lost: { name: 'Lost write', letter: 'L' },
  resurrection: { name: 'Resurrection', letter: 'R' },
};

/** Marks within this fraction of the Timeline's length share a button. */
const MERGE = 0.025;

export interface MarkerGroup {
  first: VerdictInfo;
  count: number;
  /** 0…1 along the Timeline. */
  at: number;
}

/** Group verdicts that would overlap on a Timeline of `events` events. */
export function groupMarkers(verdicts: readonly VerdictInfo[], events: number): MarkerGroup[] {
  const out: MarkerGroup[] = [];
  for (const v of verdicts) {
    const at = events === 0 ? 0 : v.e / events;
    const last = out[out.length - 1];
    if (last && at - last.at < MERGE) last.count++;
    else out.push({ first: v, count: 1, at });
  }
  return out;
}

export function markerName(g: MarkerGroup): string {
  const base = `${WORDS[g.first.kind].name} at ${formatMs(g.first.t)}`;
  return g.count > 1 ? `${base} and ${g.count - 1} more` : base;
}

export function TimelineMarkers() {
  const store = useAppStore();
  // The cursor, not the playback time: the marks need not redraw every frame.
  const run = useRun();
  const cursor = useAppState((s) => s.cursor);
  // In a lesson, nothing beyond the open question: a mark would give its answer away.
  const limit = useAppState(horizon);
  const groups = useMemo(() => groupMarkers(traceIndexOf(run.kernel.trace).verdicts.filter((v) => v.e <= limit), run.events), [run, limit]);
  if (groups.length === 0) return null;
  return (
    <span className="timeline-markers" role="group" aria-label="Verdicts on the Timeline">
      {groups.map((g) => (
        <button
          key={`${g.first.e}:${g.first.op}:${g.first.kind}`}
          type="button"
          className={`timeline-marker v-${g.first.kind}${g.first.e <= cursor ? ' passed' : ''}`}
          style={{ left: `calc(8px + (100% - 16px) * ${g.at})` }}
          aria-label={markerName(g)}
          aria-current={g.first.e === cursor ? 'step' : undefined}
          title={`${markerName(g)}: ${describe(run, g.first)}. Click to jump there.`}
          onClick={() => seek(store, g.first.e)}
        >
          {WORDS[g.first.kind].letter}
          {g.count > 1 ? <sup>{g.count}</sup> : null}
        </button>
      ))}
    </span>
  );
}

function describe(run: AppRun, v: VerdictInfo): string {
  const name = opName(v.op, run.scenario);
  switch (v.kind) {
    case 'stale':
      return `${name} missed an acknowledged write`;
    case 'lost':
      return `${name} was acknowledged, then lost`;
    case 'resurrection':
      return `${isolate(v.key)} came back after ${name}`;
  }
}
