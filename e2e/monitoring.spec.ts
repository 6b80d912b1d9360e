// The Story's Monitoring plots (seed 003, "Monitoring staleness"): their
// sentences say, at every Timeline position, the same figures as the
// Metrics region and the ring's hint badges; a lesson's node dies, the hint
// queue grows, the node returns and the queue drains; a click on a plot
// moves the Timeline; axe finds nothing serious with the plots shown.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { encodeScenario } from '../src/scenario';
import { lessonById } from '../src/scenario/lessons';
import type { SimScenario } from '../src/sim/types';
import { formatMs } from '../src/app/format';
import { RICH_JSON, button, expectTimeline, nodeButton, nodeButtons, parsed, shownMetrics, timelineValue } from './helpers';
import { collectPageErrors, lessonPanel, pickLesson, runFacts } from './lessonHelpers';

const region = (page: Page): Locator => page.getByRole('region', { name: 'Monitoring', exact: true });
const plot = (page: Page, name: string): Locator => region(page).getByRole('figure', { name, exact: true });
const sentence = (page: Page, name: string): Locator => plot(page, name).locator('.mon-now');

interface Said {
  timeMs: string;
  readRepairs: number;
  hintsQueued: number;
  hintsStored: number;
  hintsDelivered: number;
  held: Record<string, number>;
  staleReads: number;
}

/** The figures the four sentences give (null while they are not all there, or not all at one time). */
async function plotsSay(page: Page): Promise<Said | null> {
  const repairs = (await sentence(page, 'Read repairs per interval').textContent()) ?? '';
  const hints = (await sentence(page, 'Hints queued per node').textContent()) ?? '';
  const stale = (await sentence(page, 'Stale reads').textContent()) ?? '';
  const r = /^Read repairs by (.+?): (\d+) in all/.exec(repairs);
  const h = /^Hints queued at (.+?): (.*) \((\d+) in all; (\d+) stored and (\d+) delivered so far\)\.$/.exec(hints);
  const s = /^Stale reads by (.+?): (\d+)[.,]/.exec(stale);
  if (!r || !h || !s || r[1] !== h[1] || h[1] !== s[1]) return null;
  const held: Record<string, number> = {};
  for (const m of h[2]!.matchAll(/(\S+) holds (\d+)/g)) held[m[1]!] = Number(m[2]);
  return { timeMs: r[1]!, readRepairs: Number(r[2]), hintsQueued: Number(h[3]), hintsStored: Number(h[4]), hintsDelivered: Number(h[5]), held, staleReads: Number(s[2]) };
}

/** The same figures from the Metrics region and the ring's hint badges. */
async function pageSays(page: Page, nodes: readonly string[]): Promise<Omit<Said, 'timeMs'>> {
  const m = await shownMetrics(page);
  const held: Record<string, number> = {};
  for (const n of nodes) {
    const badge = nodeButton(page, n).locator('.badge.hints');
    held[n] = (await badge.count()) === 0 ? 0 : Number(await badge.textContent());
  }
  return {
    readRepairs: m.readRepairs!,
    hintsQueued: Object.values(held).reduce((a, b) => a + b, 0),
    hintsStored: m.hintsStored!,
    hintsDelivered: m.hintsDelivered!,
    held,
    staleReads: m.staleReads!,
  };
}

/** The plots' figures once they show the Timeline's position: the Metrics' and the ring's there. */
async function expectAgreement(page: Page, scenario: SimScenario): Promise<Said> {
  const e = await timelineValue(page);
  // The Metrics and the ring follow the Timeline at once; the story, as a
  // deferred value, a moment later: wait for it to say the same.
  const expected: Said = { timeMs: formatMs(runFacts(scenario).eventTimes[e]!), ...(await pageSays(page, scenario.cluster.nodes)) };
  await expect.poll(() => plotsSay(page), { message: `the plots at event ${e}` }).toEqual(expected);
  return expected;
}

async function showPlots(page: Page): Promise<void> {
  await expect(plot(page, 'Stale reads')).toHaveCount(1);
  await region(page).scrollIntoViewIfNeeded();
}

test('at every position of a run with a dead node, hints, a stale read and a repair, the plots agree with the Metrics and the ring', async ({ page }) => {
  const errors = collectPageErrors(page);
  const scenario = parsed(RICH_JSON);
  const { events } = runFacts(scenario);
  await page.goto(`/${encodeScenario(scenario)}`);
  await expect(nodeButtons(page).first()).toBeVisible();
  await showPlots(page);
  let most = 0;
  const stale: number[] = [];
  for (let e = 0; e <= events; e++) {
    if (e > 0) await button(page, 'Step forward').click();
    await expectTimeline(page, e);
    const said = await expectAgreement(page, scenario);
    most = Math.max(most, said.hintsQueued);
    stale.push(said.staleReads);
  }
  // Something moved: a hint was queued and delivered, a stale read counted.
  expect(most).toBeGreaterThan(0);
  expect(stale.at(-1)).toBe(1);
  expect(errors).toEqual([]);
});

