// The top bar: the scenario's title (user text: always rendered as text),
// sharing and export.

import { useState } from 'react';
import { encodeScenario } from '../../scenario';
import { useAppState, useAppStore } from '../context';
import { useRun } from '../state/derived';

export function Header({ onShowShortcuts }: { onShowShortcuts: () => void }) {
  const store = useAppStore();
  const title = useAppState((s) => s.scenario.title);
  const run = useRun();
  const [status, setStatus] = useState('');

  const copyLink = async () => {
    const { scenario, cursor } = store.getState();
    const url = `${location.origin}${location.pathname}${location.search}${encodeScenario(scenario, { at: cursor })}`;
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Link copied');
    } catch {
      setStatus('Could not reach the clipboard; the link is in the address bar');
      history.replaceState(null, '', url);
    }
  };

  const exportTrace = () => {
    const blob = new Blob([`${JSON.stringify(run.report(), null, 2)}\n`], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'ringside-trace.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  return (
    <header className="top-bar">
      <h1>Ringside</h1>
      <p className="scenario-title">{title}</p>
      <div className="top-actions">
        <button type="button" onClick={() => void copyLink()}>
          Copy link
        </button>
        <button type="button" onClick={exportTrace}>
          Export trace
        </button>
        <button type="button" onClick={onShowShortcuts} aria-keyshortcuts="?">
          Shortcuts
        </button>
        <span role="status" className="status">
          {status}
        </span>
      </div>
    </header>
  );
}
