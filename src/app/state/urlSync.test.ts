// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { decodeScenario, DEFAULT_SCENARIO, encodeScenario } from '../../scenario';
import { act as edit, seek, selectNode } from './actions';
import { createAppStore } from './store';
import { fragmentFor, startUrlSync } from './urlSync';

/** Lets the page go idle: happy-dom has no requestIdleCallback, so its next
 *  frame (immediate) and the task after it. */
const idle = () => new Promise((r) => setTimeout(r, 5));

describe('startUrlSync', () => {
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    history.replaceState(null, '', '/');
  });

  it('pushes one history entry per edit at once, and fills it with the edited scenario once the page is idle', async () => {
    const store = createAppStore(structuredClone(DEFAULT_SCENARIO));
    stop = startUrlSync(store, { cursorDelayMs: 0 });
    const before = history.length;
    seek(store, 2);
    await idle();
    const opening = location.hash;
    edit(store, { do: 'kill', node: 'n2' });
    // The entry exists at once (Back right away returns to the scenario
    // before); its address is written after the edit is drawn.
    expect(history.length).toBe(before + 1);
    expect(location.hash).toBe(opening);
    await idle();
    expect(history.length).toBe(before + 1);
    const decoded = decodeScenario(location.hash);
    expect(decoded.ok && decoded.scenario.steps.at(-1)).toMatchObject({ do: 'kill', node: 'n2' });
  });

  it('writes a pending entry with the position of its time, and never over the entry before it', async () => {
    const store = createAppStore(structuredClone(DEFAULT_SCENARIO));
    stop = startUrlSync(store, { cursorDelayMs: 0 });
    const before = history.length;
    edit(store, { do: 'kill', node: 'n2' });
    const opening = location.hash;
    seek(store, 1);
    await new Promise((r) => setTimeout(r, 0));
    // The cursor moved before the edit's entry was written: the entry before it is untouched.
    expect(location.hash).toBe(opening);
    await idle();
    expect(history.length).toBe(before + 1);
    expect(decodeScenario(location.hash)).toMatchObject({ ok: true, at: 1 });
  });

  it('leaves a new entry as it was when the page moves to another entry before it is filled in', async () => {
    const store = createAppStore(structuredClone(DEFAULT_SCENARIO));
    stop = startUrlSync(store, { cursorDelayMs: 0 });
    const before = history.length;
    edit(store, { do: 'kill', node: 'n2' });
    const other = { ...structuredClone(DEFAULT_SCENARIO), title: 'Another' };
    const otherLink = encodeScenario(other, { at: 1 });
    history.replaceState(null, '', `/${otherLink}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await idle();
    expect(history.length).toBe(before + 1);
    expect(store.getState().scenario.title).toBe('Another');
    expect(location.hash).toBe(otherLink);
  });

  it('restores the scenario and position from the address bar on popstate', () => {
    const store = createAppStore(structuredClone(DEFAULT_SCENARIO));
    stop = startUrlSync(store, { cursorDelayMs: 0 });
    const other = { ...structuredClone(DEFAULT_SCENARIO), title: 'Another', steps: [{ at: 0, do: 'kill' as const, node: 'n1' }] };
    history.replaceState(null, '', `/${encodeScenario(other, { at: 1 })}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(store.getState().scenario.title).toBe('Another');
    expect(store.getState().cursor).toBe(1);
  });

  it('keeps the selected node in the link without adding history entries', async () => {
    const store = createAppStore(structuredClone(DEFAULT_SCENARIO));
    stop = startUrlSync(store, { cursorDelayMs: 0 });
    const before = history.length;
    seek(store, 3);
    selectNode(store, 'n4');
    await new Promise((r) => setTimeout(r, 5));
    expect(history.length).toBe(before);
    expect(location.hash).toMatch(/&at=3&node=n4$/);
    expect(decodeScenario(location.hash)).toMatchObject({ ok: true, at: 3, node: 'n4' });
  });

  it('selects the node a link names on popstate, and keeps the selection for a link without one', () => {
    const store = createAppStore(structuredClone(DEFAULT_SCENARIO));
    stop = startUrlSync(store, { cursorDelayMs: 0 });
    const other = { ...structuredClone(DEFAULT_SCENARIO), title: 'Another' };
    history.replaceState(null, '', `/${encodeScenario(other, { at: 1, node: 'n2' })}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(store.getState()).toMatchObject({ cursor: 1, selectedNode: 'n2', tab: 'node' });
    history.replaceState(null, '', `/${encodeScenario({ ...other, title: 'A third' }, { at: 2 })}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(store.getState()).toMatchObject({ cursor: 2, selectedNode: 'n2' });
  });

  it('opens a link pasted into the tab once, though both popstate and hashchange report it', () => {
    const store = createAppStore(structuredClone(DEFAULT_SCENARIO));
    stop = startUrlSync(store, { cursorDelayMs: 0 });
    const other = { ...structuredClone(DEFAULT_SCENARIO), title: 'Another' };
    history.replaceState(null, '', `/${encodeScenario(other)}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    const opened = store.getState().scenario;
    expect(opened.title).toBe('Another');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    // Not decoded again: the same scenario object, so its run is not simulated twice.
    expect(store.getState().scenario).toBe(opened);
    // A later navigation back to it, after the page wrote its own address, opens it again.
    seek(store, 2);
    return new Promise<void>((done) =>
      setTimeout(() => {
        expect(location.hash).toMatch(/&at=2$/);
        history.replaceState(null, '', `/${encodeScenario(other)}`);
        window.dispatchEvent(new PopStateEvent('popstate'));
        expect(store.getState().scenario).not.toBe(opened);
        expect(store.getState()).toMatchObject({ cursor: 0 });
        done();
      }, 5),
    );
  });

  it('announces a broken link pasted into an open tab in one sentence per thought', () => {
    const store = createAppStore(structuredClone(DEFAULT_SCENARIO));
    stop = startUrlSync(store, { cursorDelayMs: 0 });
    history.replaceState(null, '', '/#s=abc%20def');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(store.getState().alert).toMatch(/was it changed when copied\? Your current scenario is unchanged\.$/);
  });

  it('keeps the cursor in the link without adding history entries', async () => {
    const store = createAppStore(structuredClone(DEFAULT_SCENARIO));
    stop = startUrlSync(store, { cursorDelayMs: 0 });
    const before = history.length;
    seek(store, 3);
    await new Promise((r) => setTimeout(r, 5));
    expect(history.length).toBe(before);
    const decoded = decodeScenario(location.hash);
    expect(decoded.ok && decoded.at).toBe(3);
  });
});

describe('fragmentFor', () => {
  it('is the scenario\'s link with the position given, compressed once per scenario', () => {
    const scenario = structuredClone(DEFAULT_SCENARIO);
    expect(fragmentFor(scenario, 3, 'n2')).toBe(encodeScenario(scenario, { at: 3, node: 'n2' }));
    expect(fragmentFor(scenario, 7)).toBe(encodeScenario(scenario, { at: 7 }));
    // Another scenario object, even an equal-looking one with another title, gets its own link.
    const other = { ...scenario, title: 'Another' };
    expect(fragmentFor(other, 0)).toBe(encodeScenario(other, { at: 0 }));
    expect(fragmentFor(other, 0)).not.toBe(fragmentFor(scenario, 0));
  });
});
