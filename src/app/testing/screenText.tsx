// What a student reads on the screen at a lesson stage, view by view, as
// plain lines of text: each view rendered alone with the store the lesson
// would have at that stage. For tests run under happy-dom.

import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { applyCompare, type Lesson, type Variant } from '../../scenario/lessons';
import type { NodeId } from '../../sim/types';
import MachineView from '../components/MachineView';
import { MerkleView } from '../components/MerkleView';
import { MetricsPanel } from '../components/MetricsPanel';
import { NodeInspector } from '../components/NodeInspector';
import { RequestView } from '../components/RequestView';
import { RingStage } from '../components/RingStage';
import { StoreContext } from '../context';
import { lessonStages } from '../lessons/stages';
import { focusOf } from '../lessons/stageFocus';
import { runOf } from '../state/run';
import { createAppStore, type AppStore } from '../state/store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function textOf(node: ReactNode, store: AppStore, read: (el: HTMLElement) => string[]): string[] {
  const el = document.createElement('div');
  document.body.append(el);
  const root = createRoot(el);
  act(() => root.render(<StoreContext.Provider value={store}>{node}</StoreContext.Provider>));
  const out = read(el);
  act(() => root.unmount());
  el.remove();
  return out;
}

// Isolate marks (U+2066–U+2069) around user text in a sentence are
// invisible: a student reads "cart", and so do the claims checked here.
const squash = (s: string | null | undefined): string => (s ?? '').replace(/[\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();

/** An element's text as a reader hears it: two elements side by side with
 *  no text between them are two words ("cart" "acknowledged"), and table
 *  cells stand apart: "n4 · home #3 · acked at 110 ms". */
function spoken(x: Element): string {
  if (x.tagName === 'TR') return [...x.children].map((c) => squash(spoken(c))).join(' · ');
  let out = '';
  let lastWasElement = false;
  for (const child of x.childNodes) {
    const isElement = child.nodeType === 1;
    const text = isElement ? spoken(child as Element) : (child.textContent ?? '');
    if (isElement && lastWasElement && !/\s$/.test(out) && !/^[\s,.;:)]/.test(text)) out += ' ';
    out += text;
    lastWasElement = isElement;
  }
  return out.replace(/\s+/g, ' ');
}

/** Block-level pieces of a view's text, one line each. */
function lines(el: HTMLElement): string[] {
  return [...el.querySelectorAll('h3, p, li, tr, dt, figcaption, .slots')].map((x) => squash(spoken(x))).filter((t) => t.length > 0);
}

/** The Metrics panel as "Keys synced: 4" lines. */
function metricLines(el: HTMLElement): string[] {
  return [...el.querySelectorAll('dl > div')].map((d) => `${squash(d.querySelector('dt')?.textContent)}: ${squash(d.querySelector('dd')?.textContent)}`);
}

/** The ring as sentences: "n4 is down", "n1 holds 1 hint", the key marked. */
function ringLines(el: HTMLElement): string[] {
  const out: string[] = [];
  for (const b of el.querySelectorAll<HTMLElement>('button.node')) {
    const id = squash(b.querySelector('.node-id')?.textContent);
    out.push(`${id} is ${b.classList.contains('down') ? 'down' : 'up'}`);
    const hints = squash(b.querySelector('.badge.hints')?.textContent);
    if (hints) out.push(`${id} holds ${hints} hint${hints === '1' ? '' : 's'}`);
    const skew = squash(b.querySelector('.skew')?.textContent);
    if (skew) out.push(`${id}'s clock ${skew}`);
  }
  const key = squash(el.querySelector('.key-tick text')?.textContent);
  out.push(key ? `key ${key} is marked` : 'no key is marked');
  return out;
}

export interface StageScreen {
  cursor: number;
  store: AppStore;
  request: string[];
  /** The Request tab showing operation `step`. */
  requestFor(step: number): string[];
  metrics: string[];
  merkle: string[];
  /** The Machine tab: its title, "State: collecting", this event's transitions. */
  machine: string[];
  ring: string[];
  node(id: NodeId): string[];
}

/** The screen at stage `i` of a lesson, as the lesson panel leaves it (or
 *  as it would be on one side of the lesson's comparison). */
export function screenAt(lesson: Lesson, i: number, variant?: Variant): StageScreen {
  const scenario = variant === undefined ? lesson.scenario : applyCompare(lesson, variant);
  const run = runOf(scenario);
  const stage = lesson.stages[i]!;
  const cursor = lessonStages(run.timeline, [stage.atMs])[0]!;
  const store = createAppStore(scenario, cursor);
  store.setState({ lessonId: lesson.id, stage: i, ...focusOf(lesson, i) });
  return {
    cursor,
    store,
    request: textOf(<RequestView />, store, lines),
    requestFor: (step) => {
      const { selectedOp } = store.getState();
      store.setState({ selectedOp: step });
      const out = textOf(<RequestView />, store, lines);
      store.setState({ selectedOp });
      return out;
    },
    metrics: textOf(<MetricsPanel />, store, metricLines),
    merkle: textOf(<MerkleView />, store, lines),
    machine: textOf(<MachineView />, store, lines),
    ring: textOf(<RingStage />, store, ringLines),
    node: (id) => {
      store.setState({ selectedNode: id });
      return textOf(<NodeInspector />, store, lines);
    },
  };
}
