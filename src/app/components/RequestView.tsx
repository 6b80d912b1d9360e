// The Request tab: one put/get/delete at the cursor — the chosen operation,
// else the latest one started by then. Where it went (home replicas,
// substitutes with hints, homes skipped as known unreachable), the acks or replies
// filling W or R, the outcome and why in one sentence, the quorum rule of
// the settings, and every operation so far to choose from. Keys, values and
// client names sit in <bdi>, so their direction cannot reorder the sentence.

import { useMemo } from 'react';
import { useAppState, useAppStore } from '../context';
import { selectOp, setTab } from '../state/actions';
import { useView } from '../state/derived';
import { formatMs } from '../format';
import { describeRequest, opVerdict, pickOperation, quorumRule, type RequestStory } from '../explain/requestStory';
import { traceIndexOf, type DownSpan } from '../traceIndex';
import { openLesson } from '../lessons/lessonState';
import { lessonById } from '../../scenario/lessons';
import { sessionAt, sessionsAt } from '../explain/sessionStory';
import type { OpView } from '../../sim/timeline';
import type { ClusterConfig } from '../../sim/types';
import './explain.css';

export function RequestView() {
  const store = useAppStore();
  const selectedOp = useAppState((s) => s.selectedOp);
  const { run, view, cursor } = useView();
  const index = traceIndexOf(run.kernel.trace);
  const cluster = run.scenario.cluster;
  const op = pickOperation(view.ops, selectedOp);
  const story = useMemo(
    () => (op ? describeRequest(op, { index, ring: run.kernel.ring, cluster, steps: run.scenario.steps, cursor }) : null),
    [op, index, run.kernel.ring, run.scenario.steps, cluster, cursor],
  );
  const running = useMemo(() => sessionsAt(index, cursor).filter((s) => sessionAt(index, s, cursor).running), [index, cursor]);
  return (
    <div className="request-view">
      {running.length > 0 && (
        <p className="session-hint">
          Anti-entropy {running.map((s) => `${s.initiator} ↔ ${s.peer}`).join(', ')} is running.{' '}
          <button type="button" className="link-button" onClick={() => setTab(store, 'merkle')}>
            Watch it in the Merkle tab
          </button>
        </p>
      )}
      {story ? (
        <Story story={story} cluster={cluster} downSpans={traceIndexOf(run.kernel.trace).downSpans} followingLatest={op?.op === pickOperation(view.ops, null)?.op} onFollow={() => selectOp(store, null)} />
      ) : (
        <p className="hint-text">No read or write has started yet. Play the scenario, or send one with the Operations form under the ring.</p>
      )}
      {!story && <QuorumRule cluster={cluster} story={null} />}
      <OperationList ops={view.ops} shown={op?.op ?? null} onChoose={(id) => selectOp(store, id)} />
    </div>
  );
}

function Story({ story, cluster, downSpans, followingLatest, onFollow }: { story: RequestStory; cluster: ClusterConfig; downSpans: readonly DownSpan[]; followingLatest: boolean; onFollow: () => void }) {
  const { op } = story;
  return (
    <section className="request-story" aria-label="Request">
      <h3 className="request-title">
        <span className="op-what">
          {op.type} <bdi>{op.key}</bdi>
          {op.type === 'put' && (
            <>
              {' = '}
              <bdi>{JSON.stringify(op.value ?? '')}</bdi>
            </>
          )}
        </span>
        <span className={`status-chip tone-${story.tone}`}>{story.tone === 'pending' ? 'in progress' : story.tone === 'ok' ? (story.isRead ? 'answered' : 'acknowledged') : story.tone === 'stale' && !story.isRead ? 'lost' : story.tone}</span>
      </h3>
      <p className="request-meta">
        client <strong><bdi>{op.client}</bdi></strong> · coordinator <strong>{op.coordinator ?? 'none'}</strong> · started at {formatMs(op.startMs)}
        {!followingLatest && (
          <>
            {' '}
            ·{' '}
            <button type="button" className="link-button" onClick={onFollow}>
              Show the latest instead
            </button>
          </>
        )}
      </p>
      <p className={`outcome tone-${story.tone}`}>{story.sentence}</p>
      {story.verdict && <p className="verdict">{story.verdict}</p>}
      {story.broken && <p className="verdict session-broken">{story.broken}</p>}
      <QuorumSlots story={story} />
      <Replicas story={story} downSpans={downSpans} />
      <QuorumRule cluster={cluster} story={story} />
    </section>
  );
}

/** W (or R) slots filling as acks (replies) arrive. */
function QuorumSlots({ story }: { story: RequestStory }) {
  const { quorumName, quorum, counted } = story;
  const noun = story.isRead ? 'replies' : 'acks';
  const slots = Array.from({ length: quorum }, (_, i) => counted[i] ?? null);
  const extra = counted.slice(quorum);
  return (
    <div className="quorum-slots" role="group" aria-label={`${quorumName} = ${quorum}: ${Math.min(counted.length, quorum)} of ${quorum} ${noun} counted`}>
      <span className="slots-label">
        {quorumName} = {quorum} {story.isRead ? 'read replies' : 'write acks'} needed
        {quorum !== story.clusterQuorum && <span className="hint-text"> (this request's own {quorumName}; the cluster's is {story.clusterQuorum})</span>}
      </span>
      <span className="slots" aria-hidden="true">
        {slots.map((node, i) => (
          <span key={i} className={node ? 'slot filled' : 'slot'}>
            {node ? `✓ ${node}` : '·'}
          </span>
        ))}
        {extra.map((node, i) => (
          <span key={`x${i}`} className="slot extra" title={`counted after ${quorumName} was met`}>
            + {node} after {quorumName}
          </span>
        ))}
      </span>
    </div>
  );
}

