// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { render } from '../testing/render';
import { DEFAULT_SCENARIO } from '../../scenario';
import { runOf } from '../state/run';
import { createAppStore, type AppStore } from '../state/store';
import { NodeInspector } from './NodeInspector';
import { OperationsPanel } from './OperationsPanel';


/** The default run ends with two deliveries at 40 ms; an action there runs
 *  just after them (actionTime.ts), and the next one at that same instant. */
const AFTER_END = 40.001;

function atEnd(): AppStore {
  const scenario = structuredClone(DEFAULT_SCENARIO);
  return createAppStore(scenario, runOf(scenario).events);
}

/** Type into a React-controlled input the way a person does: through the
 *  prototype's setter, since React watches the element's own `value`. */
function type(input: HTMLInputElement, value: string) {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(input) below
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function labelled(el: HTMLElement, text: string): HTMLInputElement | HTMLSelectElement {
  const label = [...el.querySelectorAll('label')].find((l) => l.textContent === text);
  if (!label) throw new Error(`no label "${text}"`);
  return el.querySelector<HTMLInputElement>(`#${CSS.escape(label.htmlFor)}`)!;
}

function button(el: HTMLElement, name: string): HTMLButtonElement {
  const b = [...el.querySelectorAll('button')].find((x) => x.textContent === name);
  if (!b) throw new Error(`no button "${name}"`);
  return b;
}

describe('OperationsPanel', () => {
  it('labels every control', () => {
    const el = render(<OperationsPanel />, atEnd());
    for (const c of el.querySelectorAll('input, select')) {
      const id = c.getAttribute('id');
      expect(id && el.querySelector(`label[for="${CSS.escape(id)}"]`), `control ${c.outerHTML} has a label`).toBeTruthy();
    }
  });

  it('appends a put at the cursor and shows it in the Request tab', () => {
    const store = atEnd();
    const el = render(<OperationsPanel />, store);
    type(labelled(el, 'Client') as HTMLInputElement, 'carol');
    type(labelled(el, 'Request key') as HTMLInputElement, 'book');
    type(labelled(el, 'Value (for Put)') as HTMLInputElement, 'dune');
    type(labelled(el, 'W or R (optional)') as HTMLInputElement, '3');
    act(() => button(el, 'Put').click());
    const s = store.getState();
    expect(s.scenario.steps.at(-1)).toEqual({ at: AFTER_END, do: 'put', client: 'carol', key: 'book', value: 'dune', w: 3 });
    expect(s.selectedOp).toBe(s.scenario.steps.length - 1);
    expect(s.selectedKey).toBe('book');
    expect(s.tab).toBe('request');
  });

  it('refuses a value over 1 KB with an alert beside the field, and sends nothing', () => {
    const store = atEnd();
    const el = render(<OperationsPanel />, store);
    const steps = store.getState().scenario.steps.length;
    type(labelled(el, 'Value (for Put)') as HTMLInputElement, 'x'.repeat(1025));
    const alerts = [...el.querySelectorAll('[role="alert"]')].map((a) => a.textContent);
    expect(alerts).toEqual(['The value is 1025 bytes; the limit is 1024 bytes (1 KB).']);
    act(() => button(el, 'Put').click());
    expect(store.getState().scenario.steps.length).toBe(steps);
  });

  it('shows no alert for a fresh form, only notes', () => {
    const el = render(<OperationsPanel />, atEnd());
    expect(el.querySelectorAll('[role="alert"]').length).toBe(0);
    expect(el.textContent).toContain('4 of 1024 bytes');
  });

  it('partitions the ticked nodes from the rest, then heals', () => {
    const store = atEnd();
    const el = render(<OperationsPanel />, store);
    act(() => (labelled(el, 'n1') as HTMLInputElement).click());
    act(() => (labelled(el, 'n2') as HTMLInputElement).click());
    act(() => button(el, 'Partition').click());
    expect(store.getState().scenario.steps.at(-1)).toMatchObject({ do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] });
    act(() => button(el, 'Heal').click());
    expect(store.getState().scenario.steps.at(-1)).toMatchObject({ do: 'heal' });
  });

  it('sets the drop rate and runs a repair between two nodes', () => {
    const store = atEnd();
    const el = render(<OperationsPanel />, store);
    type(labelled(el, 'Drop rate (%)') as HTMLInputElement, '150');
    act(() => button(el, 'Set drop rate').click());
    expect([...el.querySelectorAll('[role="alert"]')].map((a) => a.textContent)).toEqual(['The drop rate is a percentage from 0 to 100.']);
    type(labelled(el, 'Drop rate (%)') as HTMLInputElement, '10');
    act(() => button(el, 'Set drop rate').click());
    expect(store.getState().scenario.steps.at(-1)).toMatchObject({ do: 'drop', rate: 0.1 });
    act(() => button(el, 'Repair').click());
    // Default pair: the first two home replicas of the selected key (cart: n3, n4).
    expect(store.getState().scenario.steps.at(-1)).toMatchObject({ do: 'repair', nodes: ['n3', 'n4'] });
  });
});

describe('NodeInspector', () => {
  it('keeps Kill / Revive named as contract 3 says, and shows what the node stores', () => {
    const store = atEnd();
    store.setState({ selectedNode: 'n4' });
    const el = render(<NodeInspector />, store);
    expect(button(el, 'Kill n4').disabled).toBe(false);
    expect(button(el, 'Revive n4').disabled).toBe(true);
    expect(el.querySelector('.data-table tbody')?.textContent).toBe('cartmilkts 0 ms');
    // No other button's name contains "Kill n4" (a substring match would be ambiguous).
    expect([...el.querySelectorAll('button')].filter((b) => /kill n4/i.test(b.textContent ?? '')).length).toBe(1);
    act(() => button(el, 'Kill n4').click());
    expect(store.getState().scenario.steps.at(-1)).toEqual({ at: AFTER_END, do: 'kill', node: 'n4' });
    expect(el.querySelector('h3')?.textContent).toBe('n4 is down');
  });

  it('sets a clock skew and wipes a disk', () => {
    const store = atEnd();
    store.setState({ selectedNode: 'n1' });
    const el = render(<NodeInspector />, store);
    type(labelled(el, 'Clock skew of n1 (ms)') as HTMLInputElement, '60000');
    act(() => button(el, 'Set clock skew').click());
    expect(store.getState().scenario.steps.at(-1)).toEqual({ at: AFTER_END, do: 'skew', node: 'n1', offsetMs: 60000 });
    act(() => button(el, 'Crash n1 and wipe its disk').click());
    expect(store.getState().scenario.steps.at(-1)).toEqual({ at: AFTER_END, do: 'kill', node: 'n1', wipe: true });
    expect(el.textContent).toContain('Its disk was wiped: nothing stored.');
  });
});
