// The Merkle tab: the two replicas of an anti-entropy session, their trees
// for each key range they share side by side (rebuilt from their data at
// the cursor), each level lighting up as its hash message arrives, the
// differing leaves and the keys then synced, and what the tree saved: hashes
// compared against every leaf of a flat comparison.

import { Fragment, useMemo, useState } from 'react';
import { useView } from '../state/derived';
import { formatCount, formatMs, isolate } from '../format';
import { traceIndexOf, type SessionFacts, type TraceIndex } from '../traceIndex';
import { nodeKey, sessionAt, sessionsAt, type Comparison, type SessionAt } from '../explain/sessionStory';
import { layoutComparison, treesOf } from '../explain/merkleLayout';
import { skipped, TreeSvg } from './MerkleTreeSvg';
import type { SparseMerkle } from '../explain/sparseMerkle';
import type { HeldRange } from '../../sim/ring';
import type { NodeId } from '../../sim/types';
import './explain.css';

interface RangePair {
  held: HeldRange;
  a: SparseMerkle;
  b: SparseMerkle;
  stateOf: (level: number, index: number) => Comparison | undefined;
  rootState: Comparison | undefined;
  rootsDifferNow: boolean;
  keysHeld: number;
}

export function MerkleView() {
  const { run, view, cursor } = useView();
  const [chosen, setChosen] = useState<string | null>(null);
  const index = traceIndexOf(run.kernel.trace);
  const depth = run.scenario.cluster.antiEntropy.merkleDepth;
  const sessions = useMemo(() => sessionsAt(index, cursor), [index, cursor]);
  const picked = useMemo(() => {
    if (sessions.length === 0) return null;
    const hit = chosen === null ? undefined : sessions.find((s) => s.session === chosen);
    if (hit) return hit;
    return sessions.find((s) => sessionAt(index, s, cursor).running) ?? sessions[0]!;
  }, [sessions, chosen, index, cursor]);
  const detail = useMemo(() => {
    if (!picked) return null;
    const at = sessionAt(index, picked, cursor);
    const ring = run.kernel.ring;
    const a = view.nodes.get(picked.initiator);
    const b = view.nodes.get(picked.peer);
    if (!a || !b) return null;
    const shared = ring.ranges.filter((r) => r.replicas.includes(picked.initiator) && r.replicas.includes(picked.peer));
    const treesA = treesOf(a.data, ring, shared, depth);
    const treesB = treesOf(b.data, ring, shared, depth);
    const pairs: RangePair[] = shared.map((held) => {
      const ta = treesA.get(held.index)!;
      const tb = treesB.get(held.index)!;
      const stateOf = (level: number, i: number) => at.compared.get(nodeKey(held.index, level, i));
      const keys = new Set([...ta.allKeys(), ...tb.allKeys()]);
      return { held, a: ta, b: tb, stateOf, rootState: stateOf(0, 0), rootsDifferNow: ta.root() !== tb.root(), keysHeld: keys.size };
    });
    return { at, pairs };
  }, [picked, index, cursor, run.kernel.ring, view.nodes, depth]);

  if (!picked || !detail) {
    return <p className="hint-text">No anti-entropy session yet. Use “Run anti-entropy repair” under the ring (or a scenario with periodic anti-entropy) to compare two replicas' Merkle trees here.</p>;
  }
  const { at, pairs } = detail;
  const differing = pairs.filter((p) => p.rootState === 'differs' || p.rootsDifferNow);
  const equal = pairs.filter((p) => !(p.rootState === 'differs' || p.rootsDifferNow));
  const a = picked.initiator;
  const b = picked.peer;
  const leavesPerRange = 2 ** depth;
  const flat = leavesPerRange * Math.max(1, pairs.length);
  const keysHeld = pairs.reduce((n, p) => n + p.keysHeld, 0);
  return (
    <div className="merkle-view">
      {sessions.length > 1 && (
        <p className="session-picker">
          <label htmlFor="merkle-session">Session</label>{' '}
          <select id="merkle-session" value={picked.session} onChange={(e) => setChosen(e.target.value)}>
            {sessions.map((s) => (
              <option key={s.session} value={s.session}>
                {s.initiator} ↔ {s.peer} at {formatMs(s.startT)}
                {sessionOutcome(index, s, cursor)}
              </option>
            ))}
          </select>
        </p>
      )}
      <h3 className="session-title">
        Anti-entropy {a} ↔ {b}: {at.running ? at.phase : `finished — ${at.outcome ?? 'done'}`}
      </h3>
      <p className="hash-counter">
        Hashes compared: <strong>{formatCount(at.hashesCompared)}</strong> — a flat scan would compare {formatCount(flat)} leaf hashes
        {pairs.length > 1 ? ` (${pairs.length} key ranges × ${formatCount(leavesPerRange)} leaves)` : ''}.
        {keysHeld > 0 && (
          <>
            {' '}
            Keys sent: <strong>{at.keysSent}</strong> of the {keysHeld} they hold there.
          </>
        )}
      </p>
      {differing.slice(0, MAX_TREES).map((p) => (
        <RangeTrees key={p.held.index} pair={p} a={a} b={b} at={at} />
      ))}
      {differing.length > MAX_TREES && (
        <p className="range-line">
          {differing.length - MAX_TREES} more key range{differing.length - MAX_TREES === 1 ? '' : 's'} differ:{' '}
          {differing
            .slice(MAX_TREES, MAX_TREES + MAX_LISTED)
            .map((p) => p.held.index + 1)
            .join(', ')}
          {differing.length > MAX_TREES + MAX_LISTED ? ', …' : '.'}
        </p>
      )}
      {equal.length <= 3 ? (
        equal.map((p) => <RangeTrees key={p.held.index} pair={p} a={a} b={b} at={at} />)
      ) : (
        <p className="range-line">
          {equal.length} other shared key ranges: <span className="state-equal">roots equal{equal.every((p) => p.rootState === 'equal') ? ' when compared, so nothing below them was compared' : ''}</span>.
        </p>
      )}
      <LeafList at={at} pairs={pairs} leavesPerRange={leavesPerRange} />
      <MessageLog at={at} depth={depth} />
      <p className="session-intro">
        {a} started this session at {formatMs(picked.startT)}. For each key range both hold, each replica keeps a Merkle tree with 2<sup>{depth}</sup> ={' '}
        {formatCount(leavesPerRange)} leaves: a leaf hashes the keys that fall in it, a parent hashes its two children. They compare from the root down and open only
        subtrees whose hashes differ, then exchange just the keys of differing leaves.
      </p>
    </div>
  );
}

