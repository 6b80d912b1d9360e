// The page: header, stage (the ring), explain tabs with the metrics, the
// time strip, and the story (space-time diagram and event log).

import { useEffect, useState } from 'react';
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
import { showAlert } from './state/actions';
import { fragmentFor, startUrlSync } from './state/urlSync';
import { LessonPanel } from './components/LessonPanel';
import { CompareView } from './components/CompareView';
import { PresenterCaption } from './components/PresenterCaption';
import { activeLesson, lessonFor } from './lessons/lessonState';
import type { CompareSpec } from './lessons/compare';
import { shownStage } from './lessons/useStages';

function makeStore(): AppStore {
  const boot = bootFromHash(typeof location === 'undefined' ? '' : location.hash);
  const store = createAppStore(boot.scenario, boot.at);
  if (boot.alert) store.setState({ alert: boot.alert });
  // A link that is exactly a lesson's scenario gets its narration back.
  const lesson = lessonFor(boot.scenario);
  if (lesson) store.setState({ lessonId: lesson.id });
  return store;
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
  const full = `${location.pathname}${fragmentFor(scenario, cursor) ?? ''}`;
  return (
    <div className="app embed">
      {alert && (
        <div role="alert" className="alert">
          {alert}
        </div>
      )}
      <main className="embed-stage">
        <RingStage />
      </main>
      <TimeStrip />
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
  const lesson = useAppState(activeLesson);
  const [shortcuts, setShortcuts] = useState(false);
  const [compare, setCompare] = useState<CompareSpec | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => handleShortcut(store, e, () => setShortcuts(true));
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store]);
  return (
    <div className={presenter ? 'app presenter' : 'app'}>
      <Header onShowShortcuts={() => setShortcuts(true)} onCompare={setCompare} />
      {alert && (
        <div role="alert" className="alert">
          <span>{alert}</span>
          <button type="button" onClick={() => showAlert(store, null)} aria-label="Dismiss message">
            ✕
          </button>
        </div>
      )}
      {compare ? (
        <main>
          <CompareView base={scenario} spec={compare} onClose={() => setCompare(null)} />
        </main>
      ) : (
        <>
          <main className="zones">
            <div className="stage-column">
              <MainRing />
              <Legend />
              <OperationsPanel />
            </div>
            <div className="explain-column">
              <LessonPanel onCompare={() => lesson?.compare && setCompare(lesson.compare)} />
              <ExplainPanel />
            </div>
          </main>
          {presenter && <PresenterCaption />}
          <TimeStrip />
          <Story />
        </>
      )}
      <Shortcuts open={shortcuts} onClose={() => setShortcuts(false)} />
    </div>
  );
}

/** The main ring, with the nodes the shown lesson stage is about marked. */
function MainRing() {
  const lesson = useAppState(activeLesson);
  const stage = useAppState((s) => shownStage(s).index);
  return <RingStage highlight={lesson?.stages[stage]?.highlight?.nodes} />;
}
