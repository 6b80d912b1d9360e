// @vitest-environment happy-dom
// The Node tab of a node holding many keys lists them a page at a time, and
// every key can still be reached: by the pages, or by the filter.

import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { SimScenario } from '../../sim/types';
import type { Sibling } from '../../sim/versions';
import { parseScenario } from '../../scenario';
import { runOf } from '../state/run';
import { createAppStore } from '../state/store';
import { render } from '../testing/render';
import { KEYS_PER_PAGE, NodeInspector, pageOfKeys } from './NodeInspector';

const KEYS = 120;
const keyName = (i: number) => `key${String(i).padStart(4, '0')}`;

/** n1 holds KEYS keys, loaded at t = 0. */
function bigNode(): SimScenario {
  const r = parseScenario({
    version: 1,
    steps: Array.from({ length: KEYS }, (_, i) => ({ at: 0, do: 'load', node: 'n1', key: keyName(i), value: `v${i}` })),
  });
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
}

function type(input: HTMLInputElement, value: string) {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(input) below
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function button(el: HTMLElement, name: string): HTMLButtonElement {
  const b = [...el.querySelectorAll('button')].find((x) => x.textContent === name);
  if (!b) throw new Error(`no button "${name}"`);
  return b;
}

const shownKeys = (el: HTMLElement) => [...el.querySelectorAll('.keys-table tbody tr td:first-child bdi')].map((b) => b.textContent);
const rangeText = (el: HTMLElement) => el.querySelector('.keys-pager [aria-live]')?.textContent;

describe('pageOfKeys', () => {
  const v: Sibling[] = [];
  const entries = Array.from({ length: 7 }, (_, i) => [`k${i}`, v] as const);

  it('cuts the keys into pages and clamps the page asked for', () => {
    expect(pageOfKeys(entries, '', 0, 3)).toMatchObject({ matching: 7, page: 0, pages: 3, first: 0 });
    expect(pageOfKeys(entries, '', 2, 3).shown.map(([k]) => k)).toEqual(['k6']);
    expect(pageOfKeys(entries, '', 9, 3)).toMatchObject({ page: 2, first: 6 });
    expect(pageOfKeys(entries, '', -1, 3)).toMatchObject({ page: 0 });
  });

  it('filters by a part of the key, ignoring case and surrounding spaces', () => {
    const mixed = [['Cart', v], ['cartwheel', v], ['fig', v]] as const;
    expect(pageOfKeys(mixed, ' CART ', 0).shown.map(([k]) => k)).toEqual(['Cart', 'cartwheel']);
    expect(pageOfKeys(mixed, 'kiwi', 0)).toMatchObject({ shown: [], matching: 0, page: 0, pages: 1 });
  });
});

describe('NodeInspector with many keys', () => {
  function opened() {
    const scenario = bigNode();
    const store = createAppStore(scenario, runOf(scenario).events);
    store.setState({ selectedNode: 'n1', tab: 'node' });
    return render(<NodeInspector />, store);
  }

  it('lists one page of keys, and the pages reach every key in order', () => {
    const el = opened();
    expect(shownKeys(el)).toEqual(Array.from({ length: KEYS_PER_PAGE }, (_, i) => keyName(i)));
    expect(rangeText(el)).toBe(`Keys 1–${KEYS_PER_PAGE} of ${KEYS}.`);
    expect(button(el, `Previous ${KEYS_PER_PAGE} keys`).disabled).toBe(true);
    const seen: (string | null)[] = [...shownKeys(el)];
    while (!button(el, `Next ${KEYS_PER_PAGE} keys`).disabled) {
      act(() => button(el, `Next ${KEYS_PER_PAGE} keys`).click());
      seen.push(...shownKeys(el));
    }
    expect(seen).toEqual(Array.from({ length: KEYS }, (_, i) => keyName(i)));
    expect(rangeText(el)).toBe(`Keys ${2 * KEYS_PER_PAGE + 1}–${KEYS} of ${KEYS}.`);
    act(() => button(el, `Previous ${KEYS_PER_PAGE} keys`).click());
    expect(shownKeys(el)[0]).toBe(keyName(KEYS_PER_PAGE));
  });

  it('finds a key on a later page with the filter, and says when none matches', () => {
    const el = opened();
    const filter = el.querySelector<HTMLInputElement>(`#${CSS.escape([...el.querySelectorAll('label')].find((l) => l.textContent === 'Filter keys')!.htmlFor)}`)!;
    type(filter, '0117');
    expect(shownKeys(el)).toEqual(['key0117']);
    expect(el.querySelector('.keys-table tbody')?.textContent).toBe('key0117v117ts 0 ms');
    expect(rangeText(el)).toBe(`Keys 1–1 of 1 matching “0117” (${KEYS} stored).`);
    type(filter, 'zzz');
    expect(el.querySelector('.keys-table')).toBeNull();
    expect(rangeText(el)).toBe('No key of n1 contains “zzz”.');
  });

  it('shows a small node whole, without the pager', () => {
    const scenario = bigNode();
    const store = createAppStore(scenario, runOf(scenario).events);
    store.setState({ selectedNode: 'n2', tab: 'node' });
    const el = render(<NodeInspector />, store);
    expect(el.textContent).toContain('Nothing stored yet.');
    expect(el.querySelector('.keys-pager')).toBeNull();
  });
});
