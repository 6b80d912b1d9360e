// @vitest-environment happy-dom
// The `?` list names every key the page handles: each key handleShortcut
// acts on (found by pressing every key there is, not by reading its code)
// is in the list, and each key in the list is one it acts on.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { keyLabel, SHORTCUTS, Shortcuts } from './Shortcuts';
import { handleShortcut } from '../keyboard';
import { createAppStore } from '../state/store';
import { runOf } from '../state/run';
import { DEFAULT_SCENARIO } from '../../scenario';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;


/** Every key a keyboard or a presentation clicker can send: printable ASCII and the named keys. */
const ALL_KEYS = [
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
  ...['Enter', 'Tab', 'Backspace', 'Delete', 'Escape', 'Insert', 'Home', 'End', 'PageUp', 'PageDown'],
  ...['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'F5', 'MediaPlayPause', 'MediaTrackNext', 'MediaTrackPrevious', 'AudioVolumeUp'],
  ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
];

/** The keys handleShortcut acts on (it cancels the browser's default for each), with the page's focus on nothing. */
function handledKeys(): Set<string> {
  const store = createAppStore(structuredClone(DEFAULT_SCENARIO));
  runOf(store.getState().scenario);
  const handled = new Set<string>();
  for (const key of ALL_KEYS) {
    const before = store.getState();
    const e = new KeyboardEvent('keydown', { key, cancelable: true });
    Object.defineProperty(e, 'target', { value: document.body });
    let listed = false;
    handleShortcut(store, e, () => (listed = true));
    if (e.defaultPrevented || listed) handled.add(keyLabel(key));
    store.setState(before, true);
  }
  return handled;
}

describe('the ? list of shortcuts', () => {
  const listed = new Set(SHORTCUTS.flatMap(([keys]) => keys));

  it('lists every key the page handles, including presenter keys and a clicker’s PageDown / PageUp', () => {
    const handled = handledKeys();
    // The keys the page is known to handle (a sanity check on the probe itself).
    for (const key of ['Space', '←', '→', 'Home', 'End', 'PageDown', 'PageUp', 'n', 'b', 'p', '?']) expect(handled).toContain(key);
    for (const key of handled) expect(listed, `"${key}" is handled but not in the ? list`).toContain(key);
  });

  it('lists no key the page ignores (Esc closes the list itself)', () => {
    const handled = handledKeys();
    for (const key of listed) if (key !== 'Esc') expect(handled, `"${key}" is listed but does nothing`).toContain(key);
  });

  it('shows each key in its own <kbd>', () => {
    const div = document.createElement('div');
    document.body.append(div);
    const root = createRoot(div);
    act(() => root.render(<Shortcuts open={false} onClose={() => {}} />));
    const shown = [...div.querySelectorAll('kbd')].map((k) => k.textContent);
    expect(new Set(shown)).toEqual(listed);
    expect(div.querySelector('dialog')?.getAttribute('aria-label')).toBe('Keyboard shortcuts');
    act(() => root.unmount());
    div.remove();
  });
});
