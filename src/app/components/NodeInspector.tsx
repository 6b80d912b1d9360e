// The Node tab: the selected node's machines (replica, coordinator,
// anti-entropy) in their real states, with the requests, hint replays and
// sessions each has open (each a machine of its own), the keys it
// stores with their versions, tombstones with their age, the hints it holds
// for others, its clock skew and its Merkle roots — plus the fault tools that
// act on it (Kill / Revive of contract 3, a crash that wipes the disk, skew).
// A node may hold thousands of keys: the table shows them a page at a time,
// with a filter, so selecting such a node draws a page, not every row.

import { useMemo, useState } from 'react';
import { useAppState, useAppStore } from '../context';
import { act, selectOp } from '../state/actions';
import { useView } from '../state/derived';
import { formatCount, formatMs, formatSkew, formatValue, formatVersion } from '../format';
import { traceIndexOf } from '../traceIndex';
import { sessionAt } from '../explain/sessionStory';
import { hashHex, rootsOf } from '../explain/merkleLayout';
import { checkSkew } from '../operations/validate';
import { sentText } from '../../sim/requestText';
import type { NodeView } from '../../sim/timeline';
import type { Sibling } from '../../sim/versions';
import './explain.css';

export function NodeInspector() {
  const selected = useAppState((s) => s.selectedNode);
  const { view } = useView();
  if (selected === null) return <p className="hint-text">Select a node on the ring to inspect it.</p>;
  const node = view.nodes.get(selected);
  if (!node) return null;
  return <Inspector key={node.id} node={node} />;
}

