// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCENARIO } from '../../scenario';
import { MAX_STEPS } from '../../scenario/limits';
import type { SimScenario, Step } from '../../sim/types';
import { OVERSCAN } from '../editor/windowing';
import ScenarioEditor from './ScenarioEditor';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
let container: HTMLElement | undefined;
afterEach(() => {
  if (root) act(() => root!.unmount());
  container?.remove();
  root = container = undefined;
});

function scenarioWith(count: number): SimScenario {
  const steps: Step[] = [];
  for (let i = 0; i < count; i++) {
    steps.push(i % 2 === 0 ? { at: i, do: 'put', client: 'alice', key: 'cart', value: `v${i}` } : { at: i, do: 'kill', node: 'n3' });
  }
  return { ...structuredClone(DEFAULT_SCENARIO), steps };
}

function open(scenario: SimScenario) {
  const onApply = vi.fn<(s: SimScenario) => void>();
  const onClose = vi.fn<() => void>();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(<ScenarioEditor scenario={scenario} onApply={onApply} onClose={onClose} />));
  return { el: container, onApply, onClose };
}

const named = (el: HTMLElement, name: string) => el.querySelector<HTMLElement>(`[aria-label="${CSS.escape(name)}"]`);

function byText(el: ParentNode, tag: string, text: string): HTMLElement {
  const hit = [...el.querySelectorAll<HTMLElement>(tag)].find((b) => b.textContent === text);
  if (!hit) throw new Error(`no ${tag} "${text}"`);
  return hit;
}

