// Phones (issue 14), 390×844 in portrait with touch: the header's controls
// sit behind a Menu button, a lesson's narration is a bottom sheet on screen
// together with the whole ring, and what a student taps is at least 44×44
// CSS px.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { LESSONS, type Lesson } from '../src/scenario/lessons';
import { blurAll, button, expectTimeline, nodeButtons, openDefault, speed, timeline } from './helpers';
import { collectPageErrors, lessonPanel, narration, stagePositions } from './lessonHelpers';
import { keyLabelPx } from './layoutHelpers';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const TOUCH_PX = 44;

const menuButton = (page: Page) => button(page, 'Menu');

/** Opens a lesson the way a student on a phone does: Menu, Lessons, the lesson. */
async function tapLesson(page: Page, lesson: Lesson): Promise<void> {
  await menuButton(page).tap();
  await button(page, 'Lessons').tap();
  const picker = page.getByRole('dialog', { name: 'Lessons', exact: true });
  await expect(picker).toBeVisible();
  await picker.getByRole('button', { name: `${lesson.number}. ${lesson.title}`, exact: true }).tap();
  await expect(picker).toHaveCount(0);
  await expect(lessonPanel(page, lesson)).toBeVisible();
}

/** Fastest playback, so Next stage arrives at once. */
async function fastest(page: Page): Promise<void> {
  await speed(page).focus();
  await speed(page).press('End');
  await blurAll(page);
}

type Rect = { left: number; top: number; right: number; bottom: number; width: number; height: number };
const rectOf = (l: Locator): Promise<Rect> => l.evaluate((el) => el.getBoundingClientRect().toJSON() as Rect);

/** Whether the element is drawn whole on the screen and is what a tap at its centre reaches. */
async function onScreenAndReachable(l: Locator): Promise<{ ok: boolean; why: string }> {
  return l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const w = window.visualViewport?.width ?? innerWidth;
    const h = window.visualViewport?.height ?? innerHeight;
    if (r.top < 0 || r.left < 0 || r.bottom > h + 0.5 || r.right > w + 0.5) return { ok: false, why: `off screen: [${[r.left, r.top, r.right, r.bottom].map(Math.round).join(', ')}] on a ${w}×${h} screen` };
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const ok = !!hit && (hit === el || el.contains(hit));
    return { ok, why: ok ? '' : `covered by <${hit?.tagName.toLowerCase()} class="${hit?.getAttribute('class') ?? ''}">` };
  });
}

async function expectReachable(l: Locator, what: string): Promise<void> {
  const res = await onScreenAndReachable(l);
  expect(res.ok, `${what}: ${res.why}`).toBe(true);
}

async function expectTouchSized(controls: Locator, what: string): Promise<void> {
  const n = await controls.count();
  expect(n, `${what}: none found`).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const c = controls.nth(i);
    if (!(await c.isVisible())) continue;
    const r = await rectOf(c);
    const name = (await c.getAttribute('aria-label')) ?? (await c.innerText()).trim();
    expect(r.width >= TOUCH_PX && r.height >= TOUCH_PX, `${what} "${name}" is ${Math.round(r.width)}×${Math.round(r.height)} px`).toBe(true);
  }
}