/** Why a node the coordinator knew unreachable was: dead, or cut off from it. */
function unreachableWhy(node: string, atMs: number, downSpans: readonly DownSpan[]): string {
  return downSpans.some((s) => s.node === node && s.fromMs <= atMs && s.toMs > atMs) ? `${node} (down)` : `${node} (cut off)`;
}

function Replicas({ story, downSpans }: { story: RequestStory; downSpans: readonly DownSpan[] }) {
  const { targets, skipped, homes, repaired } = story;
  return (
    <div className="replicas">
      <p className="pref-line">
        Home replicas of <strong><bdi>{story.op.key}</bdi></strong> (its preference list): {homes.join(', ')}
      </p>
      {targets.length > 0 && (
        <table className="data-table replica-table">
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Role</th>
              <th scope="col">What happened</th>
            </tr>
          </thead>
          <tbody>
            {targets.map((t) => (
              <tr key={t.node} className={`target state-${t.state.replace(' ', '-')}`}>
                <th scope="row">{t.node}</th>
                <td className="role-cell">{t.rank !== null ? `home #${t.rank}` : t.standsInFor ? `substitute for ${t.standsInFor}` : 'substitute'}</td>
                <td>
                  {t.words}
                  {t.answeredMs !== undefined && t.state === 'answered' && <span className="hint-text"> at {formatMs(t.answeredMs)}</span>}
                  {repaired.includes(t.node) && <span className="repaired"> · then repaired (it was stale)</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {skipped.length > 0 && (
        <p className="skipped">
          Not asked: {skipped.map((n) => unreachableWhy(n, story.op.startMs, downSpans)).join(', ')} — the coordinator knew {skipped.length === 1 ? 'it was' : 'they were'} unreachable.
        </p>
      )}
    </div>
  );
}

/** The lesson that shows what W + R > N does not promise. */
const LIMITS_LESSON = lessonById('quorum-edge-cases');

function QuorumRule({ cluster, story }: { cluster: ClusterConfig; story: RequestStory | null }) {
  const store = useAppStore();
  const rule = quorumRule(cluster);
  const own = story && story.quorum !== story.clusterQuorum ? story : null;
  return (
    <section className="quorum-rule" aria-label="Quorum rule">
      <p className="numbers">
        <strong>N = {cluster.n}</strong> copies of each key · <strong>W = {cluster.w}</strong> {cluster.w === 1 ? 'ack finishes' : 'acks finish'} a write · <strong>R = {cluster.r}</strong>{' '}
        {cluster.r === 1 ? 'reply finishes' : 'replies finish'} a read
      </p>
      <p className={rule.safe ? 'rule safe' : 'rule risky'}>{rule.sentence}.</p>
      {own && (
        <p className="rule own">
          This request asked for {own.quorumName} = {own.quorum}: {quorumRule({ ...cluster, ...(own.isRead ? { r: own.quorum } : { w: own.quorum }) }).sentence}.
        </p>
      )}
      {rule.caveat && (
        <p className="rule caveat">
          {rule.caveat}.{' '}
          {LIMITS_LESSON && (
            <button type="button" className="link-button" onClick={() => openLesson(store, LIMITS_LESSON.id)}>
              Lesson {LIMITS_LESSON.number}: {LIMITS_LESSON.title}
            </button>
          )}
        </p>
      )}
    </section>
  );
}

/** How many of the latest operations the list shows: a long run has
 *  thousands, and drawing them all made every Timeline jump slow. */
const LISTED_OPS = 40;

function OperationList({ ops, shown, onChoose }: { ops: ReadonlyMap<number, OpView>; shown: number | null; onChoose: (op: number) => void }) {
  const all = [...ops.values()].sort((a, b) => a.startMs - b.startMs || a.op - b.op);
  if (all.length === 0) return null;
  const list = all.slice(-LISTED_OPS);
  return (
    <section className="op-list" aria-label="Operation history">
      <h4>Operations so far{all.length > list.length ? ` (latest ${list.length} of ${all.length})` : ''}</h4>
      <ol start={all.length - list.length + 1}>
        {list.map((op) => {
          const verdict = opVerdict(op);
          return (
            <li key={op.op}>
              <button type="button" aria-current={op.op === shown ? 'true' : undefined} className={op.op === shown ? 'op-item current' : 'op-item'} onClick={() => onChoose(op.op)}>
                <span className="op-time">{formatMs(op.startMs)}</span> <bdi>{op.client}</bdi> {op.type} <bdi>{op.key}</bdi>: <span className={`verdict-word v-${verdict}`}>{verdict}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
