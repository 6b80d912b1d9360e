// The staleness explorer: the PBS model's curve fills in from a worker,
// several configurations overlay, W + R > N is consistent at once, bad
// input is named, and Cancel stops a run.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { button, openDefault } from './helpers';

const rows = (page: Page) => page.locator('.staleness-table tbody tr');
const percentIn = async (page: Page, row: number, col: number): Promise<number> => Number((await rows(page).nth(row).locator('td').nth(col).textContent())!.replace(/[ %]/g, ''));

test("the paper's exponential setup: about 42 % consistent at t = 0, 99.9 % near 65 ms, and W + R > N at 100 %", async ({ page }) => {
  await openDefault(page);
  await button(page, 'Staleness explorer').click();
  await expect(page.getByRole('heading', { name: 'How stale is eventually consistent?' })).toBeVisible();
  // The first run fills in as its trials finish, then the progress bar goes.
  await expect(page.getByRole('progressbar', { name: 'Trials run' })).toHaveCount(0, { timeout: 30_000 });
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('N=3, R=1, W=1; W exp:0.1, A exp:1, R exp:1, S exp:1 (100,000 trials)');
  const atZero = await percentIn(page, 0, 0);
  expect(atZero).toBeGreaterThan(40.5);
  expect(atZero).toBeLessThan(43.5);
  const t999 = Number((await rows(page).first().locator('td').nth(6).textContent())!.replace(' ms', ''));
  expect(t999).toBeGreaterThan(52);
  expect(t999).toBeLessThan(78);
  await expect(page.getByRole('img', { name: /Probability of a consistent read against time/ })).toBeVisible();

  await button(page, 'Keep this curve').click();
  await page.getByLabel('R', { exact: true }).fill('2');
  await page.getByLabel('W', { exact: true }).fill('2');
  await button(page, 'Run the model').click();
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByRole('progressbar', { name: 'Trials run' })).toHaveCount(0, { timeout: 30_000 });
  await expect(rows(page).nth(1)).toContainText('N=3, R=2, W=2');
  for (let col = 0; col < 6; col++) expect(await percentIn(page, 1, col)).toBe(100);
  await expect(page.locator('.staleness-chart .curve')).toHaveCount(2);

  const results = await new AxeBuilder({ page }).include('.staleness').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await button(page, 'Back to the ring').click();
  await expect(page.getByRole('slider', { name: 'Timeline', exact: true })).toBeVisible();
});

test('bad input is named and nothing runs; Cancel stops a long run', async ({ page }) => {
  await openDefault(page);
  await button(page, 'Staleness explorer').click();
  await expect(page.getByRole('progressbar', { name: 'Trials run' })).toHaveCount(0, { timeout: 30_000 });
  await page.getByLabel('W: the write reaching a replica').fill('exp:fast');
  await button(page, 'Run the model').click();
  await expect(page.getByRole('alert')).toContainText('W:');
  await page.getByLabel('W: the write reaching a replica').fill('exp:0.1');
  await page.getByLabel('R', { exact: true }).fill('4');
  await button(page, 'Run the model').click();
  await expect(page.getByRole('alert')).toContainText('R must be');

  await page.getByLabel('R', { exact: true }).fill('1');
  await page.getByLabel('Trials').fill('2000000');
  await button(page, 'Run the model').click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('progressbar', { name: 'Trials run' })).toBeVisible();
  await button(page, 'Cancel').click();
  await expect(page.getByRole('progressbar', { name: 'Trials run' })).toHaveCount(0);
  const shown = await rows(page).first().textContent();
  await page.waitForTimeout(500);
  expect(await rows(page).first().textContent()).toBe(shown);
});

