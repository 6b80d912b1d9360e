// The `Metrics` region of contract 3: a <dl> whose terms are the CLI's
// metric names in words and whose values are the figures as of the
// Timeline's position.

import { useEffect, useRef } from 'react';
import type { Metrics } from '../../sim/metrics';
import { useAppState } from '../context';
import { useView } from '../state/derived';
import type { AppState } from '../state/store';
import { activeLesson } from '../lessons/lessonState';
import { talksAboutMetrics } from '../lessons/stageFocus';
import { shownStage } from '../lessons/useStages';
import { isPhoneLayout } from '../layout/phone';

export const METRIC_WORDS: readonly [keyof Metrics, string, string][] = [
  ['messagesSent', 'Messages sent', 'over the network (a node reading its own copy sends none)'],
  ['messagesDropped', 'Messages dropped', 'lost at random, to a partition or cut, or to a dead node'],
  ['readRepairs', 'Read repairs', 'stale replicas sent the newest version by a read'],
  ['hintsStored', 'Hints stored', 'writes kept for a home node that could not take them'],
  ['hintsDelivered', 'Hints delivered', 'hints handed back to their home node and deleted'],
  ['antiEntropySessions', 'Anti-entropy sessions', 'Merkle-tree comparisons between two replicas'],
  ['merkleHashesCompared', 'Merkle hashes compared', 'tree-node hashes compared across all sessions'],
  ['keysSynced', 'Keys synced', 'keys anti-entropy wrote to a replica that lacked them or held an older version'],
  ['staleReads', 'Stale reads', 'reads that missed a write acknowledged before they began'],
  ['lostWrites', 'Lost writes', 'acknowledged writes whose value is gone from every replica, removed by nothing that had seen it (last-write-wins dropping an overlapping write, a wiped disk)'],
  ['resurrections', 'Resurrections', 'deleted values stored again by replication after a delete that had seen them'],
];

const VERDICTS = new Set<keyof Metrics>(['staleReads', 'lostWrites', 'resurrections']);

/** The lesson stage shown, as `lessonId:index`, when its narration points
 *  at the Metrics panel; null otherwise. */
function metricsCallout(s: AppState): string | null {
  const lesson = activeLesson(s);
  if (!lesson) return null;
  const { index } = shownStage(s);
  const stage = index >= 0 ? lesson.stages[index] : undefined;
  return stage && talksAboutMetrics(stage) ? `${lesson.id}:${index}` : null;
}

export function MetricsPanel() {
  const { view } = useView();
  // A stage whose narration says "look at the Metrics" outlines the panel
  // and scrolls it into view when it is not (block: 'nearest' leaves a
  // panel already in view where it is). On a phone the narration is a
  // bottom sheet over the ring, and both stay: the outline marks the panel
  // for when the student scrolls down to it.
  const callout = useAppState(metricsCallout);
  const region = useRef<HTMLElement>(null);
  useEffect(() => {
    if (callout === null || !region.current?.scrollIntoView || isPhoneLayout()) return;
    const still = typeof matchMedia !== 'undefined' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    region.current.scrollIntoView({ block: 'nearest', behavior: still ? 'auto' : 'smooth' });
  }, [callout]);
  return (
    <section ref={region} className={callout === null ? 'metrics' : 'metrics callout'} role="region" aria-label="Metrics">
      <h2>Metrics</h2>
      <dl>
        {METRIC_WORDS.map(([key, words, meaning]) => (
          <div key={key} className={VERDICTS.has(key) && view.metrics[key] > 0 ? 'metric verdict' : 'metric'} title={meaning}>
            <dt>{words}</dt>
            <dd>{view.metrics[key]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
