// @vitest-environment happy-dom
// The Operations panel's Key picker: a list of the scenario's keys, or, for
// a scenario naming more than KEY_LIST_MAX of them (the Merkle lesson names
// 1,031), a field that suggests the keys matching what is typed, so opening
// such a scenario does not draw a thousand options.

import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { lessonById } from '../../scenario/lessons';
import { DEFAULT_SCENARIO } from '../../scenario';
import type { SimScenario } from '../../sim/types';
import { runOf } from '../state/run';
import { createAppStore } from '../state/store';
import { render } from '../testing/render';
import { KEY_LIST_MAX, KEY_SUGGESTIONS, OperationsPanel } from './OperationsPanel';

function type(input: HTMLInputElement, value: string) {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(input) below
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function opened(scenario: SimScenario) {
  const store = createAppStore(scenario, 0);
  runOf(scenario);
  const el = render(<OperationsPanel />, store);
  const label = [...el.querySelectorAll('label')].find((l) => l.textContent === 'Key')!;
  const control = el.querySelector<HTMLInputElement | HTMLSelectElement>(`#${CSS.escape(label.htmlFor)}`)!;
  return { store, el, control };
}

describe('Key picker', () => {
  it('lists every key of a small scenario', () => {
    const { control } = opened(structuredClone(DEFAULT_SCENARIO));
    expect(control.tagName).toBe('SELECT');
    expect([...control.querySelectorAll('option')].map((o) => o.value)).toEqual(['cart']);
  });

  it('becomes a search field past KEY_LIST_MAX keys, offering at most KEY_SUGGESTIONS matches', () => {
    const lesson = lessonById('anti-entropy')!;
    const { store, el, control } = opened(lesson.scenario);
    expect(control.tagName).toBe('INPUT');
    const suggestions = () => [...el.querySelectorAll(`#${CSS.escape(control.getAttribute('list')!)} option`)].map((o) => o.getAttribute('value'));
    // It opens showing the key the ring marks.
    expect(control.value).toBe(store.getState().selectedKey);
    // Empty, it suggests the first keys.
    type(control as HTMLInputElement, '');
    expect(suggestions()).toHaveLength(KEY_SUGGESTIONS);
    expect(el.querySelectorAll('.key-picker option')).toHaveLength(KEY_SUGGESTIONS);
    expect(el.textContent).toMatch(/1,0\d\d keys: type to find one/);
    expect(new Set(lesson.scenario.steps.map((s) => ('key' in s ? s.key : null)).filter(Boolean)).size).toBeGreaterThan(KEY_LIST_MAX);

    // Part of a key narrows the suggestions and selects nothing yet.
    type(control as HTMLInputElement, 'USER051');
    expect(suggestions()).toEqual(Array.from({ length: 10 }, (_, i) => `user051${i}`));
    expect(store.getState().selectedKey).not.toMatch(/^user/);
    // The whole key selects it.
    type(control as HTMLInputElement, 'user0517');
    expect(store.getState().selectedKey).toBe('user0517');
    expect(control.value).toBe('user0517');
    // A key selected elsewhere shows in the field.
    act(() => store.setState({ selectedKey: 'bananas' }));
    expect(control.value).toBe('bananas');
  });
});
