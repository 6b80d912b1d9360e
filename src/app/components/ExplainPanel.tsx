// The explain zone: tabs Request / Node / Merkle (one open at a time), and
// the Metrics region, which is always shown so its figures can be read at
// any moment (contract 3 names it a region; a hidden tab would hide it).

import type { KeyboardEvent } from 'react';
import { useAppState, useAppStore } from '../context';
import { setTab } from '../state/actions';
import type { ExplainTab } from '../state/store';
import { MetricsPanel } from './MetricsPanel';
import { NodeInspector } from './NodeInspector';
import { RequestView } from './RequestView';
import { MerkleView } from './MerkleView';

const TABS: [ExplainTab, string][] = [
  ['request', 'Request'],
  ['node', 'Node'],
  ['merkle', 'Merkle'],
];

export function ExplainPanel() {
  const store = useAppStore();
  const tab = useAppState((s) => s.tab);
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex(([t]) => t === tab);
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]![0];
      setTab(store, next);
      document.getElementById(`tab-${next}`)?.focus();
    }
  };
  return (
    <aside className="explain" aria-label="Explain">
      <div role="tablist" aria-label="Explain" className="tabs" onKeyDown={onKey}>
        {TABS.map(([id, label]) => (
          <button
            key={id}
            id={`tab-${id}`}
            type="button"
            role="tab"
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(store, id)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel" tabIndex={0}>
        {tab === 'request' && <RequestView />}
        {tab === 'node' && <NodeInspector />}
        {tab === 'merkle' && <MerkleView />}
      </div>
      <MetricsPanel />
    </aside>
  );
}
