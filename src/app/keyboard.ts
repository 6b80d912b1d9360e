// Page-wide shortcuts. Keys typed into a field, or handled by a focused
// control (a slider's arrows, a button's Space), are left alone. While a
// heavy run is still being simulated, `?` and `p` answer at once and the
// Timeline's keys are held until it appears (state/heldKeys.ts).

import type { AppStore } from './state/store';
import { seek, setPresenter, stepBack, stepForward, togglePlay } from './state/actions';
import { stageBack, stageForward } from './lessons/useStages';
import { cachedRun, runOf } from './state/run';
import { holdKey } from './state/runLoader';

/** What each key of the Timeline and the lesson stages does. */
const TIMELINE_KEYS = new Map<string, (store: AppStore) => void>([
  [' ', togglePlay],
  ['ArrowRight', stepForward],
  ['ArrowLeft', stepBack],
  ['Home', (store) => seek(store, 0)],
  ['End', (store) => seek(store, runOf(store.getState().scenario).events)],
  // Presentation clickers send PageDown / PageUp.
  ['PageDown', stageForward],
  ['n', stageForward],
  ['PageUp', stageBack],
  ['b', stageBack],
]);

export function handleShortcut(store: AppStore, e: KeyboardEvent, showShortcuts: () => void): void {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
  const target = e.target as HTMLElement | null;
  const tag = target?.tagName;
  // A range slider takes arrows and Home/End itself, but not Space: Space
  // still plays and pauses while the Timeline has focus.
  const slider = tag === 'INPUT' && (target as HTMLInputElement).type === 'range';
  if (slider && e.key === ' ') {
    e.preventDefault();
    togglePlay(store);
    return;
  }
  const typing = tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target?.isContentEditable === true;
  if (e.key === '?' && !typing) {
    e.preventDefault();
    showShortcuts();
    return;
  }
  if (typing) return;
  const onControl = tag === 'BUTTON' || target?.getAttribute('role') === 'tab';
  if (e.key === 'p') {
    e.preventDefault();
    setPresenter(store, !store.getState().presenter);
    return;
  }
  const move = TIMELINE_KEYS.get(e.key);
  if (!move) return;
  // A focused button takes Space itself, and a tab list its arrows.
  if (e.key === ' ' && onControl) return;
  if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && target?.getAttribute('role') === 'tab') return;
  e.preventDefault();
  const { scenario } = store.getState();
  if (cachedRun(scenario)) {
    move(store);
    return;
  }
  // No Timeline yet: the run is still being simulated. Held keys act only on
  // the scenario they were pressed for (a cheap one loaded meanwhile does
  // not stop the heavy run).
  holdKey(scenario, e.key, (key) => {
    if (store.getState().scenario === scenario) TIMELINE_KEYS.get(key)?.(store);
  });
}