/** Trees drawn at most; more differing ranges are listed by number. */
const MAX_TREES = 3;
/** Leaves and keys listed at most; the rest are counted. */
const MAX_LISTED = 12;

function sessionOutcome(index: TraceIndex, s: SessionFacts, cursor: number): string {
  const at = sessionAt(index, s, cursor);
  return at.running ? ' — running' : at.outcome ? ` — ${at.outcome}` : '';
}

function rangeName(held: HeldRange): string {
  return `Key range ${held.index + 1} (held by ${held.replicas.join(', ')})`;
}

function RangeTrees({ pair, a, b, at }: { pair: RangePair; a: NodeId; b: NodeId; at: SessionAt }) {
  const { held, rootState, rootsDifferNow } = pair;
  if (rootState !== 'differs' && !rootsDifferNow) {
    const how = rootState === 'equal' ? 'roots compared: equal, so nothing below was compared' : rootState ? `root hash ${rootState}` : 'roots equal';
    return (
      <p className="range-line">
        {rangeName(held)}: <span className="state-equal">{how}</span>
      </p>
    );
  }
  const layout = layoutComparison(pair.a, pair.b, pair.stateOf);
  return (
    <section className="range-trees" aria-label={rangeName(held)}>
      <h4>{rangeName(held)}</h4>
      <div className="tree-pair">
        <TreeSvg layout={layout} owner={a} side="a" synced={at.synced} />
        <TreeSvg layout={layout} owner={b} side="b" synced={at.synced} />
      </div>
      <p className="tree-key" aria-hidden="true">
        <span className="k-equal">=</span> equal · <span className="k-differs">≠</span> differs · <span className="k-flight">…</span> hash on its way · ▾ subtree not opened · ⇐ key
        synced in{skipped(layout)}
      </p>
    </section>
  );
}

