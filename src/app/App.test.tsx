// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App';
import { createAppStore } from './state/store';
import { DEFAULT_SCENARIO } from '../scenario';

// Lets React know act() is available in this (non-Jest) environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('App', () => {
  let container: HTMLElement | undefined;

  afterEach(() => {
    container?.remove();
    container = undefined;
  });

  function render(store = createAppStore(structuredClone(DEFAULT_SCENARIO))) {
    container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    act(() => root.render(<App store={store} />));
    return { root, store };
  }

  it('shows the heading, one button per node and the Metrics region', () => {
    const { root } = render();
    expect(container!.querySelector('h1')?.textContent).toBe('Ringside');
    const nodeButtons = [...container!.querySelectorAll('button')].filter((b) => /^Node n\d+, (up|down)$/.test(b.getAttribute('aria-label') ?? ''));
    expect(nodeButtons.map((b) => b.getAttribute('aria-label')).sort()).toEqual(DEFAULT_SCENARIO.cluster.nodes.map((n) => `Node ${n}, up`).sort());
    const metrics = container!.querySelector('[role="region"][aria-label="Metrics"]');
    expect(metrics?.querySelectorAll('dt').length).toBe(11);
    act(() => root.unmount());
  });

  it('the Timeline slider spans the run and follows the cursor', () => {
    const { root, store } = render();
    const slider = container!.querySelector<HTMLInputElement>('input[aria-label="Timeline"]')!;
    expect(slider.value).toBe('0');
    expect(Number(slider.max)).toBeGreaterThan(0);
    act(() => store.setState({ cursor: 3 }));
    expect(slider.value).toBe('3');
    act(() => root.unmount());
  });

  it('shows user text as text, never as markup', () => {
    const scenario = structuredClone(DEFAULT_SCENARIO);
    scenario.title = '<img src=x onerror="window.__pwned=1">';
    const { root } = render(createAppStore(scenario));
    expect(container!.querySelector('img')).toBeNull();
    expect(container!.textContent).toContain('<img src=x onerror="window.__pwned=1">');
    act(() => root.unmount());
  });
});
