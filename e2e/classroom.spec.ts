// The classroom: presenter mode, embedding in a course page, and sharing by
// link (Copy link, the address bar with Back / Forward and reload, lesson
// links, the Share dialog's QR code). README "Lessons and the classroom".

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { decodeScenario, encodeScenario } from '../src/scenario';
import { LESSONS, type Lesson } from '../src/scenario/lessons';
import {
  RICH_JSON,
  ROOT,
  blurAll,
  button,
  cli,
  expectTimeline,
  metricsRegion,
  nodeButton,
  nodeButtons,
  openDefault,
  openScenario,
  sliderState,
  timeline,
  timelineMax,
  timelineValue,
} from './helpers';
import { collectPageErrors, lessonPanel, narration, pickLesson, runFacts, stagePositions } from './lessonHelpers';

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

/** A lesson whose stages each fall on their own Timeline position (so the
 *  classroom tests do not depend on how collapsed stages are shown). */
function lessonWithDistinctStages(): Lesson {
  const lesson = LESSONS.find((l) => {
    const stops = stagePositions(l);
    return stops.length >= 3 && stops.every((s, i) => i === 0 || s > stops[i - 1]!);
  });
  if (!lesson) throw new Error('no lesson has its stages on distinct Timeline positions');
  return lesson;
}

const caption = (page: Page) => page.locator('.presenter-caption');

/** Kills a node through the inspector (an edit: a new history entry). */
async function kill(page: Page, id: string): Promise<void> {
  await nodeButton(page, id).click();
  await button(page, `Kill ${id}`).click();
  await expect(button(page, `Node ${id}, down`)).toHaveCount(1);
}

/** The Node tab's text for a node (selecting it first). */
async function inspectorText(page: Page, id: string): Promise<string> {
  await nodeButton(page, id).click();
  await expect(button(page, `Kill ${id}`)).toBeVisible();
  return (await page.getByRole('tabpanel').first().innerText()).trim();
}

test.describe('presenter mode', () => {
  test('p shows the stage as a caption, hides secondary controls; PageDown / n / b move through stages', async ({ page }) => {
    const errors = collectPageErrors(page);
    const lesson = lessonWithDistinctStages();
    const stops = stagePositions(lesson);
    await page.setViewportSize({ width: 1280, height: 720 });
    await openDefault(page);
    await pickLesson(page, lesson);
    await blurAll(page);
    const fontBefore = await page.locator('.app').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    await expect(caption(page)).toHaveCount(0);

    await page.keyboard.press('p');
    await expect(button(page, 'Presenter mode')).toHaveAttribute('aria-pressed', 'true');
    await expect(caption(page)).toBeVisible();
    await expect(caption(page)).toHaveText(lesson.stages[0]!.text);
    // Larger type.
    expect(await page.locator('.app').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThan(fontBefore);
    // Secondary controls are tucked away; the main ones stay.
    await expect(page.getByRole('combobox', { name: 'Compare' })).toBeHidden();
    await expect(page.getByRole('banner').getByText('Scenario', { exact: true })).toBeHidden();
    await expect(page.getByRole('region', { name: 'Story', exact: true })).toBeHidden();
    await expect(page.getByRole('region', { name: 'Operations', exact: true })).toBeHidden();
    for (const name of ['Lessons', 'Presenter mode', 'Copy link', 'Share', 'Play', 'Pause']) await expect(button(page, name)).toBeVisible();
    await expect(timeline(page)).toBeVisible();
    await expect(nodeButtons(page)).toHaveCount(lesson.scenario.cluster.nodes.length);

    // A clicker's PageDown: the next stage, and the caption follows.
    await page.keyboard.press('PageDown');
    await expectTimeline(page, stops[1]!);
    await expect(caption(page)).toHaveText(lesson.stages[1]!.text);
    await expect(caption(page)).toBeInViewport();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'presenter-desktop.png') });

    // b goes back, n forward again.
    await page.keyboard.press('b');
    await expectTimeline(page, stops[0]!);
    await expect(caption(page)).toHaveText(lesson.stages[0]!.text);
    await page.keyboard.press('n');
    await expectTimeline(page, stops[1]!);
    await expect(caption(page)).toHaveText(lesson.stages[1]!.text);

    // p again leaves presenter mode.
    await page.keyboard.press('p');
    await expect(button(page, 'Presenter mode')).toHaveAttribute('aria-pressed', 'false');
    await expect(caption(page)).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Story', exact: true })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('outside a lesson, PageDown stops just before each next step and the caption tells what happened', async ({ page }) => {
    await openScenario(page, RICH_JSON);
    await blurAll(page);
    await page.keyboard.press('p');
    await expect(caption(page)).toBeVisible();
    const first = ((await caption(page).textContent()) ?? '').trim();
    expect(first.length).toBeGreaterThan(0);
    const seen = [await timelineValue(page)];
    const captions = [first];
    const max = await timelineMax(page);
    for (let i = 0; i < RICH_JSON.steps.length + 1 && seen.at(-1)! < max; i++) {
      await page.keyboard.press('PageDown');
      // Next stage plays what happens on the way, then stops.
      await expect.poll(() => timelineValue(page)).toBeGreaterThan(seen.at(-1)!);
      await expect(button(page, 'Play')).toHaveAttribute('aria-pressed', 'false', { timeout: 30_000 });
      seen.push(await timelineValue(page));
      captions.push(((await caption(page).textContent()) ?? '').trim());
    }
    // One stop before each step after the first, then the end.
    expect(seen.at(-1)).toBe(max);
    expect(seen.length).toBe(RICH_JSON.steps.length + 1);
    // The caption changed as the stages moved.
    expect(new Set(captions).size).toBeGreaterThan(1);
  });
});

