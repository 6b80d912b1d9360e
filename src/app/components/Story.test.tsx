// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { render, rerender } from '../testing/render';
import { createAppStore, type AppStore } from '../state/store';
import { runOf } from '../state/run';
import { layoutRing } from '../geometry/ringLayout';
import { DEFAULT_SCENARIO } from '../../scenario';
import { makeScenario } from '../../sim/testkit';
import type { SimScenario } from '../../sim/types';
import { Story } from './Story';
import { Legend } from './Legend';
import { MessageLayer } from './MessageLayer';
import { TimelineMarkers } from './TimelineMarkers';


/** The story's views load on their own (a lazy chunk): wait for them. */
async function renderStory(store: AppStore): Promise<HTMLElement> {
  const el = render(<Story />, store);
  await act(async () => {
    await import('./StoryBody');
  });
  if (!el.querySelector('.space-time')) throw new Error('the story did not load');
  return el;
}

const defaultStore = () => createAppStore(structuredClone<SimScenario>(DEFAULT_SCENARIO));

function click(el: Element | null | undefined) {
  if (!el) throw new Error('nothing to click');
  act(() => {
    el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });
}

describe('Story', () => {
  it('has one lane per node, named "n1 lane" and so on', async () => {
    const el = await renderStory(defaultStore());
    const lanes = [...el.querySelectorAll('[role="group"]')].map((g) => g.getAttribute('aria-label'));
    expect(lanes).toEqual(DEFAULT_SCENARIO.cluster.nodes.map((n) => `${n} lane`));
  });

  it('hides and shows itself', async () => {
    const el = await renderStory(defaultStore());
    const toggle = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Hide story')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    click(toggle);
    expect(toggle.textContent).toBe('Show story');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(el.querySelector('.story-body')?.hasAttribute('hidden')).toBe(true);
    expect(el.querySelector('svg')).toBeNull();
    click(toggle);
    expect(el.querySelectorAll('[role="group"]').length).toBe(5);
  });

  it('highlights the current event in the log and moves the Timeline when an entry is clicked', async () => {
    const store = defaultStore();
    const el = await renderStory(store);
    const current = () => el.querySelector('.log-line[aria-current="step"]');
    expect(current()?.textContent).toContain('Start: nothing has happened yet');
    act(() => store.setState({ cursor: 2 }));
    expect(current()?.textContent).toMatch(/n3 → n4 W cart = "milk" arrives/);
    expect(current()?.getAttribute('tabindex')).toBe('0');
    click(el.querySelector('.log-line[data-e="4"]'));
    expect(store.getState().cursor).toBe(4);
    expect(current()?.getAttribute('data-e')).toBe('4');
  });

  it('draws what has happened by the cursor and jumps to a message’s delivery when its arrow is clicked', async () => {
    const store = defaultStore();
    const el = await renderStory(store);
    expect(el.querySelectorAll('.st-arrow').length).toBe(0);
    act(() => store.setState({ cursor: 1 }));
    const arrows = [...el.querySelectorAll('.st-arrow')];
    expect(arrows.map((a) => a.classList.contains('flying'))).toEqual([true, true]);
    act(() => store.setState({ cursor: 3 }));
    expect(el.querySelectorAll('.st-arrow.delivered').length).toBe(2);
    click(el.querySelector('.st-arrow.k-ack'));
    // The ack n4 → n3 is delivered at event 4.
    expect(store.getState().cursor).toBe(4);
  });

  it('renders only a window of a long log', async () => {
    const steps = Array.from({ length: 200 }, (_, i) => ({ at: i * 20, do: 'get' as const, client: 'c', key: 'k' }));
    const store = createAppStore(makeScenario({ steps }));
    const events = runOf(store.getState().scenario).events;
    expect(events).toBeGreaterThanOrEqual(1000);
    const el = await renderStory(store);
    expect(el.querySelectorAll('.log-row').length).toBeLessThanOrEqual(150);
    act(() => store.setState({ cursor: 900 }));
    const shown = [...el.querySelectorAll('.log-line')].map((b) => Number(b.getAttribute('data-e')));
    expect(shown).toContain(900);
    expect(shown.length).toBeLessThanOrEqual(150);
    expect(el.textContent).toMatch(/earlier events are not listed/);
  });
});

