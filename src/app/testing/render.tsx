// Rendering a component with a store of its own in a happy-dom test, and
// cleaning up after each test. Import from a file that opts into happy-dom.

import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach } from 'vitest';
import { StoreContext } from '../context';
import type { AppStore } from '../state/store';

// Lets React know act() is available in this (non-Jest) environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement | undefined;
let root: Root | undefined;

afterEach(() => {
  if (root) act(() => root!.unmount());
  container?.remove();
  container = root = undefined;
});

export function render(node: ReactNode, store: AppStore): HTMLElement {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(<StoreContext.Provider value={store}>{node}</StoreContext.Provider>));
  return container;
}

/** Render again into the same root (after changing what `node` reads). */
export function rerender(node: ReactNode, store: AppStore): void {
  act(() => root!.render(<StoreContext.Provider value={store}>{node}</StoreContext.Provider>));
}