function LeafList({ at, pairs, leavesPerRange }: { at: SessionAt; pairs: RangePair[]; leavesPerRange: number }) {
  const leaves = at.differingLeaves;
  if (leaves.length === 0) {
    const comparing = at.running ? 'No differing leaf found yet.' : 'No leaf differed: the replicas already agreed.';
    return <p className="leaf-summary">{comparing}</p>;
  }
  return (
    <section className="leaf-summary" aria-label="Differing leaves">
      <h4>Differing leaves</h4>
      <ul>
        {leaves.slice(0, MAX_LISTED).map((l) => {
          const pair = pairs.find((p) => p.held.index === l.range);
          const keys = pair ? [...new Set([...pair.a.leafKeys(l.index), ...pair.b.leafKeys(l.index)])].sort() : [];
          return (
            <li key={`${l.range}:${l.index}`}>
              <span className="state-differs">
                Leaf {l.index + 1} of {formatCount(leavesPerRange)} in key range {l.range + 1} differs
              </span>
              {keys.length > 0 && (
                <>
                  {' — keys in it: '}
                  {keys.map((k, i) => (
                    <Fragment key={k}>
                      {i > 0 ? ', ' : ''}
                      <bdi>{k}</bdi>
                    </Fragment>
                  ))}
                </>
              )}
            </li>
          );
        })}
        {leaves.length > MAX_LISTED && <li className="hint-text">…and {leaves.length - MAX_LISTED} more differing leaves</li>}
      </ul>
      {at.synced.length > 0 ? (
        <p>
          Synced{at.synced.length > MAX_LISTED ? ` ${at.synced.length} keys, among them` : ''}:{' '}
          {at.synced.slice(0, MAX_LISTED).map((s, i) => (
            <span key={`${s.node}:${s.key}`} className="synced-key">
              {i > 0 ? ', ' : ''}
              <bdi>{s.key}</bdi> → {s.node} at {formatMs(s.t)}
            </span>
          ))}{' '}
          (the replica lacked it or held an older version).
        </p>
      ) : (
        <p className="hint-text">{at.running ? 'The keys of these leaves are exchanged next.' : 'No key needed syncing.'}</p>
      )}
    </section>
  );
}

function MessageLog({ at, depth }: { at: SessionAt; depth: number }) {
  const levelName = (level: number) => (level === 0 ? 'root' : level === depth ? 'leaf' : `level-${level}`);
  return (
    <section className="session-log" aria-label="Message log">
      <h4>Message by message</h4>
      <ol>
        {at.levels.map((l, i) => (
          <li key={`h${i}`} className={`log-${l.state.replace(' ', '-')}`}>
            {l.from} → {l.to}: {l.count} {levelName(l.level)} hash{l.count === 1 ? '' : 'es'} —{' '}
            {l.state === 'compared' ? (l.differing > 0 ? `${l.differing} differ${l.differing === 1 ? 's' : ''}` : 'all equal') : l.state === 'lost' ? 'lost' : 'on its way'}
          </li>
        ))}
        {at.syncs.map((s, i) => (
          <li key={`s${i}`} className={`log-${s.state.replace(' ', '-')}`}>
            {s.from} → {s.to}: sync{' '}
            {s.keys.length > 0 ? `sends ${s.keys.map(isolate).join(', ')}` : s.final ? 'nothing more to send' : `of ${s.leaves.length} differing leaf${s.leaves.length === 1 ? '' : 'ves'}, no keys of its own there`}
            {s.state === 'in flight' ? ' — on its way' : s.state === 'lost' ? ' — lost' : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