test('lesson 4: n4 dies, the hint queue grows, n4 returns and the queue drains, the plots in step with the Metrics', async ({ page }) => {
  const lesson = lessonById('hinted-handoff')!;
  const errors = collectPageErrors(page);
  await page.goto('/');
  await expect(nodeButtons(page).first()).toBeVisible();
  await pickLesson(page, lesson);
  await showPlots(page);
  const { events } = runFacts(lesson.scenario);
  const queue: number[] = [];
  const down: boolean[] = [];
  const skip = lessonPanel(page, lesson).getByRole('button', { name: 'Skip the question', exact: true });
  for (let e = 0; e <= events; e++) {
    if (e > 0) {
      await button(page, 'Step forward').click();
      // A question holds the Timeline until it is answered (or skipped).
      await expect.poll(async () => (await timelineValue(page)) === e || (await skip.isVisible())).toBe(true);
      if ((await timelineValue(page)) < e) {
        await skip.click();
        await button(page, 'Step forward').click();
      }
    }
    await expectTimeline(page, e);
    const said = await expectAgreement(page, lesson.scenario);
    queue.push(said.hintsQueued);
    down.push((await nodeButton(page, 'n4', 'down').count()) === 1);
  }
  // The queue is empty before n4 dies, holds n1's hint while it is down, and is empty again at the end.
  const firstDown = down.indexOf(true);
  const back = down.lastIndexOf(true) + 1;
  expect(firstDown).toBeGreaterThan(0);
  expect(queue.slice(0, firstDown + 1).every((q) => q === 0)).toBe(true);
  expect(queue.slice(firstDown, back)).toContain(1);
  expect(queue[back - 1]).toBe(1);
  expect(queue.at(-1)).toBe(0);
  expect(await sentence(page, 'Hints queued per node').textContent()).toMatch(/\(0 in all; 1 stored and 1 delivered so far\)\.$/);
  expect(errors).toEqual([]);
});

test('lesson 11 at several positions: the plots agree with the Metrics; the lag names the pairs n3 left; a click moves the Timeline; axe is clean', async ({ page }) => {
  const lesson = lessonById('watching-staleness')!;
  const { events, eventTimes } = runFacts(lesson.scenario);
  /** The last event at or before `ms`. */
  const at = (ms: number): number => {
    let e = 0;
    while (e < events && eventTimes[e + 1]! <= ms) e++;
    return e;
  };
  for (const e of [0, at(1100), at(1950), at(2100), at(2600), events]) {
    await page.goto(`/${encodeScenario(lesson.scenario, { at: e })}`);
    await expect(nodeButtons(page).first()).toBeVisible();
    await expectTimeline(page, e);
    await showPlots(page);
    const said = await expectAgreement(page, lesson.scenario);
    const lag = (await sentence(page, 'Anti-entropy lag per replica pair').textContent()) ?? '';
    if (eventTimes[e]! >= 1000 && eventTimes[e]! < 2500) {
      // n3 lost its disk at 1 s: its pairs have disagreed since.
      expect(lag).toMatch(/n1–n3, n2–n3 and n3–n4 last agreed \d+ ms ago \(at 1000 ms\)/);
      if (eventTimes[e]! >= 1300 && eventTimes[e]! < 2000) expect(said.hintsQueued).toBeGreaterThan(0);
    }
    if (e === events) {
      expect(lag).toBe(`Anti-entropy lag at ${formatMs(eventTimes[e]!)}: all 10 replica pairs agree.`);
      expect(said.hintsQueued).toBe(0);
    }
  }

  // Clicking the lag plot near 1.5 s moves the Timeline to the last event at or before the time clicked.
  const svg = plot(page, 'Anti-entropy lag per replica pair').locator('svg');
  const box = (await svg.boundingBox())!;
  const grid = await svg.evaluate((el) => {
    const bg = el.querySelector('.mon-bg')!.getBoundingClientRect();
    return { left: bg.left, width: bg.width };
  });
  const endMs = eventTimes[events]!;
  await svg.click({ position: { x: grid.left - box.x + (grid.width * 1500) / endMs, y: box.height / 2 } });
  const moved = await timelineValue(page);
  expect(eventTimes[moved]!).toBeLessThanOrEqual(1500 + endMs / grid.width);
  expect(eventTimes[moved + 1]!).toBeGreaterThan(1500 - endMs / grid.width);
  await expectAgreement(page, lesson.scenario);

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
});
