// Page-wide shortcuts. Keys typed into a field, or handled by a focused
// control (a slider's arrows, a button's Space), are left alone.

import type { AppStore } from './state/store';
import { seek, setPresenter, stepBack, stepForward, togglePlay } from './state/actions';
import { stageBack, stageForward } from './lessons/useStages';
import { cachedRun, runOf } from './state/run';

export function handleShortcut(store: AppStore, e: KeyboardEvent, showShortcuts: () => void): void {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
  // While a run is still being computed there is no Timeline to move.
  if (!cachedRun(store.getState().scenario)) return;
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
  switch (e.key) {
    case ' ':
      if (onControl) return;
      e.preventDefault();
      togglePlay(store);
      break;
    case 'ArrowRight':
      if (target?.getAttribute('role') === 'tab') return;
      e.preventDefault();
      stepForward(store);
      break;
    case 'ArrowLeft':
      if (target?.getAttribute('role') === 'tab') return;
      e.preventDefault();
      stepBack(store);
      break;
    case 'Home':
      e.preventDefault();
      seek(store, 0);
      break;
    case 'End':
      e.preventDefault();
      seek(store, runOf(store.getState().scenario).events);
      break;
    // Presentation clickers send PageDown / PageUp.
    case 'PageDown':
    case 'n':
      e.preventDefault();
      stageForward(store);
      break;
    case 'PageUp':
    case 'b':
      e.preventDefault();
      stageBack(store);
      break;
    case 'p':
      e.preventDefault();
      setPresenter(store, !store.getState().presenter);
      break;
    default:
      break;
  }
}
