// The page: header, stage (the ring), explain tabs with the metrics, the
// time strip, and the story (space-time diagram and event log).

import { lazy, Suspense, useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react';
import { StoreContext, useAppState, useAppStore } from './context';
import { createAppStore, type AppStore } from './state/store';
import { bootFromHash } from './boot';
import { handleShortcut } from './keyboard';
import { Header } from './components/Header';
import { RingStage } from './components/RingStage';
import { ExplainPanel } from './components/ExplainPanel';
import { TimeStrip } from './components/TimeStrip';
import { Story } from './components/Story';
import { Shortcuts } from './components/Shortcuts';
import { OperationsPanel } from './components/OperationsPanel';
import { Legend } from './components/Legend';
import { seek, showAlert, undoFork } from './state/actions';
import { progressVersion, runStatus, subscribe, whenReady, type RunStatus } from './state/runLoader';
import { RunProgress } from './components/RunProgress';
import type { SimScenario } from '../sim/types';
import { fragmentFor, restoreWorking, startUrlSync } from './state/urlSync';
import { LOCAL_FRAGMENT } from './state/localScenario';
import { LessonPanel } from './components/LessonPanel';
import { PresenterCaption } from './components/PresenterCaption';
import { activeLesson, lessonFor } from './lessons/lessonState';
import type { CompareSpec } from './lessons/compare';
import { shownStage } from './lessons/useStages';
import { useRingPx } from './embedScale';

// Opened from a lesson or the header only: loaded then, not with the first view.
const CompareView = lazy(() => import('./components/CompareView').then((m) => ({ default: m.CompareView })));
const StalenessExplorer = lazy(() => import('./staleness/StalenessExplorer'));

function makeStore(): AppStore {
  const boot = bootFromHash(typeof location === 'undefined' ? '' : location.hash);
  const store = createAppStore(boot.scenario, boot.at);
  if (boot.alert) store.setState({ alert: boot.alert });
  if (boot.node) store.setState({ selectedNode: boot.node, tab: 'node' });
  // A link that is exactly a lesson's scenario gets its narration back.
  const lesson = lessonFor(boot.scenario);
  if (lesson) store.setState({ lessonId: lesson.id });
  // A scenario too large for a link was kept in this browser: restore it.
  if (typeof location !== 'undefined' && location.hash === LOCAL_FRAGMENT) void restoreWorking(store);
  // A link's position may lie beyond its run's end (the run is known only now).
  whenReady(boot.scenario, (run) => {
    if (store.getState().scenario === boot.scenario && store.getState().cursor > run.events) seek(store, run.events);
  });
  return store;
}

/** The run of the scenario shown, re-read whenever a run makes progress. */
function useRunStatus(scenario: SimScenario): RunStatus {
  useSyncExternalStore(subscribe, progressVersion);
  return runStatus(scenario);
}

export function App({ store: given }: { store?: AppStore }) {
  const [store] = useState<AppStore>(() => given ?? makeStore());
  const embed = typeof location !== 'undefined' && new URLSearchParams(location.search).has('embed');
  useEffect(() => (given ? undefined : startUrlSync(store)), [given, store]);
  return <StoreContext.Provider value={store}>{embed ? <EmbedPage /> : <Page />}</StoreContext.Provider>;
}

/** `?embed`: only the ring and playback, for a course page's iframe, with a
 *  link back to the full tool. */
function EmbedPage() {
  const alert = useAppState((s) => s.alert);
  const scenario = useAppState((s) => s.scenario);
  const cursor = useAppState((s) => s.cursor);
  const status = useRunStatus(scenario);
  const ringPx = useRingPx();
  const full = `${location.pathname}${fragmentFor(scenario, cursor) ?? ''}`;
  return (
    <div className="app embed">
      {alert && (
        <div role="alert" className="alert">
          {alert}
        </div>
      )}
      {status.kind === 'ready' ? (
        <>
          <main className="embed-stage" ref={ringPx}>
            <RingStage />
          </main>
          <TimeStrip />
        </>
      ) : (
        <RunProgress events={status.events} cap={status.cap} held={status.held} />
      )}
      <p className="embed-link">
        <a href={full} target="_blank" rel="noopener">
          Open in Ringside
        </a>
      </p>
    </div>
  );
}

function Page() {
  const store = useAppStore();
  const alert = useAppState((s) => s.alert);
  const presenter = useAppState((s) => s.presenter);
  const scenario = useAppState((s) => s.scenario);
  const status = useRunStatus(scenario);
  const lesson = useAppState((s) => (status.kind === 'ready' ? activeLesson(s) : undefined));
  const [shortcuts, setShortcuts] = useState(false);
  const [compare, setCompare] = useState<CompareSpec | null>(null);
  const [exploring, setExploring] = useState(false);
  // The ring's units per pixel, so its key label keeps a readable size (styles.css).
  const ringPx = useRingPx();
  // Listening from the commit that first shows the page, not after its
  // paint: a key pressed the moment "Simulating…" appears is not lost.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => handleShortcut(store, e, () => setShortcuts(true));
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store]);
  return (
    <div className={presenter ? 'app presenter' : 'app'}>
      <Header onShowShortcuts={() => setShortcuts(true)} onCompare={setCompare} onExplore={() => setExploring(true)} />
      {alert && (
        <div role="alert" className="alert">
          <span>{alert}</span>
          <button type="button" onClick={() => showAlert(store, null)} aria-label="Dismiss message">
            ✕
          </button>
        </div>
      )}
      <ForkNotice />
      {status.kind !== 'ready' ? (
        <main>
          <RunProgress events={status.events} cap={status.cap} held={status.held} />
        </main>
      ) : exploring ? (
        <main>
          <Suspense fallback={<p className="hint-text">Loading the staleness explorer…</p>}>
            <StalenessExplorer onClose={() => setExploring(false)} />
          </Suspense>
        </main>
      ) : compare ? (
        <main>
          <Suspense fallback={<p className="hint-text">Loading the comparison…</p>}>
            <CompareView base={scenario} spec={compare} onClose={() => setCompare(null)} />
          </Suspense>
        </main>
      ) : (
        <>
          <main className="zones">
            <div className="stage-column">
              {/* The ring's box: in presenter mode it takes the room the caption leaves. */}
              <div className="ring-box" ref={ringPx}>
                <MainRing />
              </div>
              {/* Presenter mode's caption sits under the ring it narrates. */}
              {presenter && <PresenterCaption />}
              <Legend />
              <OperationsPanel />
            </div>
            <div className="explain-column">
              <LessonPanel onCompare={() => lesson?.compare && setCompare(lesson.compare)} />
              <ExplainPanel />
            </div>
          </main>
          <TimeStrip />
          <Story />
        </>
      )}
      <Shortcuts open={shortcuts} onClose={() => setShortcuts(false)} />
    </div>
  );
}

/** After an action that forked the run: what was dropped, and a way back. */
function ForkNotice() {
  const store = useAppStore();
  const fork = useAppState((s) => s.fork);
  if (!fork) return null;
  const steps = fork.dropped === 1 ? 'step' : 'steps';
  return (
    <div role="status" className="fork-notice">
      <span>
        Acting at {Math.round(fork.atMs * 10) / 10} ms replaced the run from there on: {fork.dropped} later {steps} of the scenario {fork.dropped === 1 ? 'was' : 'were'} dropped.
      </span>{' '}
      <button type="button" onClick={() => undoFork(store)}>
        Undo
      </button>{' '}
      <button type="button" className="link-button" onClick={() => store.setState({ fork: null })} aria-label="Dismiss this notice">
        ✕
      </button>
    </div>
  );
}

/** The main ring, with the nodes the shown lesson stage is about marked. */
function MainRing() {
  const lesson = useAppState(activeLesson);
  const stage = useAppState((s) => shownStage(s).index);
  return <RingStage highlight={lesson?.stages[stage]?.highlight?.nodes} />;
}
