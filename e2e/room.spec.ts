// Readable from the back of the room (issue 14): presenter mode at
// 1920×1080 sets what the room reads in at least 28 CSS px and its caption
// covers nothing; in normal mode at 1280×720 the sticky time strip covers
// nothing a user reaches, the scenario editor's buttons are on screen, and
// a lesson puts the panel its narration talks about in view; the `?` list
// names every key the page handles.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { LESSONS, type Lesson } from '../src/scenario/lessons';
import { blurAll, button, cli, expectTimeline, metricsRegion, nodeButton, openDefault, openScenario, speed, type ScenarioJson } from './helpers';
import { collectPageErrors, lessonPanel, pickLesson, stagePositions } from './lessonHelpers';
import { keyLabelPx } from './layoutHelpers';

const ROOM_PX = 28;

const lessonById = (id: string): Lesson => {
  const lesson = LESSONS.find((l) => l.id === id);
  if (!lesson) throw new Error(`no lesson "${id}"`);
  return lesson;
};

/** n3 (the first home replica of "cart") is down, so the write leaves a
 *  hint for it (a badge on the ring), and n1's clock is a minute fast. */
const LABELS_JSON: ScenarioJson = {
  version: 1,
  title: 'A hint and a skewed clock',
  steps: [
    { at: 0, do: 'skew', node: 'n1', offsetMs: 60_000 },
    { at: 0, do: 'kill', node: 'n3' },
    { at: 100, do: 'put', client: 'alice', key: 'cart', value: 'milk' },
  ],
};

/**
 * The font size of every piece of text the user sees inside `scope`: each
 * non-blank text node that is rendered (not display: none, not a
 * visually-hidden label), with the computed size of the element around it.
 */
async function shownTextSizes(scope: Locator): Promise<{ text: string; px: number }[]> {
  return scope.evaluateAll((roots) => {
    const out: { text: string; px: number }[] = [];
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = (n.textContent ?? '').trim();
        const el = n.parentElement;
        if (!text || !el) continue;
        const r = el.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1 || el.closest('.visually-hidden')) continue;
        out.push({ text: text.slice(0, 40), px: parseFloat(getComputedStyle(el).fontSize) });
      }
    }
    return out;
  });
}

async function expectRoomSized(scope: Locator, what: string): Promise<void> {
  const sizes = await shownTextSizes(scope);
  expect(sizes.length, `${what}: no text shown`).toBeGreaterThan(0);
  const small = sizes.filter((s) => s.px < ROOM_PX);
  expect(small, `${what}: text under ${ROOM_PX} px`).toEqual([]);
}

/** The element at the centre of `target`'s box, and whether it is `target` or inside it. */
async function hitAtCentre(target: Locator): Promise<{ ok: boolean; hit: string; y: number }> {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    const name = (e: Element | null) => (e ? `<${e.tagName.toLowerCase()} class="${e.getAttribute('class') ?? ''}">` : 'nothing (off screen)');
    return { ok: !!hit && (hit === el || el.contains(hit)), hit: name(hit), y: Math.round(y) };
  });
}

async function expectUncovered(target: Locator, what: string): Promise<void> {
  const res = await hitAtCentre(target);
  expect(res.ok, `${what}: at its centre (y ${res.y}) the page shows ${res.hit}`).toBe(true);
}

type Box = { left: number; top: number; right: number; bottom: number };
const boxOf = (l: Locator): Promise<Box> =>
  l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });
/** The part of an element's box that is drawn: clipped by each scrolling ancestor and by the viewport. */
const shownBoxOf = (l: Locator): Promise<Box> =>
  l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    const clip = (q: { left: number; top: number; right: number; bottom: number }) => {
      box.left = Math.max(box.left, q.left);
      box.top = Math.max(box.top, q.top);
      box.right = Math.min(box.right, q.right);
      box.bottom = Math.min(box.bottom, q.bottom);
    };
    for (let a = el.parentElement; a; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') clip(a.getBoundingClientRect());
    }
    clip({ left: 0, top: 0, right: innerWidth, bottom: innerHeight });
    return box;
  });