describe('Legend', () => {
  it('is a toggle button that shows every message kind', () => {
    const el = render(<Legend />, defaultStore());
    const button = el.querySelector('button')!;
    expect(button.textContent).toBe('Legend');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    const panel = el.querySelector(`#${CSS.escape(button.getAttribute('aria-controls')!)}`)!;
    expect(panel.hasAttribute('hidden')).toBe(true);
    click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(panel.hasAttribute('hidden')).toBe(false);
    const words = [...panel.querySelectorAll('.legend-word')].map((w) => w.textContent);
    expect(words).toEqual(['W', 'hint', 'ack', 'R', 'resp', 'repair', 'replay', 'hash', 'sync', 'lost']);
  });
});

/** n3 skewed far behind: bob's later write loses to alice's, then carol's read misses it. */
const lostWrite: SimScenario = makeScenario({
  steps: [
    { at: 0, do: 'skew', node: 'n4', offsetMs: -60000 },
    { at: 10, do: 'put', client: 'alice', key: 'cart', value: 'first', coordinator: 'n3' },
    { at: 200, do: 'put', client: 'bob', key: 'cart', value: 'second', coordinator: 'n4' },
    { at: 400, do: 'get', client: 'carol', key: 'cart', r: 3 },
  ],
});

describe('TimelineMarkers', () => {
  it('offers one button per verdict, named for what and when, that moves the Timeline there', () => {
    const store = createAppStore(lostWrite);
    const el = render(<TimelineMarkers />, store);
    const buttons = [...el.querySelectorAll('button')];
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(['Lost write at 210 ms', 'Stale read at 410 ms']);
    click(buttons[1]);
    const stale = runOf(lostWrite).kernel.trace.find((r) => r.k === 'verdict' && r.kind === 'stale')!;
    expect(store.getState().cursor).toBe(stale.e);
    expect(buttons[1]!.getAttribute('aria-current')).toBe('step');
  });

  it('renders nothing when the checker found nothing', () => {
    const el = render(<TimelineMarkers />, defaultStore());
    expect(el.querySelector('button')).toBeNull();
  });
});

describe('MessageLayer', () => {
  /** The ring's layer, in a stage like RingStage's: the canvas is put beside the SVG. */
  function renderLayer(store: AppStore) {
    const Layer = () => {
      const run = runOf(store.getState().scenario);
      const layout = layoutRing(run.kernel.ring);
      const cursor = store.getState().cursor;
      return (
        <div className="stage">
          <svg>
            <MessageLayer layout={layout} run={run} cursor={cursor} timeMs={run.timeline.eventTimes[cursor] ?? 0} />
          </svg>
        </div>
      );
    };
    const el = render(<Layer />, store);
    const at = (cursor: number) => {
      act(() => store.setState({ cursor }));
      rerender(<Layer />, store);
      return el.querySelector('canvas')!;
    };
    return { el, at };
  }

  it('draws one glyph per message in flight, labelled by kind, on a canvas hidden from assistive technology', () => {
    const { el, at } = renderLayer(defaultStore());
    const canvas = el.querySelector('canvas')!;
    expect(canvas.parentElement?.className).toBe('stage');
    expect(canvas.getAttribute('aria-hidden')).toBe('true');
    expect(canvas.dataset.count).toBe('0');
    expect(at(1).dataset.glyphs).toBe('1 W n3>n4, 2 W n3>n1');
    expect(at(2).dataset.glyphs).toBe('2 W n3>n1, 3 ack n4>n3');
    expect(at(5).dataset.count).toBe('0');
  });

  it('keeps a lost message on screen right after the loss', () => {
    const scenario = makeScenario({ steps: [{ at: 0, do: 'put', client: 'alice', key: 'cart', value: 'x', coordinator: 'n3' }, { at: 1, do: 'kill', node: 'n4' }] });
    const drop = runOf(scenario).kernel.trace.find((r) => r.k === 'drop')!;
    const { at } = renderLayer(createAppStore(scenario));
    expect(at(drop.e - 1).dataset.lost).toBe('');
    expect(at(drop.e).dataset.lost).toBe('1 W n3>n4');
  });

  it('flashes a verdict on the node where it happened', () => {
    const store = createAppStore(lostWrite);
    const verdict = runOf(lostWrite).kernel.trace.find((r) => r.k === 'verdict')!;
    const { el, at } = renderLayer(store);
    at(verdict.e - 1);
    expect(el.querySelector('.verdict-flash')).toBeNull();
    at(verdict.e);
    expect(el.querySelector('.verdict-flash .verdict-label')?.textContent).toBe('lost write (cart)');
    expect(el.querySelector('.verdict-halo')).not.toBeNull();
  });
});
