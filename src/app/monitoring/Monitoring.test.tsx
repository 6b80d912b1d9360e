// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { lessonById } from '../../scenario/lessons';
import { render, rerender } from '../testing/render';
import { createAppStore } from '../state/store';
import { runOf } from '../state/run';
import { Monitoring } from './Monitoring';
import { readingAt, seriesOfRun } from './series';

const lesson = lessonById('watching-staleness')!;

async function renderAt(cursor: number) {
  const store = createAppStore(lesson.scenario, cursor);
  const run = runOf(lesson.scenario);
  const el = render(<Monitoring run={run} cursor={cursor} />, store);
  await act(async () => {
    await import('./MonitoringPlots');
  });
  if (!el.querySelector('figure')) throw new Error('the plots did not load');
  return { el, store, run };
}

/** Each plot by its accessible name: the figure's labelling title, and the sentence describing it. */
function plots(el: HTMLElement): Map<string, string> {
  const out = new Map<string, string>();
  for (const fig of el.querySelectorAll('figure')) {
    const name = document.getElementById(fig.getAttribute('aria-labelledby')!)!.textContent;
    out.set(name, document.getElementById(fig.getAttribute('aria-describedby')!)!.textContent);
  }
  return out;
}

describe('Monitoring', () => {
  it('is a region with four named plots, each saying its figures at the cursor', async () => {
    const run = runOf(lesson.scenario);
    // While n3 is down, with hints queued.
    let e = 0;
    while (e < run.events && run.timeline.eventTimes[e + 1]! <= 1950) e++;
    const { el } = await renderAt(e);
    const section = el.querySelector('section')!;
    expect(document.getElementById(section.getAttribute('aria-labelledby')!)!.textContent).toBe('Monitoring');
    const text = plots(el);
    expect([...text.keys()]).toEqual(['Read repairs per interval', 'Hints queued per node', 'Anti-entropy lag per replica pair', 'Stale reads']);
    const r = readingAt(seriesOfRun(run), e);
    const view = run.timeline.at(e);
    const held = run.scenario.cluster.nodes.map((n) => `${n} holds ${view.nodes.get(n)!.hints.size}`).join(', ');
    expect(r.hintsQueued).toBeGreaterThan(0);
    expect(text.get('Hints queued per node')).toBe(`Hints queued at ${r.timeMs} ms: ${held} (${r.hintsQueued} in all; ${view.metrics.hintsStored} stored and ${view.metrics.hintsDelivered} delivered so far).`);
    expect(text.get('Read repairs per interval')).toMatch(new RegExp(`^Read repairs by ${r.timeMs} ms: ${view.metrics.readRepairs} in all`));
    expect(text.get('Stale reads')).toBe(`Stale reads by ${r.timeMs} ms: ${view.metrics.staleReads}.`);
    // n3 lost its disk at 1 s: every pair with n3 has disagreed since.
    expect(text.get('Anti-entropy lag per replica pair')).toBe(`Anti-entropy lag at ${r.timeMs} ms: n1–n3, n2–n3 and n3–n4 last agreed ${r.timeMs - 1000} ms ago (at 1000 ms); the other 7 pairs agree.`);
    // The hint bands are drawn, and n3's down span shaded.
    expect(el.querySelectorAll('.mon-hints path').length).toBeGreaterThan(0);
    expect(el.querySelector('.mon-down text')?.textContent).toBe('n3 down');
  });

  it('draws nothing beyond the cursor', async () => {
    const { el } = await renderAt(0);
    expect(el.querySelectorAll('.mon-hints path').length).toBe(0);
    expect(el.querySelectorAll('.mon-bars rect').length).toBe(0);
    expect(el.querySelectorAll('.mon-down').length).toBe(0);
    expect(plots(el).get('Anti-entropy lag per replica pair')).toBe('Anti-entropy lag at 0 ms: all 10 replica pairs agree.');
  });

  it('follows the cursor, and a click on a plot moves the Timeline to the last event at that time', async () => {
    const { el, store, run } = await renderAt(0);
    const end = run.events;
    rerender(<Monitoring run={run} cursor={end} />, store);
    expect(plots(el).get('Hints queued per node')).toMatch(/\(0 in all; 5 stored and 5 delivered so far\)\.$/);
    expect(el.querySelectorAll('.mon-bars rect').length).toBeGreaterThan(0);
    // The plot spans [0, end time] over x in [54, width − 64] (the initial width is 640).
    const svg = el.querySelector('figure svg')!;
    const endMs = run.timeline.eventTimes[end]!;
    const px = 54 + ((640 - 64 - 54) * 1500) / endMs;
    act(() => {
      svg.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: px }));
    });
    const cursor = store.getState().cursor;
    expect(run.timeline.eventTimes[cursor]).toBeLessThanOrEqual(1500);
    expect(run.timeline.eventTimes[cursor + 1]).toBeGreaterThan(1500);
  });

  it('hides and shows its plots', async () => {
    const { el } = await renderAt(0);
    const toggle = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Hide monitoring')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const click = () =>
      act(() => {
        toggle.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      });
    click();
    expect(toggle.textContent).toBe('Show monitoring');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(el.querySelector('figure')).toBeNull();
    click();
    expect(el.querySelectorAll('figure').length).toBe(4);
  });
});