function Inspector({ node }: { node: NodeView }) {
  const store = useAppStore();
  const { run, view, cursor } = useView();
  const cluster = run.scenario.cluster;
  // node.data is an immutable snapshot: sorted again only when the node's data changes.
  const entries = useMemo(() => [...node.data.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), [node.data]);
  const index = traceIndexOf(run.kernel.trace);
  const requests = [...view.ops.values()].filter((o) => o.coordinator === node.id && !o.closed);
  const sessions = useMemo(
    () => [...index.sessions.values()].filter((s) => s.startE <= cursor && (s.initiator === node.id || s.peer === node.id)).map((s) => sessionAt(index, s, cursor)).filter((s) => s.running),
    [index, cursor, node.id],
  );
  const roots = useMemo(
    // node.data is an immutable snapshot shared until the node's data changes, so roots are recomputed only then.
    () => rootsOf(node.data, run.kernel.ring, node.id, cluster.antiEntropy.merkleDepth),
    [node.data, run.kernel.ring, node.id, cluster.antiEntropy.merkleDepth],
  );
  const nonEmpty = roots.filter((r) => r.keys > 0);
  // Ranges with keys first; with many vnodes a node holds hundreds of ranges.
  const shownRoots = [...nonEmpty, ...roots.filter((r) => r.keys === 0)].slice(0, MAX_ROOTS);
  const state = node.up ? 'up' : 'down';
  const replays = [...node.machines.entries()].filter(([id]) => id.startsWith('replay-'));
  const vector = cluster.conflicts === 'vector';
  return (
    <div className="inspector">
      <h3>
        {node.id} is {state}
        {node.wiped && <span className="skew-note"> · its disk was wiped</span>}
        {node.skewMs !== 0 && <span className="skew-note"> · clock {formatSkew(node.skewMs)}</span>}
      </h3>
      <div className="tool-row">
        <button type="button" disabled={!node.up} onClick={() => act(store, { do: 'kill', node: node.id })}>
          Kill {node.id}
        </button>
        <button type="button" disabled={node.up} onClick={() => act(store, { do: 'revive', node: node.id })}>
          Revive {node.id}
        </button>
        <button type="button" className="danger" onClick={() => act(store, { do: 'kill', node: node.id, wipe: true })}>
          {node.up ? `Crash ${node.id} and wipe its disk` : `Wipe ${node.id}'s disk`}
        </button>
      </div>
      <h4>Stored keys</h4>
      {entries.length === 0 ? (
        <p className="hint-text">{node.wiped ? 'Its disk was wiped: nothing stored.' : 'Nothing stored yet.'}</p>
      ) : (
        <StoredKeys
          node={node}
          entries={entries}
          vector={vector}
          tombstoneAge={(key) => (node.tombstonedAt.has(key) ? `age ${formatMs(view.timeMs - node.tombstonedAt.get(key)!)} of ${formatMs(cluster.tombstoneGraceMs)} grace` : null)}
        />
      )}

      <h4>Hints held for other nodes</h4>
      {node.hints.size === 0 ? (
        <p className="hint-text">No hints.</p>
      ) : (
        <ul>
          {[...node.hints.entries()].map(([id, h]) => (
            <li key={id}>
              <bdi>{h.key}</bdi> for {h.for}
              <span className="hint-text"> — handed back once {h.for} is reachable</span>
            </li>
          ))}
        </ul>
      )}

      <h4>Machines</h4>
      <ul className="machines">
        <li>
          replica: <MachineState state={node.machines.get('replica') ?? state} />
          {node.knownDown.size > 0 && <span className="hint-text"> · believes {[...node.knownDown].sort().join(', ')} unreachable</span>}
          {replays.length > 0 && (
            <ul>
              {replays.map(([id, s]) => (
                <li key={id}>
                  handing hints back to {id.slice('replay-'.length)}: <MachineState state={s} />
                </li>
              ))}
            </ul>
          )}
        </li>
        <li>
          coordinator: <MachineState state={node.machines.get('coordinator') ?? state} />
          {requests.length === 0 ? (
            <span className="hint-text"> · no open requests</span>
          ) : (
            <ul>
              {requests.map((o) => (
                <li key={o.op}>
                  <button type="button" className="link-button" onClick={() => selectOp(store, o.op)}>
                    <bdi>{o.client}</bdi> {o.type} <bdi>{o.key}</bdi>
                  </button>
                  : <MachineState state={o.phase} />
                  {o.sent && <span className="hint-text"> ({sentText(o.sent)})</span>}
                </li>
              ))}
            </ul>
          )}
        </li>
        <li>
          anti-entropy: <MachineState state={node.machines.get('antiEntropy') ?? state} />
          {sessions.length === 0 ? (
            <span className="hint-text"> · no open sessions</span>
          ) : (
            <ul>
              {sessions.map((s) => (
                <li key={s.facts.session}>
                  with {s.facts.initiator === node.id ? s.facts.peer : s.facts.initiator}: <MachineState state={node.machines.get(`ae-${s.facts.session}`) ?? 'done'} />
                  <span className="hint-text"> ({s.phase})</span>
                </li>
              ))}
            </ul>
          )}
        </li>
      </ul>

      <h4>Clock</h4>
      <SkewTool node={node} vector={vector} onSet={(offsetMs) => act(store, { do: 'skew', node: node.id, offsetMs })} />

      <h4>Merkle roots</h4>
      <p className="hint-text">
        One tree per key range it holds, 2<sup>{cluster.antiEntropy.merkleDepth}</sup> leaves each; two replicas with equal roots hold the same data there.
      </p>
      <table className="data-table roots-table">
        <thead>
          <tr>
            <th scope="col">Key range</th>
            <th scope="col">Replicas</th>
            <th scope="col">Keys</th>
            <th scope="col">Root hash</th>
          </tr>
        </thead>
        <tbody>
          {shownRoots.map((r) => (
            <tr key={r.held.index}>
              <td>{r.held.index + 1}</td>
              <td>{r.held.replicas.join(', ')}</td>
              <td>{r.keys}</td>
              <td className="mono">{r.keys === 0 ? '0 (empty)' : hashHex(r.root)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {roots.length > shownRoots.length && (
        <p className="hint-text">
          …and {roots.length - shownRoots.length} more key ranges ({roots.filter((r) => r.keys > 0).length - shownRoots.filter((r) => r.keys > 0).length} of them holding keys).
        </p>
      )}
    </div>
  );
}

/** Merkle roots listed at most. */
const MAX_ROOTS = 8;

/** Keys listed per page of the Stored keys table. */
export const KEYS_PER_PAGE = 50;

export interface KeyPage {
  /** The keys of this page, with their siblings. */
  shown: readonly (readonly [string, readonly Sibling[]])[];
  /** Keys that match the filter (all of them without one). */
  matching: number;
  /** The page shown (0-based, clamped to the pages there are) and how many there are. */
  page: number;
  pages: number;
  /** Position of the page's first key among the matching ones (0-based). */
  first: number;
}

/** One page of `entries` (sorted by key): those whose key contains `filter`
 *  (ignoring case), `size` at a time. */
export function pageOfKeys(entries: readonly (readonly [string, readonly Sibling[]])[], filter: string, page: number, size = KEYS_PER_PAGE): KeyPage {
  const needle = filter.trim().toLowerCase();
  const matching = needle === '' ? entries : entries.filter(([key]) => key.toLowerCase().includes(needle));
  const pages = Math.max(1, Math.ceil(matching.length / size));
  const at = Math.min(Math.max(0, page), pages - 1);
  return { shown: matching.slice(at * size, (at + 1) * size), matching: matching.length, page: at, pages, first: at * size };
}

function StoredKeys({
  node,
  entries,
  vector,
  tombstoneAge,
}: {
  node: NodeView;
  entries: readonly (readonly [string, readonly Sibling[]])[];
  vector: boolean;
  tombstoneAge: (key: string) => string | null;
}) {
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(0);
  const shown = pageOfKeys(entries, filter, page);
  const filterId = `keys-filter-${node.id}`;
  const paged = entries.length > KEYS_PER_PAGE;
  const typed = <bdi>{filter.trim()}</bdi>;
  const range =
    shown.matching === 0 ? (
      <>No key of {node.id} contains “{typed}”.</>
    ) : (
      <>
        Keys {formatCount(shown.first + 1)}–{formatCount(shown.first + shown.shown.length)} of {formatCount(shown.matching)}
        {shown.matching < entries.length && (
          <>
            {' '}
            matching “{typed}” ({formatCount(entries.length)} stored)
          </>
        )}
        .
      </>
    );
  return (
    <>
      {paged && (
        <div className="keys-pager">
          <label htmlFor={filterId}>Filter keys</label>{' '}
          <input
            id={filterId}
            type="search"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              setPage(0);
            }}
          />{' '}
          <button type="button" disabled={shown.page === 0} onClick={() => setPage(shown.page - 1)}>
            Previous {KEYS_PER_PAGE} keys
          </button>{' '}
          <button type="button" disabled={shown.page >= shown.pages - 1} onClick={() => setPage(shown.page + 1)}>
            Next {KEYS_PER_PAGE} keys
          </button>
          <p className="hint-text" aria-live="polite">
            {range}
          </p>
        </div>
      )}
      {shown.shown.length > 0 && (
        <table className="data-table keys-table">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Value</th>
              <th scope="col">{vector ? 'Version: dot, causal context' : 'Version: timestamp (coordinator clock)'}</th>
            </tr>
          </thead>
          <tbody>
            {shown.shown.flatMap(([key, siblings]) =>
              siblings.map((s, i) => {
                const age = s.value === null ? tombstoneAge(key) : null;
                return (
                  <tr key={`${key}-${i}`} className={s.value === null ? 'tombstone' : undefined}>
                    <td>
                      {i === 0 ? <bdi>{key}</bdi> : ''}
                      {i === 0 && siblings.length > 1 && <span className="hint-text"> ({siblings.length} siblings)</span>}
                    </td>
                    <td className="value-cell">
                      <bdi>{formatValue(s)}</bdi>
                      {age !== null && <span className="hint-text"> · {age}</span>}
                    </td>
                    <td>{formatVersion(s)}</td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      )}
    </>
  );
}

function SkewTool({ node, vector, onSet }: { node: NodeView; vector: boolean; onSet: (offsetMs: number) => void }) {
  const [text, setText] = useState(String(node.skewMs));
  const [tried, setTried] = useState(false);
  const checked = checkSkew(node.id, text);
  const error = !checked.ok && tried ? checked.errors.offsetMs : undefined;
  const id = `skew-${node.id}`;
  return (
    <form
      className="skew-tool"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (checked.ok && checked.step.do === 'skew') onSet(checked.step.offsetMs);
      }}
    >
      <label htmlFor={id}>Clock skew of {node.id} (ms)</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-note`}
      />
      <button type="submit">Set clock skew</button>
      {error ? (
        <span id={`${id}-note`} role="alert" className="field-error">
          {error}
        </span>
      ) : (
        <span id={`${id}-note`} className="field-note">
          {vector
            ? 'Timestamps come from this clock, but in vector mode clocks decide nothing: a version replaces only what its writer had seen, and concurrent versions are kept side by side, with no winner.'
            : 'LWW timestamps come from this clock (+ runs ahead, − behind): the latest timestamp wins.'}
        </span>
      )}
    </form>
  );
}

/** A machine's state, as its statechart names it. */
function MachineState({ state }: { state: string }) {
  return <strong className={`m-${state}`}>{state}</strong>;
}
