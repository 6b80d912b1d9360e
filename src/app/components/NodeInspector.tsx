// The Node tab: the selected node's machines, stored keys with their
// versions, tombstones with their age, and the hints it holds — plus the
// fault tools that act on it (Kill / Revive, contract 3).

import { useAppState, useAppStore } from '../context';
import { act } from '../state/actions';
import { useView } from '../state/derived';
import { formatMs, formatSkew, formatValue, formatVersion } from '../format';

export function NodeInspector() {
  const store = useAppStore();
  const selected = useAppState((s) => s.selectedNode);
  const { view } = useView();
  if (selected === null) return <p className="hint-text">Select a node on the ring to inspect it.</p>;
  const node = view.nodes.get(selected);
  if (!node) return null;
  const entries = [...node.data.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return (
    <div className="inspector">
      <h3>
        {node.id} is {node.up ? 'up' : 'down'}
        {node.skewMs !== 0 && <span className="skew-note"> · clock {formatSkew(node.skewMs)}</span>}
      </h3>
      <div className="tool-row">
        <button type="button" disabled={!node.up} onClick={() => act(store, { do: 'kill', node: node.id })}>
          Kill {node.id}
        </button>
        <button type="button" disabled={node.up} onClick={() => act(store, { do: 'revive', node: node.id })}>
          Revive {node.id}
        </button>
      </div>
      <p className="machine-states">
        Machines: replica <strong>{node.up ? 'up' : 'down'}</strong>, coordinator <strong>{node.up ? 'up' : 'down'}</strong>, anti-entropy{' '}
        <strong>{node.up ? 'up' : 'down'}</strong>
        {node.knownDown.size > 0 && <> · believes {[...node.knownDown].sort().join(', ')} unreachable</>}
      </p>
      <h4>Stored keys</h4>
      {entries.length === 0 ? (
        <p className="hint-text">{node.wiped ? 'Its disk was wiped: nothing stored.' : 'Nothing stored yet.'}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Value</th>
              <th scope="col">Version</th>
            </tr>
          </thead>
          <tbody>
            {entries.flatMap(([key, siblings]) =>
              siblings.map((s, i) => (
                <tr key={`${key}-${i}`} className={s.value === null ? 'tombstone' : undefined}>
                  <td>{i === 0 ? key : ''}</td>
                  <td>
                    {formatValue(s)}
                    {s.value === null && node.tombstonedAt.has(key) && <> · age {formatMs(view.timeMs - node.tombstonedAt.get(key)!)}</>}
                  </td>
                  <td>{formatVersion(s)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
      <h4>Hints held</h4>
      {node.hints.size === 0 ? (
        <p className="hint-text">No hints.</p>
      ) : (
        <ul>
          {[...node.hints.values()].map((h, i) => (
            <li key={i}>
              {h.key} for {h.for}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
