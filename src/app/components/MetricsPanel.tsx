// The `Metrics` region of contract 3: a <dl> whose terms are the CLI's
// metric names in words and whose values are the figures as of the
// Timeline's position.

import type { Metrics } from '../../sim/metrics';
import { useView } from '../state/derived';

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

export function MetricsPanel() {
  const { view } = useView();
  return (
    <section className="metrics" role="region" aria-label="Metrics">
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