const overlap = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Fastest playback, so Next stage arrives at once. */
async function fastest(page: Page): Promise<void> {
  await speed(page).focus();
  await speed(page).press('End');
  await blurAll(page);
}

/** Walks a lesson from stage `from` to stage `to` with PageDown, answering
 *  each question on the way (rightly). */
async function toStage(page: Page, lesson: Lesson, to: number, from = 0): Promise<void> {
  const stops = stagePositions(lesson);
  const panel = lessonPanel(page, lesson);
  for (let i = from; i < to; i++) {
    const predict = lesson.stages[i]!.predict;
    if (predict) {
      await panel.getByRole('button', { name: predict.choices[predict.answer]!, exact: true }).click();
      await blurAll(page);
    }
    await page.keyboard.press('PageDown');
    await expectTimeline(page, stops[i + 1]!);
    await expect(panel.getByText(`stage ${i + 2} of ${lesson.stages.length}`)).toBeVisible();
  }
}

const caption = (page: Page) => page.locator('.presenter-caption');

test.describe('presenter mode at 1920×1080', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('the narration, the question and its answers, and the Request table are at least 28 px', async ({ page }) => {
    const errors = collectPageErrors(page);
    const lesson = lessonById('stale-read');
    const asking = lesson.stages.findIndex((s) => s.predict);
    await openDefault(page);
    await pickLesson(page, lesson);
    await fastest(page);
    const presenterButton = button(page, 'Presenter mode');
    const offLook = await presenterButton.evaluate((el) => getComputedStyle(el).backgroundColor);
    await page.keyboard.press('p');
    // The button says it is on, to assistive technology and to the eye.
    await expect(presenterButton).toHaveAttribute('aria-pressed', 'true');
    expect(await presenterButton.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(offLook);

    await toStage(page, lesson, asking);
    const panel = lessonPanel(page, lesson);
    // The narration is the caption.
    await expect(caption(page)).toHaveText(lesson.stages[asking]!.text);
    await expect(caption(page)).toBeInViewport();
    await expectRoomSized(caption(page), 'the caption (the narration)');
    // A second copy of the narration in the panel would be as large, or not shown.
    if (await panel.locator('.lesson-text').isVisible()) await expectRoomSized(panel.locator('.lesson-text'), 'the panel’s narration');
    // The question and every answer.
    const question = panel.getByRole('group', { name: /^Predict:/ });
    await expect(question).toBeInViewport();
    await expectRoomSized(question, 'the question and its answers');
    const answers = question.getByRole('button');
    expect(await answers.count()).toBe(lesson.stages[asking]!.predict!.choices.length);
    // The Request view's table of replicas.
    const table = page.getByRole('tabpanel').locator('.replica-table');
    await expect(table).toBeVisible();
    await expectRoomSized(table, 'the Request table');
    // The ring's node names and ranks.
    await expectRoomSized(page.locator('.stage .node-id'), 'node names');
    await expectRoomSized(page.locator('.stage .rank'), 'ranks');
    // The key's label, as drawn.
    expect(await keyLabelPx(page)).toBeGreaterThanOrEqual(ROOM_PX);

    // Answering shows the explanation in the same size.
    await answers.nth(lesson.stages[asking]!.predict!.answer).click();
    await expectRoomSized(question, 'the answered question');
    await expect(question.getByRole('status')).toBeInViewport();
    expect(errors).toEqual([]);
  });

  test('hint badges and clock skews on the ring are at least 28 px and inside the screen', async ({ page }) => {
    await openScenario(page, LABELS_JSON, cli(LABELS_JSON).events);
    await blurAll(page);
    await page.keyboard.press('p');
    await expect(button(page, 'Presenter mode')).toHaveAttribute('aria-pressed', 'true');
    for (const [selector, what] of [
      ['.stage .node-id', 'node names'],
      ['.stage .rank', 'ranks'],
      ['.stage .badge.hints', 'hint badges'],
      ['.stage .skew', 'clock skews'],
    ] as const) {
      const labels = page.locator(selector);
      expect(await labels.count(), `${what} on the ring`).toBeGreaterThan(0);
      await expectRoomSized(labels, what);
      for (const box of await labels.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
        expect(box.left >= 0 && box.top >= 0 && box.right <= 1920 && box.bottom <= 1080, `${what} inside the screen: ${JSON.stringify(box)}`).toBe(true);
      }
    }
  });

  test('the caption never covers the Metrics, at any stage of a lesson', async ({ page }) => {
    const lesson = lessonById('stale-read');
    await openDefault(page);
    await pickLesson(page, lesson);
    await fastest(page);
    await page.keyboard.press('p');
    await expect(caption(page)).toBeVisible();
    for (let i = 0; i < lesson.stages.length; i++) {
      if (i > 0) await toStage(page, lesson, i, i - 1);
      await expect(caption(page)).toHaveText(lesson.stages[i]!.text);
      const metrics = metricsRegion(page);
      const whole = await boxOf(metrics);
      const shown = await shownBoxOf(metrics);
      expect(overlap(await boxOf(caption(page)), shown), `stage ${i + 1}: the caption overlaps the Metrics`).toBe(false);
      // The Metrics are on screen whole (not scrolled away in their column)…
      expect(shown, `stage ${i + 1}: the Metrics are cut off`).toEqual(whole);
      // …and nothing lies over any figure.
      for (const dd of await metrics.locator('dd').all()) await expectUncovered(dd, `stage ${i + 1}: a Metrics figure`);
    }
  });

  test('axe finds nothing serious in presenter mode', async ({ page }) => {
    const lesson = lessonById('stale-read');
    await openDefault(page);
    await pickLesson(page, lesson);
    await fastest(page);
    await page.keyboard.press('p');
    await toStage(page, lesson, lesson.stages.findIndex((s) => s.predict));
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `[${v.impact}] ${v.id}: ${v.help} — ${n.target.join(' ')}`));
    expect(serious).toEqual([]);
  });
});