/** Types into a React-controlled input as a person does (through the prototype's setter). */
function type(input: HTMLElement | null, value: string) {
  if (!(input instanceof HTMLInputElement)) throw new Error('not an input');
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(input) below
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function press(target: Element, key: string) {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

const stepRows = (el: HTMLElement) => [...el.querySelectorAll<HTMLTableRowElement>('tbody tr.step')];
const scroller = (el: HTMLElement) => el.querySelector<HTMLElement>('.editor-steps-scroll')!;

/** What leaving the page now would do: true when the page asks first. */
function leavingAsks(): boolean {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
}

describe('ScenarioEditor with MAX_STEPS steps', () => {
  it('draws a bounded number of rows, and tells assistive technology the full count', () => {
    const { el } = open(scenarioWith(MAX_STEPS));
    const rows = stepRows(el);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(60);
    expect(el.querySelectorAll('tbody input, tbody select, tbody button').length).toBeLessThan(600);
    const table = el.querySelector('table')!;
    expect(table.getAttribute('aria-rowcount')).toBe(String(MAX_STEPS + 1));
    expect(rows[0]!.getAttribute('aria-rowindex')).toBe('2');
    expect(named(el, 'Step 0 time')).toBeTruthy();
    expect(named(el, 'Move step 0 down')).toBeTruthy();
    // The spacer stands in for the rest: the scroll height is the whole list's.
    const spacer = el.querySelector<HTMLElement>('tr.spacer td')!;
    expect(parseFloat(spacer.style.height)).toBeGreaterThan((MAX_STEPS - 100) * 40);
    expect(spacer.parentElement!.getAttribute('aria-hidden')).toBe('true');
  });

  it('draws the rows in view after a scroll, with their own names and row indexes', () => {
    const { el } = open(scenarioWith(MAX_STEPS));
    const box = scroller(el);
    const rowHeight = 44; // the table's assumption until it can measure (happy-dom lays nothing out)
    act(() => {
      box.scrollTop = 36 + 150_000 * rowHeight;
      box.dispatchEvent(new Event('scroll'));
    });
    const rows = stepRows(el);
    const indexes = rows.map((r) => Number(r.dataset.row));
    expect(indexes[0]).toBe(150_000 - OVERSCAN);
    expect(indexes).toContain(150_000);
    expect(rows.length).toBeLessThanOrEqual(60);
    expect(rows.find((r) => r.dataset.row === '150000')!.getAttribute('aria-rowindex')).toBe('150002');
    expect(named(el, 'Step 150000 time')).toBeTruthy();
    expect((named(el, 'Step 150000 Value') as HTMLInputElement).value).toBe('v150000');
    expect(named(el, 'Step 0 time')).toBeNull();
    // Above and below, spacers of the rows not drawn.
    const [above, below] = [...el.querySelectorAll<HTMLElement>('tr.spacer td')];
    expect(parseFloat(above!.style.height)).toBe((150_000 - OVERSCAN) * rowHeight);
    expect(parseFloat(above!.style.height) + rows.length * rowHeight + parseFloat(below!.style.height)).toBe(MAX_STEPS * rowHeight);
  });

  it('validates a typed row at once, names it, and offers to go to it', () => {
    const { el } = open(scenarioWith(MAX_STEPS));
    const status = el.querySelector('[role="status"]')!;
    expect(status.textContent).toBe('The scenario is valid.');
    type(named(el, 'Step 3 time'), 'soon');
    // Worded for a person, numbered as the rows are (the CLI says steps[3].at).
    expect(status.textContent).toBe('Step 3: time must be a number, not text (got "soon")');
    expect(stepRows(el).find((r) => r.dataset.row === '3')!.getAttribute('aria-invalid')).toBe('true');
    expect((byText(el, 'button', 'Apply') as HTMLButtonElement).disabled).toBe(true);

    // Scroll far away, then jump back to the row the message names.
    act(() => {
      scroller(el).scrollTop = 36 + 100_000 * 44;
      scroller(el).dispatchEvent(new Event('scroll'));
    });
    expect(named(el, 'Step 3 time')).toBeNull();
    act(() => byText(el, 'button', 'Go to step 3').click());
    expect(document.activeElement).toBe(named(el, 'Step 3 time'));

    type(named(el, 'Step 3 time'), '3');
    expect(status.textContent).toBe('The scenario is valid.');
    expect((byText(el, 'button', 'Apply') as HTMLButtonElement).disabled).toBe(false);
  });

  it('↓ and ↑ in a field move to the same field of the next and previous row', () => {
    const { el } = open(scenarioWith(100));
    const first = named(el, 'Step 0 Key')!;
    first.focus();
    press(first, 'ArrowDown');
    // Row 1 is a kill: no Key field, so focus lands on its time.
    expect(document.activeElement).toBe(named(el, 'Step 1 time'));
    press(document.activeElement!, 'ArrowDown');
    expect(document.activeElement).toBe(named(el, 'Step 2 time'));
    press(document.activeElement!, 'ArrowUp');
    expect(document.activeElement).toBe(named(el, 'Step 1 time'));
  });

  it('takes two edits in one batch (React runs the second updater after the event is over)', () => {
    const { el } = open(scenarioWith(10));
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(input) below
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const title = byLabel(el, 'Title');
    const timeout = byLabel(el, 'Request timeout (ms)');
    act(() => {
      for (const [input, value] of [[title, 'Two at once'], [timeout, '250']] as const) {
        setter.call(input, value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
    });
    expect(byLabel(el, 'Title').value).toBe('Two at once');
    expect(byLabel(el, 'Request timeout (ms)').value).toBe('250');
  });

  it('keeps focus at its place when a row is moved or removed', () => {
    const { el } = open(scenarioWith(10));
    act(() => named(el, 'Move step 3 down')!.click());
    expect(document.activeElement).toBe(named(el, 'Move step 4 down'));
    expect((named(el, 'Step 4 time') as HTMLInputElement).value).toBe('3');
    act(() => named(el, 'Move step 1 up')!.click());
    // Now the first row, whose Up is disabled: its Down takes focus.
    expect(document.activeElement).toBe(named(el, 'Move step 0 down'));
    act(() => named(el, 'Remove step 2')!.click());
    expect(document.activeElement).toBe(named(el, 'Remove step 2'));
    expect((named(el, 'Step 2 time') as HTMLInputElement).value).toBe('4');
    act(() => named(el, 'Remove step 8')!.click());
    expect(document.activeElement).toBe(named(el, 'Remove step 7'));
    expect(stepRows(el).length).toBe(8);
  });

  it('applies the edited scenario', () => {
    const { el, onApply } = open(scenarioWith(10));
    type(named(el, 'Step 4 Value'), 'eggs');
    act(() => byText(el, 'button', 'Apply').click());
    expect(onApply).toHaveBeenCalledTimes(1);
    const applied = onApply.mock.calls[0]![0];
    expect(applied.steps[4]).toEqual({ at: 4, do: 'put', client: 'alice', key: 'cart', value: 'eggs' });
    expect(applied.steps.length).toBe(10);
  });
});

describe('ScenarioEditor never drops a draft silently', () => {
  const prompt = () => document.querySelector<HTMLElement>('[role="alertdialog"]');

  it('closes at once on Cancel or Escape when nothing changed, and leaving the page does not ask', () => {
    const a = open(scenarioWith(5));
    expect(leavingAsks()).toBe(false);
    act(() => byText(a.el, 'button', 'Cancel').click());
    expect(a.onClose).toHaveBeenCalledTimes(1);
    expect(prompt()).toBeNull();
    act(() => root!.unmount());
    root = undefined;

    const b = open(scenarioWith(5));
    press(named(b.el, 'Step 0 time')!, 'Escape');
    expect(b.onClose).toHaveBeenCalledTimes(1);
    expect(prompt()).toBeNull();
  });

  it('asks before Cancel discards changes; Keep editing keeps them', () => {
    const { el, onClose } = open(scenarioWith(5));
    type(named(el, 'Step 2 Value'), 'changed');
    expect(leavingAsks()).toBe(true);
    const cancel = byText(el, 'button', 'Cancel');
    cancel.focus();
    act(() => cancel.click());
    expect(onClose).not.toHaveBeenCalled();
    const ask = prompt()!;
    expect(ask).toBeTruthy();
    const title = document.getElementById(ask.getAttribute('aria-labelledby')!)!;
    expect(title.textContent).toBe('Discard your changes?');
    expect(document.activeElement).toBe(byText(ask, 'button', 'Keep editing'));
    act(() => byText(ask, 'button', 'Keep editing').click());
    expect(prompt()).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    expect((named(el, 'Step 2 Value') as HTMLInputElement).value).toBe('changed');
    expect(document.activeElement).toBe(cancel);
    expect(leavingAsks()).toBe(true);
  });

  it('asks before Escape discards changes; Escape in the question keeps editing, Discard closes', () => {
    const { el, onClose } = open(scenarioWith(5));
    const field = byLabel(el, 'Nodes (ids)');
    type(field, 'n1 n2 n3 n4 n5 n6');
    field.focus();
    press(field, 'Escape');
    expect(prompt()).toBeTruthy();
    press(byText(prompt()!, 'button', 'Keep editing'), 'Escape');
    expect(prompt()).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(field);

    press(field, 'Escape');
    act(() => byText(prompt()!, 'button', 'Discard').click());
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('stops asking once the change is undone by hand', () => {
    const { el, onClose } = open(scenarioWith(5));
    type(named(el, 'Step 1 time'), '10');
    expect(leavingAsks()).toBe(true);
    type(named(el, 'Step 1 time'), '1');
    expect(leavingAsks()).toBe(false);
    act(() => byText(el, 'button', 'Cancel').click());
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('disarms the page-leave question when the editor closes', () => {
    const { el } = open(scenarioWith(5));
    type(named(el, 'Step 1 time'), '10');
    expect(leavingAsks()).toBe(true);
    act(() => root!.unmount());
    root = undefined;
    expect(leavingAsks()).toBe(false);
  });
});

function byLabel(el: HTMLElement, text: string): HTMLInputElement {
  const label = [...el.querySelectorAll('label')].find((l) => l.firstChild?.textContent === text);
  const input = label?.querySelector('input');
  if (!input) throw new Error(`no field "${text}"`);
  return input;
}
