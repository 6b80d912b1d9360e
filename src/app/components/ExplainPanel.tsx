// The explain zone: tabs Request / Node / Merkle / Machine (one open at a
// time; all but Request load when first opened, the Machine tab with its
// graph layout library), and
// the Metrics region, which is always shown so its figures can be read at
// any moment (contract 3 names it a region; a hidden tab would hide it).

import { lazy, Suspense, type KeyboardEvent } from 'react';
import { useAppState, useAppStore } from '../context';
import { setTab } from '../state/actions';
import type { ExplainTab } from '../state/store';
import { MetricsPanel } from './MetricsPanel';
import { RequestView } from './RequestView';

// Every tab but Request loads when first opened: the first view's script
// stays small (docs/BENCHMARKS.md, "Initial JavaScript").
const NodeInspector = lazy(() => import('./NodeInspector').then((m) => ({ default: m.NodeInspector })));
const MerkleView = lazy(() => import('./MerkleView').then((m) => ({ default: m.MerkleView })));
const MachineView = lazy(() => import('./MachineView'));

const TABS: [ExplainTab, string][] = [
  ['request', 'Request'],
  ['node', 'Node'],
  ['merkle', 'Merkle'],
  ['machine', 'Machine'],
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
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className={`tab-panel tab-${tab}`} tabIndex={0}>
        {tab === 'request' && <RequestView />}
        <Suspense fallback={<p className="hint-text">Loading…</p>}>
          {tab === 'node' && <NodeInspector />}
          {tab === 'merkle' && <MerkleView />}
          {tab === 'machine' && <MachineView />}
        </Suspense>
      </div>
      <MetricsPanel />
    </aside>
  );
}