test('on a phone the explorer fits the screen: nothing scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openDefault(page);
  await button(page, 'Menu').click();
  await button(page, 'Staleness explorer').click();
  await expect(page.getByRole('progressbar', { name: 'Trials run' })).toHaveCount(0, { timeout: 30_000 });
  await button(page, 'Keep this curve').click();
  await page.getByLabel('Preset').selectOption('ymmr');
  await button(page, 'Run the model').click();
  await expect(rows(page)).toHaveCount(2);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // What a thumb taps is at least 44 px tall: the fields, the preset, the buttons.
  const explorer = page.getByRole('region', { name: 'How stale is eventually consistent?' });
  const heights = await explorer.locator('input, select, button').evaluateAll((els) =>
    els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => `${e.getAttribute('aria-label') ?? e.id ?? e.tagName} ${Math.round(e.getBoundingClientRect().height)}`),
  );
  expect(heights.length).toBeGreaterThan(5);
  expect(heights.filter((h) => Number(h.split(' ').pop()) < 44)).toEqual([]);
});

test('"Check it against the cluster" overlays the engine’s fresh reads on the model, with intervals; Cancel stops it', async ({ page }) => {
  await openDefault(page);
  await button(page, 'Staleness explorer').click();
  // The first model run has drawn its curve and finished.
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByRole('progressbar', { name: 'Trials run' })).toHaveCount(0, { timeout: 30_000 });
  const check = button(page, 'Check it against the cluster');
  const progress = page.getByRole('progressbar', { name: 'Cluster keys checked' });

  // Cancel first: the bar goes, nothing is drawn, and the check can start again.
  await check.click();
  await expect(progress).toBeVisible();
  await button(page, 'Cancel').click();
  await expect(progress).toHaveCount(0);
  await expect(page.locator('.staleness-chart .cluster-point')).toHaveCount(0);
  await expect(check).toBeEnabled();

  await check.click();
  await expect(progress).toHaveCount(0, { timeout: 60_000 });
  // Both configurations, eight t values each, each point with its interval.
  await expect(page.locator('.staleness-chart .cluster-wars .cluster-point')).toHaveCount(8);
  await expect(page.locator('.staleness-chart .cluster-repair .cluster-point')).toHaveCount(8);
  const chart = page.getByRole('img', { name: /Measured on the cluster, as points with 95 % intervals: Cluster as WARS assumes/ });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleDescription(/Fresh reads t ms after the write committed/);

  const table = page.getByRole('table', { name: /Fresh reads t ms after the write committed/ });
  const row = (name: RegExp) => table.getByRole('row', { name });
  await expect(row(/^Model/)).toBeVisible();
  const pct = async (name: RegExp, col: number) => Number((await row(name).getByRole('cell').nth(col).textContent())!.split(' %')[0]);
  // At t = 0 the cluster without repair reads about the model's 42 %; by the
  // last t nearly every read is fresh.
  expect(await pct(/^Cluster as WARS assumes/, 0)).toBeGreaterThan(30);
  expect(await pct(/^Cluster as WARS assumes/, 0)).toBeLessThan(54);
  expect(await pct(/^Cluster as WARS assumes/, 7)).toBeGreaterThan(95);
  // With repair, the middle reads are fresher than the model says.
  expect(await pct(/^Cluster with read repair/, 4)).toBeGreaterThan(await pct(/^Model/, 4));

  const results = await new AxeBuilder({ page }).include('.staleness').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('the cluster check is offered only for latencies a scenario can take', async ({ page }) => {
  await openDefault(page);
  await button(page, 'Staleness explorer').click();
  // The first model run has drawn its curve and finished.
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByRole('progressbar', { name: 'Trials run' })).toHaveCount(0, { timeout: 30_000 });
  await page.getByLabel('Preset').selectOption('lnkd-ssd');
  await page.getByRole('spinbutton', { name: 'Trials' }).fill('10000');
  await button(page, 'Run the model').click();
  await expect(page.getByRole('progressbar', { name: 'Trials run' })).toHaveCount(0, { timeout: 30_000 });
  await expect(button(page, 'Check it against the cluster')).toBeDisabled();
  await expect(page.locator('.staleness-cluster')).toContainText('cannot be checked');
});