test.describe('normal mode at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the time strip covers neither the Key picker nor Put, Get and Delete', async ({ page }) => {
    await openDefault(page);
    const ops = page.getByRole('region', { name: 'Operations', exact: true });
    const keyPicker = ops.getByRole('combobox', { name: /^Key/ }).first();
    const controls: [Locator, string][] = [
      [keyPicker, 'the Key picker'],
      [button(page, 'Put'), 'Put'],
      [button(page, 'Get'), 'Get'],
      [button(page, 'Delete'), 'Delete'],
    ];
    // The first screen shows the Key picker whole, above the strip.
    await expectUncovered(keyPicker, 'the Key picker on the first screen');
    for (const [control, what] of controls) {
      // Scrolled to as a link or a script would (the least scrolling that shows it)…
      await page.evaluate(() => window.scrollTo(0, 0));
      await control.evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
      await expectUncovered(control, `${what} after scrollIntoView`);
      // …and reached with the keyboard.
      await page.evaluate(() => window.scrollTo(0, 0));
      await control.focus();
      await expectUncovered(control, `${what} when focused`);
    }
    // A click lands on Put (Playwright refuses a click that something else would take).
    await button(page, 'Put').click({ timeout: 5000 });
  });

  test('Tab never puts focus under the time strip', async ({ page }) => {
    await openDefault(page);
    await blurAll(page);
    let checked = 0;
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      const res = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body || el.closest('.time-strip, dialog')) return null;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return null;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 20));
        return { name: el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? el.tagName, underStrip: !!hit?.closest('.time-strip') };
      });
      if (!res) continue;
      checked++;
      expect(res.underStrip, `focus on "${res.name}" is under the time strip`).toBe(false);
    }
    expect(checked).toBeGreaterThan(30);
  });

  test('the scenario editor’s Apply and Cancel are on screen', async ({ page }) => {
    await openScenario(page, {
      version: 1,
      title: 'Many steps',
      steps: Array.from({ length: 60 }, (_, i) => ({ at: i * 10, do: 'put', client: 'alice', key: `k${i}`, value: 'v' })),
    });
    await page.getByRole('banner').getByText('Scenario', { exact: true }).click();
    await button(page, 'Edit scenario').click();
    const editor = page.getByRole('dialog', { name: 'Edit scenario' });
    await expect(editor).toBeVisible();
    for (const name of ['Apply', 'Cancel']) {
      const b = editor.getByRole('button', { name, exact: true });
      await expect(b).toBeInViewport({ ratio: 1 });
      await expectUncovered(b, name);
    }
  });

  test('the Merkle lesson opens the Merkle tab, in view', async ({ page }) => {
    const lesson = lessonById('anti-entropy');
    expect(lesson.stages[0]!.tab).toBe('merkle');
    await openDefault(page);
    await pickLesson(page, lesson);
    await expect(page.getByRole('tab', { name: 'Merkle', exact: true })).toHaveAttribute('aria-selected', 'true');
    const tabpanel = page.getByRole('tabpanel');
    await expect(tabpanel).toBeInViewport();
    // The tab loads when first opened: its first line is the view's, not "Loading…".
    await expect(tabpanel).not.toContainText('Loading…');
    await expectUncovered(page.getByRole('tab', { name: 'Merkle', exact: true }), 'the Merkle tab');
    await expectUncovered(tabpanel.locator('p').first(), 'the Merkle tab’s first line');
  });

  test('a stage that talks about the Metrics outlines them and scrolls them into view', async ({ page }) => {
    const lesson = lessonById('stale-read');
    const talks = lesson.stages.findIndex((s) => /\bMetrics\b/.test(s.text));
    expect(talks).toBeGreaterThan(0);
    await openDefault(page);
    await pickLesson(page, lesson);
    await fastest(page);
    const metrics = metricsRegion(page);
    const outline = () => metrics.evaluate((el) => ({ style: getComputedStyle(el).outlineStyle, width: parseFloat(getComputedStyle(el).outlineWidth) }));
    // The stage before does not point at them.
    await toStage(page, lesson, talks - 1);
    expect((await outline()).style).toBe('none');
    await expect(metrics).not.toBeInViewport({ ratio: 1 });
    await toStage(page, lesson, talks, talks - 1);
    await expect.poll(outline).toEqual({ style: 'solid', width: 4 });
    await expect(metrics).toBeInViewport({ ratio: 1 });
    // Above the strip: its last figure is not covered.
    await expect.poll(() => hitAtCentre(metrics.locator('dd').last()).then((r) => r.ok)).toBe(true);
    // The nodes the stage is about are still on screen.
    const about = lesson.stages[talks]!.highlight?.nodes ?? [];
    expect(about.length).toBeGreaterThan(0);
    for (const id of about) await expect(nodeButton(page, id)).toBeInViewport({ ratio: 1 });
  });

  test('with reduced motion the outline does not pulse', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const lesson = lessonById('stale-read');
    const talks = lesson.stages.findIndex((s) => /\bMetrics\b/.test(s.text));
    await openDefault(page);
    await pickLesson(page, lesson);
    await fastest(page);
    await toStage(page, lesson, talks);
    const metrics = metricsRegion(page);
    await expect(metrics).toHaveClass(/\bcallout\b/);
    expect(await metrics.evaluate((el) => el.getAnimations().length)).toBe(0);
    await expect(metrics).toBeInViewport({ ratio: 1 });
  });
});

test('the ? list names every key: presenter keys and a clicker’s PageDown / PageUp too', async ({ page }) => {
  await openDefault(page);
  await blurAll(page);
  await page.keyboard.press('?');
  const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(list).toBeVisible();
  const keys = await list.locator('kbd').allTextContents();
  for (const key of ['Space', '←', '→', 'Home', 'End', 'PageDown', 'n', 'PageUp', 'b', 'p', '?', 'Esc']) expect(keys, `the list shows ${key}`).toContain(key);
  // The whole list fits on screen with its Close button.
  await expect(list.getByRole('button', { name: 'Close', exact: true })).toBeInViewport();
});
