// The address bar holds the scenario (#s=…&at=…&node=…), so a reload
// restores it and every edit is a browser history entry: Back and Forward
// move through the user's edits. The Timeline position and the selected
// node are kept current with replaceState (they are a view, not an edit).
// A new scenario gets its history entry at once, so Back right after it
// returns to the scenario before; the entry is filled in (replaceState) once
// the page is idle, after the frames that show it (within
// NEW_ENTRY_WITHIN_MS): compressing a scenario of a thousand steps takes tens
// of milliseconds, which opening a lesson should not wait for.

import { decodeScenario, encodeScenario, linkPosition, MAX_LINK_PAYLOAD_CHARS, parseScenario } from '../../scenario';
import type { NodeId, SimScenario } from '../../sim/types';
import { whenIdle } from '../idle';
import { badLinkAlert } from '../boot';
import { loadScenario } from './actions';
import { lessonFor } from '../lessons/lessonState';
import { LOCAL_FRAGMENT, loadWorking, saveWorking } from './localScenario';
import type { AppStore } from './store';

export interface UrlSyncOptions {
  /** Milliseconds to wait before writing the cursor into the URL. */
  cursorDelayMs?: number;
}

/** Fragment for a scenario (opened at event `at`, with `node` selected),
 *  or null when it is too large for a link. */
export function fragmentFor(scenario: SimScenario, at: number, node: NodeId | null = null): string | null {
  const fragment = `${encodedOnce(scenario)}${linkPosition({ at, node })}`;
  return fragment.length - 3 > MAX_LINK_PAYLOAD_CHARS ? null : fragment;
}

/** The `#s=…` of each scenario shown. The store replaces a scenario and never
 *  mutates one, so each is compressed once, not again at every cursor move
 *  or selection (tens of ms for a lesson of a thousand steps). */
const encoded = new WeakMap<SimScenario, string>();
function encodedOnce(scenario: SimScenario): string {
  let fragment = encoded.get(scenario);
  if (fragment === undefined) encoded.set(scenario, (fragment = encodeScenario(scenario)));
  return fragment;
}

/** The longest a new scenario's history entry waits for the page to be idle. */
const NEW_ENTRY_WITHIN_MS = 250;

export function startUrlSync(store: AppStore, opts: UrlSyncOptions = {}): () => void {
  const delay = opts.cursorDelayMs ?? 250;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Cancels filling in the new scenario's entry while it waits for the page to be idle. */
  let pendingPush: (() => void) | null = null;
  /** Entries made for a new scenario whose address was not written yet, by
   *  their `history.state`: if Back leaves one first, Forward to it shows its
   *  scenario still. */
  const unfilled = new Map<number, SimScenario>();
  let entries = 0;
  let lastScenario = store.getState().scenario;
  /** The fragment last written with replaceState. Some environments report
   *  that as a hash change; it is not a navigation. */
  let replaced = '';
  /** The link last opened from the address bar, until we write another: a
   *  link pasted into the tab fires both popstate and hashchange, and the
   *  second must not decode and simulate it all over again. */
  let opened = '';

  /** Writes what is shown into the current history entry. */
  const write = () => {
    const { scenario, cursor, selectedNode } = store.getState();
    let fragment = fragmentFor(scenario, cursor, selectedNode);
    if (fragment === null) {
      // Too large for a link: kept in this browser, so a reload restores it.
      void saveWorking({ scenario, cursor });
      fragment = LOCAL_FRAGMENT;
    }
    if (fragment === location.hash) return;
    opened = '';
    const url = `${location.pathname}${location.search}${fragment}`;
    replaced = fragment;
    history.replaceState(null, '', url);
  };

  const unsubscribe = store.subscribe((s) => {
    if (s.scenario !== lastScenario) {
      lastScenario = s.scenario;
      clearTimeout(timer);
      // Its entry now, holding the address shown until it is filled in (two
      // scenarios before the page is idle, never a person's doing, make one).
      if (pendingPush) pendingPush();
      else history.pushState({ ringside: ++entries }, '', location.href);
      const entry = entries;
      unfilled.set(entry, s.scenario);
      pendingPush = whenIdle(() => {
        pendingPush = null;
        unfilled.delete(entry);
        write();
      }, NEW_ENTRY_WITHIN_MS);
      return;
    }
    // A pending entry is written with the position and selection of its time.
    if (s.playing || pendingPush) return;
    clearTimeout(timer);
    timer = setTimeout(() => write(), delay);
  });

  const onPop = () => {
    const entry = (history.state as { ringside?: number } | null)?.ringside;
    const meant = entry === undefined ? undefined : unfilled.get(entry);
    if (meant !== undefined) {
      // Back to a new scenario's entry, left before its address was written.
      unfilled.delete(entry!);
      pendingPush?.();
      pendingPush = null;
      lastScenario = meant;
      loadScenario(store, meant, { keepSelection: 'history' });
      store.setState({ alert: null, lessonId: lessonFor(meant)?.id ?? null, answers: {}, stage: null });
      write();
      return;
    }
    if (location.hash === '' || location.hash === '#') return;
    if (location.hash === opened) return;
    opened = location.hash;
    // The page has moved to another entry: the one still waiting to be
    // filled in is no longer shown, and keeps the address it had.
    pendingPush?.();
    pendingPush = null;
    if (location.hash === LOCAL_FRAGMENT) {
      if (fragmentFor(store.getState().scenario, 0) !== null) void restoreWorking(store);
      return;
    }
    // The address bar already shows what is on screen (some environments
    // report our own replaceState as a hash change): nothing to load.
    const { scenario, cursor, selectedNode } = store.getState();
    if (location.hash === fragmentFor(scenario, cursor, selectedNode)) return;
    const decoded = decodeScenario(location.hash);
    if (!decoded.ok) {
      // A broken link pasted into an open tab: say so, keep what is shown.
      store.setState({ alert: badLinkAlert(decoded.error, 'Your current scenario is unchanged.') });
      return;
    }
    // Remember it first, so loading it is not taken for a new edit.
    lastScenario = decoded.scenario;
    loadScenario(store, decoded.scenario, { at: decoded.at ?? 0, keepSelection: 'history' });
    if (decoded.node !== undefined) store.setState({ selectedNode: decoded.node, tab: 'node' });
    // A lesson's exact scenario gets its narration back.
    store.setState({ alert: null, lessonId: lessonFor(decoded.scenario)?.id ?? null, answers: {}, stage: null });
  };
  // The opening entry holds its scenario too, so Back can return to it.
  write();
  window.addEventListener('popstate', onPop);
  const onHashChange = () => {
    if (location.hash !== replaced) onPop();
  };
  window.addEventListener('hashchange', onHashChange);

  return () => {
    unsubscribe();
    clearTimeout(timer);
    pendingPush?.();
    window.removeEventListener('popstate', onPop);
    window.removeEventListener('hashchange', onHashChange);
  };
}

/** Load the scenario kept in this browser (the page's address is `#local`),
 *  or say that it is gone. */
export async function restoreWorking(store: AppStore): Promise<void> {
  const working = await loadWorking();
  const parsed = working ? parseScenario(working.scenario) : null;
  if (!working || !parsed?.ok) {
    store.setState({ alert: 'This page’s scenario was kept in this browser only, and it is not here any more. Showing the default scenario instead.' });
    return;
  }
  loadScenario(store, parsed.scenario, { at: working.cursor });
  store.setState({ lessonId: lessonFor(parsed.scenario)?.id ?? null, answers: {}, stage: null });
}