test.describe('embed', () => {
  test('?embed shows only the ring, playback and an "Open in Ringside" link; Play works', async ({ page, context }) => {
    const errors = collectPageErrors(page);
    const lesson = LESSONS[0]!;
    const fragment = encodeScenario(lesson.scenario);
    await page.setViewportSize({ width: 800, height: 600 });
    await page.goto(`/?embed${fragment}`);
    await expect(nodeButtons(page)).toHaveCount(lesson.scenario.cluster.nodes.length);
    await expect(timeline(page)).toBeVisible();
    expect((await sliderState(timeline(page))).max).toBe(runFacts(lesson.scenario).events);
    for (const name of ['Play', 'Pause', 'Step forward', 'Step back', 'Reset']) await expect(button(page, name)).toBeVisible();

    // Nothing else: no header, story, explain tabs, metrics or narration.
    await expect(page.getByRole('banner')).toHaveCount(0);
    await expect(button(page, 'Lessons')).toHaveCount(0);
    await expect(button(page, 'Copy link')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Story', exact: true })).toHaveCount(0);
    await expect(page.getByRole('complementary', { name: 'Explain' })).toHaveCount(0);
    await expect(page.getByRole('tablist')).toHaveCount(0);
    await expect(metricsRegion(page)).toHaveCount(0);
    await expect(lessonPanel(page, lesson)).toHaveCount(0);

    const open = page.getByRole('link', { name: 'Open in Ringside', exact: true });
    await expect(open).toBeVisible();
    const href = (await open.getAttribute('href')) ?? '';
    expect(href).not.toContain('embed');
    const full = new URL(href, page.url());
    expect(full.search).toBe('');
    expect(full.hash.startsWith('#s=')).toBe(true);
    const decoded = decodeScenario(full.hash);
    expect(decoded.ok).toBe(true);
    if (decoded.ok) expect(JSON.stringify(decoded.scenario)).toBe(JSON.stringify(lesson.scenario));

    // A few events in, for the picture.
    for (let i = 0; i < 6; i++) await button(page, 'Step forward').click();
    await expectTimeline(page, 6);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'embed-desktop.png') });

    // Play plays.
    await button(page, 'Reset').click();
    await expectTimeline(page, 0);
    await button(page, 'Play').click();
    await expect.poll(() => timelineValue(page)).toBeGreaterThan(0);
    await button(page, 'Pause').click();

    // The link opens the full tool with the lesson's narration.
    const full2 = await context.newPage();
    await full2.goto(full.toString());
    await expect(button(full2, 'Lessons')).toBeVisible();
    await expect(lessonPanel(full2, lesson)).toBeVisible();
    await expect(full2.getByRole('alert')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});

test.describe('links and history', () => {
  test('a copied link (mid-run, after an edit) opens the same state in a new page', async ({ browser }) => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await openScenario(page, RICH_JSON);
    for (let i = 0; i < 5; i++) await button(page, 'Step forward').click();
    await expectTimeline(page, 5);
    await kill(page, 'n4');
    const max = await timelineMax(page);
    expect(max).not.toBe(cli(RICH_JSON).events);
    // A position in the middle of the edited run.
    await blurAll(page);
    await page.keyboard.press('Home');
    for (let i = 0; i < Math.floor(max / 2); i++) await page.keyboard.press('ArrowRight');
    const value = Math.floor(max / 2);
    await expectTimeline(page, value);
    const inspected = await inspectorText(page, 'n2');

    await button(page, 'Copy link').click();
    await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toContain(`&at=${value}`);

    const again = await context.newPage();
    await again.goto(url);
    await expect(nodeButtons(again).first()).toBeVisible();
    await expect(again.getByRole('alert')).toHaveCount(0);
    expect(await sliderState(timeline(again))).toEqual({ value, min: 0, max });
    expect(await inspectorText(again, 'n2')).toBe(inspected);
    await context.close();
  });

  test('Back after two edits returns to the first edit, Forward to the second', async ({ page }) => {
    await openDefault(page);
    const max0 = await timelineMax(page);
    await kill(page, 'n1');
    const max1 = await timelineMax(page);
    await kill(page, 'n2');
    const max2 = await timelineMax(page);
    expect(new Set([max0, max1, max2]).size, 'each edit changes the run').toBe(3);

    await page.goBack();
    await expect.poll(() => timelineMax(page), { message: 'Timeline max after Back' }).toBe(max1);
    await blurAll(page);
    await page.keyboard.press('End');
    await expect(button(page, 'Node n1, down')).toHaveCount(1);
    await expect(button(page, 'Node n2, up')).toHaveCount(1);

    await page.goForward();
    await expect.poll(() => timelineMax(page), { message: 'Timeline max after Forward' }).toBe(max2);
    await blurAll(page);
    await page.keyboard.press('End');
    await expect(button(page, 'Node n1, down')).toHaveCount(1);
    await expect(button(page, 'Node n2, down')).toHaveCount(1);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('Back pressed the moment a lesson appears returns to the lesson before, and Forward to it', async ({ page }) => {
    // A new scenario's address is written once the page is idle (urlSync.ts),
    // but its history entry exists at once: Back at the first frame of the
    // new lesson must not skip the one before.
    const [first, second, third] = [LESSONS[0]!, LESSONS[2]!, LESSONS[5]!];
    await openDefault(page);
    for (const lesson of [first, second]) {
      const before = new URL(page.url()).hash;
      await pickLesson(page, lesson);
      await expect.poll(() => new URL(page.url()).hash).not.toBe(before);
    }
    // Back from inside the page as soon as the third lesson's panel is there.
    await page.evaluate((label) => {
      const seen = new MutationObserver(() => {
        if (document.querySelector(`section[aria-label^="${label}"]`)) {
          seen.disconnect();
          history.back();
        }
      });
      seen.observe(document, { subtree: true, childList: true });
    }, `Lesson ${third.number}:`);
    await pickLesson(page, third).catch(() => undefined);
    await expect(lessonPanel(page, second)).toBeVisible();
    await expect(lessonPanel(page, third)).toHaveCount(0);
    await page.goForward();
    await expect(lessonPanel(page, third)).toBeVisible();
  });

  test('Back from the first change returns to the scenario the page opened with', async ({ page }) => {
    // The entry the page opened with holds its scenario too (#s=…), so Back
    // from the first change returns to it.
    const lesson = lessonWithDistinctStages();
    await openDefault(page);
    const max0 = await timelineMax(page);
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#s=/);
    const opening = new URL(page.url()).hash;
    await pickLesson(page, lesson);
    await expect.poll(() => timelineMax(page)).toBe(runFacts(lesson.scenario).events);
    expect(runFacts(lesson.scenario).events).not.toBe(max0);
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#s=/);

    await page.goBack();
    expect(new URL(page.url()).hash).toBe(opening);
    await expect.poll(() => timelineMax(page), { message: 'Timeline max after Back to the opening entry (the default scenario)' }).toBe(max0);
    await expect(lessonPanel(page, lesson)).toHaveCount(0);
  });

  test('Back from a lesson to the default scenario leaves none of the lesson’s key selected', async ({ page }) => {
    // Back keeps the selection where it still means something (actions.ts,
    // keptSelection): the default scenario never names the lesson's key.
    const lesson = LESSONS.find((l) => l.id === 'hinted-handoff')!;
    const key = page.getByRole('combobox', { name: 'Key' });
    await openDefault(page);
    const defaultKey = await key.inputValue();
    await pickLesson(page, lesson);
    await expect(key).toHaveValue('inbox');
    expect(defaultKey).not.toBe('inbox');
    await page.goBack();
    await expect(lessonPanel(page, lesson)).toHaveCount(0);
    await expect(key).toHaveValue(defaultKey);
    await expect(key.getByRole('option', { name: 'inbox' })).toHaveCount(0);
  });

  test('reload keeps the scenario and the Timeline position', async ({ page }) => {
    await openScenario(page, RICH_JSON);
    for (let i = 0; i < 4; i++) await button(page, 'Step forward').click();
    await kill(page, 'n3');
    await blurAll(page);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const before = await sliderState(timeline(page));
    // The position reaches the address bar (after a short debounce).
    await expect.poll(() => new URL(page.url()).hash).toContain(`&at=${before.value}`);
    const nodes = await nodeButtons(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));

    await page.reload();
    await expect(nodeButtons(page).first()).toBeVisible();
    expect(await sliderState(timeline(page))).toEqual(before);
    expect(await nodeButtons(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(nodes);
    await expect(button(page, 'Node n3, down')).toHaveCount(1);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test("a lesson's exact scenario link reopens with its narration (at the named stage)", async ({ page }) => {
    const lesson = lessonWithDistinctStages();
    const stops = stagePositions(lesson);
    const k = Math.min(3, stops.length - 1);
    await page.goto(`/${encodeScenario(lesson.scenario, { at: stops[k]! })}`);
    await expect(lessonPanel(page, lesson)).toBeVisible();
    await expectTimeline(page, stops[k]!);
    await expect(narration(page, lesson)).toHaveText(lesson.stages[k]!.text);
    await blurAll(page);
    await page.keyboard.press('PageDown');
    await expectTimeline(page, stops[k + 1] ?? stops[k]!);

    // The same steps under another title are not the lesson: no narration.
    await page.goto(`/${encodeScenario({ ...lesson.scenario, title: `${lesson.scenario.title} (mine)` })}`);
    await page.reload();
    await expect(nodeButtons(page).first()).toBeVisible();
    await expect(page.getByRole('region', { name: /^Lesson \d+:/ })).toHaveCount(0);
  });

  test("a lesson's link pasted into a tab already showing Ringside reopens with its narration", async ({ page }) => {
    const lesson = lessonWithDistinctStages();
    await openDefault(page);
    // Same document: the browser fires hashchange, it does not reload.
    await page.goto(`/${encodeScenario(lesson.scenario)}`);
    await expect.poll(() => timelineMax(page)).toBe(runFacts(lesson.scenario).events);
    await expect(lessonPanel(page, lesson)).toBeVisible();
    await expect(narration(page, lesson)).toHaveText(lesson.stages[0]!.text);
  });

  test('Share shows the link and its QR code', async ({ page }) => {
    await openScenario(page, RICH_JSON, 3);
    await button(page, 'Share').click();
    const dialog = page.getByRole('dialog', { name: 'Share this scenario' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('img', { name: 'QR code of the link to this scenario', exact: true })).toBeVisible();
    const link = await dialog.getByRole('textbox').inputValue();
    expect(link.startsWith(new URL(page.url()).origin)).toBe(true);
    const decoded = decodeScenario(link);
    expect(decoded.ok).toBe(true);
    if (decoded.ok) {
      expect(decoded.at).toBe(3);
      expect(cli(decoded.scenario).traceHash).toBe(cli(RICH_JSON).traceHash);
    }
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(dialog).toHaveCount(0);
  });
});