test('the header’s controls are behind a Menu button that says whether it is open', async ({ page }) => {
  await openDefault(page);
  const menu = menuButton(page);
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  const controls = page.locator(`#${await menu.getAttribute('aria-controls')}`);
  await expect(button(page, 'Lessons')).toBeHidden();
  // The header is one row: it leaves the screen to the ring.
  expect((await rectOf(page.getByRole('banner'))).height).toBeLessThanOrEqual(64);

  await menu.tap();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  for (const name of ['Lessons', 'Presenter mode', 'Copy link', 'Share', 'Export trace', 'Dark theme', 'Shortcuts']) {
    const b = controls.getByRole('button', { name, exact: true });
    await expect(b).toBeVisible();
    await expectReachable(b, name);
  }
  await expectTouchSized(controls.locator('button:visible, summary:visible, select:visible'), 'menu item');
  await expectTouchSized(menu, 'the Menu button');
  // Still no sideways scrolling with the menu open.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Escape closes it and gives focus back to the button.
  await button(page, 'Lessons').focus();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();
  await expect(button(page, 'Lessons')).toBeHidden();

  // A tap elsewhere closes it too.
  await menu.tap();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('region', { name: 'Metrics', exact: true }).tap({ position: { x: 5, y: 5 } });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('in a lesson the narration and the whole ring are on screen together, at every stage', async ({ page }) => {
  const errors = collectPageErrors(page);
  const lesson = LESSONS.find((l) => l.id === 'stale-read')!;
  const stops = stagePositions(lesson);
  await openDefault(page);
  await tapLesson(page, lesson);
  await fastest(page);
  // Choosing from the menu closed it.
  await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'false');
  const panel = lessonPanel(page, lesson);
  for (let i = 0; i < lesson.stages.length; i++) {
    await expect(narration(page, lesson)).toHaveText(lesson.stages[i]!.text);
    // The narration, every node of the ring, and Play and the Timeline: all on screen, none under another.
    await expectReachable(narration(page, lesson), `stage ${i + 1}: the narration`);
    const nodes = nodeButtons(page);
    expect(await nodes.count()).toBe(lesson.scenario.cluster.nodes.length);
    for (const node of await nodes.all()) await expectReachable(node, `stage ${i + 1}: ${await node.getAttribute('aria-label')}`);
    await expectReachable(button(page, 'Play'), `stage ${i + 1}: Play`);
    await expectReachable(timeline(page), `stage ${i + 1}: the Timeline`);
    // The sheet's stage buttons are reachable (inside the sheet, scrolled to if need be).
    const next = panel.getByRole('button', { name: 'Next stage', exact: true });
    await next.scrollIntoViewIfNeeded();
    await expectReachable(next, `stage ${i + 1}: Next stage`);
    await expectTouchSized(panel.getByRole('button'), `stage ${i + 1}: lesson button`);

    const predict = lesson.stages[i]!.predict;
    if (predict) {
      const answers = panel.getByRole('group', { name: /^Predict:/ }).getByRole('button');
      expect(await answers.count()).toBe(predict.choices.length);
      await expectTouchSized(answers, 'answer');
      const right = answers.nth(predict.answer);
      await right.scrollIntoViewIfNeeded();
      await expectReachable(right, 'the right answer');
      await right.tap();
      await expect(panel.getByRole('status')).toBeVisible();
    }
    if (i + 1 < lesson.stages.length) {
      await next.scrollIntoViewIfNeeded();
      await next.tap();
      await expectTimeline(page, stops[i + 1]!);
      await expect(panel.getByText(`stage ${i + 2} of`)).toBeVisible();
    }
  }
  // The key's label on the small ring is drawn at 16 px or more.
  expect(await keyLabelPx(page)).toBeGreaterThanOrEqual(16);
  // The ring stayed round and large enough to read: at least half the screen's width.
  const ring = await rectOf(page.locator('.stage'));
  expect(ring.width).toBeGreaterThanOrEqual(195);
  expect(Math.abs(ring.width - ring.height)).toBeLessThan(2);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(errors).toEqual([]);
});

test('what a student taps is at least 44×44 px: playback, stage and answer buttons, nodes, tabs', async ({ page }) => {
  const lesson = LESSONS.find((l) => l.stages[0]!.predict === undefined && l.stages.some((s) => s.predict))!;
  await openDefault(page);
  await expectTouchSized(page.getByRole('region', { name: 'Playback', exact: true }).getByRole('button'), 'playback button');
  for (const name of ['Reset', 'Step back', 'Play', 'Pause', 'Step forward']) await expectReachable(button(page, name), name);
  await expectTouchSized(nodeButtons(page), 'node button');
  await expectTouchSized(page.getByRole('tab'), 'tab');
  await expectTouchSized(button(page, 'Legend'), 'Legend');
  await expectTouchSized(menuButton(page), 'Menu');

  await tapLesson(page, lesson);
  await expectTouchSized(lessonPanel(page, lesson).getByRole('button'), 'lesson button');
  const asking = lesson.stages.findIndex((s) => s.predict);
  const stops = stagePositions(lesson);
  await fastest(page);
  for (let i = 0; i < asking; i++) {
    const next = lessonPanel(page, lesson).getByRole('button', { name: 'Next stage', exact: true });
    await next.scrollIntoViewIfNeeded();
    await next.tap();
    await expectTimeline(page, stops[i + 1]!);
    // The stage's tab (the Machine tab's chart and picker) fits the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `stage ${i + 2} is wider than the screen`).toBeLessThanOrEqual(390);
  }
  await expect(lessonPanel(page, lesson).getByRole('group', { name: /^Predict:/ })).toBeVisible();
  await expectTouchSized(lessonPanel(page, lesson).getByRole('group', { name: /^Predict:/ }).getByRole('button'), 'answer');
  await expectTouchSized(lessonPanel(page, lesson).getByRole('button', { name: 'Skip the question', exact: true }), 'Skip the question');

  // Nothing is wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('the end of the page can be scrolled out from under the time strip and the sheet', async ({ page }) => {
  const lesson = LESSONS[0]!;
  await openDefault(page);
  await tapLesson(page, lesson);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  // The last thing on the page (the Story's event log or its Hide button) is drawn above both.
  const last = page.getByRole('region', { name: 'Story', exact: true }).getByRole('button').first();
  await last.scrollIntoViewIfNeeded();
  await expectReachable(last, 'the Story’s first button');
  const tabs = page.getByRole('tab', { name: 'Merkle', exact: true });
  await tabs.scrollIntoViewIfNeeded();
  await expectReachable(tabs, 'the Merkle tab');
  await tabs.tap();
  await expect(tabs).toHaveAttribute('aria-selected', 'true');
});
