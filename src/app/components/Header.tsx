// The top bar: the scenario's title (user text: always rendered as text),
// sharing and export.

import { lazy, Suspense, useEffect, useRef, useState, type ChangeEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { encodeScenario, MAX_LINK_PAYLOAD_CHARS, parseScenarioJson } from '../../scenario';
import { loadScenario, showAlert } from '../state/actions';
import { fragmentFor } from '../state/urlSync';
import { setPresenter } from '../state/actions';
import { openLesson } from '../lessons/lessonState';
import { COMPARE_PRESETS, type CompareSpec } from '../lessons/compare';

const ShareDialog = lazy(() => import('./ShareDialog'));
const ScenarioEditor = lazy(() => import('./ScenarioEditor'));
const LessonPicker = lazy(() => import('./LessonPicker'));
import { useAppState, useAppStore } from '../context';
import { cachedRun } from '../state/run';
import { clip, formatCount, isolate } from '../format';
import { useHeightVar } from '../layout/useHeightVar';

export function Header({ onShowShortcuts, onCompare, onExplore }: { onShowShortcuts: () => void; onCompare: (spec: CompareSpec) => void; onExplore: () => void }) {
  const store = useAppStore();
  const title = useAppState((s) => s.scenario.title);
  const [status, setStatus] = useState('');
  const [share, setShare] = useState<string | null | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const [picking, setPicking] = useState(false);
  const presenter = useAppState((s) => s.presenter);
  // On a phone the header's controls sit behind a Menu button (styles.css
  // shows the button and hides the controls until it is opened).
  const [menuOpen, setMenuOpen] = useState(false);
  const bar = useRef<HTMLElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  useHeightVar(bar, '--header-h');
  useEffect(() => {
    if (!menuOpen) return;
    const away = (e: PointerEvent) => {
      if (!bar.current?.contains(e.target as Node)) setMenuOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [menuOpen]);
  // Choosing a control closes the menu; opening the Scenario submenu does not.
  const onMenuClick = (e: MouseEvent<HTMLDivElement>) => {
    if ((e.target as HTMLElement).closest('button')) setMenuOpen(false);
  };
  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape' || !menuOpen) return;
    e.preventDefault();
    setMenuOpen(false);
    menuButton.current?.focus();
  };
  const [dark, setDark] = useState(() => typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches);
  const toggleTheme = () => {
    // An explicit choice overrides the system's, for a projector that needs the other.
    document.documentElement.dataset.theme = dark ? 'light' : 'dark';
    setDark(!dark);
  };
  const openShare = () => {
    const { scenario, cursor, selectedNode } = store.getState();
    const fragment = fragmentFor(scenario, cursor, selectedNode);
    setShare(fragment === null ? null : `${location.origin}${location.pathname}${fragment}`);
  };

  const copyLink = async () => {
    const { scenario, cursor, selectedNode } = store.getState();
    const fragment = fragmentFor(scenario, cursor, selectedNode);
    if (fragment === null) {
      const chars = encodeScenario(scenario, { at: cursor }).length - 3;
      setStatus(
        `This scenario is too large for a link (${formatCount(chars)} characters; a link holds at most ${formatCount(MAX_LINK_PAYLOAD_CHARS)}). Nothing was copied: use Scenario → Export scenario to share it as a file. This browser keeps it for a reload.`,
      );
      return;
    }
    const url = `${location.origin}${location.pathname}${location.search}${fragment}`;
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Link copied');
    } catch {
      setStatus('Could not reach the clipboard; the link is in the address bar');
      history.replaceState(null, '', url);
    }
  };

  const exportTrace = () => {
    const run = cachedRun(store.getState().scenario);
    if (run) download('ringside-trace.json', run.report());
    else setStatus('The run is still being computed: export it once it is done');
  };
  const exportScenario = () => download(`${slug(store.getState().scenario.title)}.json`, store.getState().scenario);

  const fileInput = useRef<HTMLInputElement>(null);
  const importScenario = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    e.currentTarget.value = '';
    if (!file) return;
    if (file.size > 8 * 1024 * 1024) {
      showAlert(store, `“${fileName(file.name)}” is too large to be a scenario (${Math.round(file.size / 1024 / 1024)} MiB; the limit is 8 MiB).`);
      return;
    }
    const parsed = parseScenarioJson(await file.text());
    if (!parsed.ok) {
      showAlert(store, `“${fileName(file.name)}” is not a scenario Ringside can open — ${parsed.error}. Your current scenario is unchanged.`);
      return;
    }
    showAlert(store, null);
    loadScenario(store, parsed.scenario);
    setStatus(`Opened ${fileName(file.name)}`);
  };

  return (
    <header ref={bar} className="top-bar">
      <h1>Ringside</h1>
      <p className="scenario-title">{title}</p>
      <span role="status" className="status">
        {status}
      </span>
      <button ref={menuButton} type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="top-actions" onClick={() => setMenuOpen(!menuOpen)}>
        Menu
      </button>
      <div id="top-actions" className={menuOpen ? 'top-actions open' : 'top-actions'} onClick={onMenuClick} onKeyDown={onMenuKey}>
        <button type="button" onClick={() => setPicking(true)}>
          Lessons
        </button>
        <label className="secondary compare-pick">
          <span className="visually-hidden">Compare</span>
          <select
            aria-label="Compare"
            value=""
            onChange={(e) => {
              const spec = COMPARE_PRESETS[Number(e.currentTarget.value)];
              if (spec) onCompare(spec);
            }}
          >
            <option value="">Compare…</option>
            {COMPARE_PRESETS.map((p, i) => (
              <option key={i} value={i}>
                {p.a.label} vs {p.b.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={onExplore}>
          Staleness explorer
        </button>
        <button type="button" aria-pressed={presenter} aria-keyshortcuts="p" onClick={() => setPresenter(store, !presenter)}>
          Presenter mode
        </button>
        <button type="button" onClick={() => void copyLink()}>
          Copy link
        </button>
        <button type="button" onClick={openShare}>
          Share
        </button>
        <button type="button" onClick={exportTrace}>
          Export trace
        </button>
        <details className="secondary menu">
          <summary>Scenario</summary>
          <div className="menu-items">
            <button type="button" onClick={() => setEditing(true)}>
              Edit scenario
            </button>
            <button type="button" onClick={exportScenario}>
              Export scenario
            </button>
            <button type="button" onClick={() => fileInput.current?.click()}>
              Import scenario
            </button>
          </div>
        </details>
        <input ref={fileInput} type="file" accept="application/json,.json" className="visually-hidden" tabIndex={-1} aria-hidden="true" onChange={(e) => void importScenario(e)} />
        <button type="button" className="secondary" aria-pressed={dark} onClick={toggleTheme}>
          Dark theme
        </button>
        <button type="button" onClick={onShowShortcuts} aria-keyshortcuts="?">
          Shortcuts
        </button>
      </div>
      {picking && (
        <Suspense fallback={null}>
          <LessonPicker
            onClose={() => setPicking(false)}
            onPick={(id) => {
              setPicking(false);
              openLesson(store, id);
            }}
          />
        </Suspense>
      )}
      {editing && (
        <Suspense fallback={null}>
          <ScenarioEditor
            scenario={store.getState().scenario}
            onClose={() => setEditing(false)}
            onApply={(s) => {
              setEditing(false);
              showAlert(store, null);
              loadScenario(store, s, { keepSelection: 'edit' });
              setStatus('Scenario updated');
            }}
          />
        </Suspense>
      )}
      {share !== undefined && (
        <Suspense fallback={null}>
          <ShareDialog url={share} onClose={() => setShare(undefined)} />
        </Suspense>
      )}
    </header>
  );
}

/** A file's name inside one of our sentences: shortened, and isolated so a
 *  right-to-left override in it cannot reverse the sentence. */
function fileName(name: string): string {
  return isolate(clip(name, 80));
}

function download(name: string, data: unknown): void {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'scenario';
}
