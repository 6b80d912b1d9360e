// The Machine tab draws a request's statechart from its machine and moves
// with the Timeline: in the default scenario alice's write goes
// sending → collecting → acknowledged → closed as the Timeline advances,
// and back the same way when it steps back.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { button, DEFAULT_JSON, openScenario, timelineValue } from './helpers';

const machineTab = (page: Page) => page.getByRole('tab', { name: 'Machine', exact: true });
const shownState = (page: Page) => page.locator('.machine-state strong');
const litState = (page: Page) => page.locator('.machine-chart .state.active');

/** Steps forward until the write's machine reaches `state`, returning the Timeline value there. */
async function forwardTo(page: Page, state: string): Promise<number> {
  for (let i = 0; i < 12; i++) {
    if ((await shownState(page).textContent()) === state) return timelineValue(page);
    await button(page, 'Step forward').click();
  }
  throw new Error(`never reached ${state}`);
}

test("a write's machine goes collecting → acknowledged → closed with the Timeline, and back", async ({ page }) => {
  await openScenario(page, DEFAULT_JSON, 0);
  await machineTab(page).click();
  const picker = page.getByRole('combobox', { name: 'Machine of' });
  await expect(picker).toBeVisible();
  await expect(page.getByRole('img', { name: /^Statechart of the write machine/ })).toHaveCount(0);

  await button(page, 'Step forward').click();
  // The write starts at the first event; keep the chart on it while later requests start.
  await picker.selectOption('request 0');
  await expect(page.getByRole('heading', { name: /alice's write of cart \(step 0\)/ })).toBeVisible();
  const chart = page.getByRole('img', { name: /^Statechart of the write machine: states sending, collecting, acknowledged, failed, closed; now in collecting$/ });
  await expect(chart).toBeVisible();
  await expect(shownState(page)).toHaveText('collecting');
  await expect(litState(page)).toHaveAttribute('data-state', 'collecting');
  await expect(page.locator('.machine-now')).toContainText('sending → collecting');

  const acknowledgedAt = await forwardTo(page, 'acknowledged');
  await expect(litState(page)).toHaveAttribute('data-state', 'acknowledged');
  // The transition the event took is traced, and its guard named with its numbers.
  await expect(page.locator('.machine-chart .edge.taken')).toHaveCount(1);
  await expect(page.locator('.machine-now')).toContainText('collecting → acknowledged on writeAck — quorumMet: 2 of W = 2 acks');

  const closedAt = await forwardTo(page, 'closed');
  expect(closedAt).toBeGreaterThan(acknowledgedAt);
  await expect(litState(page)).toHaveAttribute('data-state', 'closed');
  await expect(page.locator('.machine-now')).toContainText('allAnswered: 3 of 3');

  const results = await new AxeBuilder({ page }).include('.explain').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // Back: the same states in reverse order, one event at a time.
  await button(page, 'Step back').click();
  await expect(shownState(page)).toHaveText('acknowledged');
  while ((await timelineValue(page)) >= acknowledgedAt) await button(page, 'Step back').click();
  await expect(shownState(page)).toHaveText('collecting');
  await expect(litState(page)).toHaveAttribute('data-state', 'collecting');
  while ((await timelineValue(page)) > 0) await button(page, 'Step back').click();
  await expect(shownState(page)).toHaveText('not started yet');
});

test('the Machine tab shows a node’s own machine in its real state when a node is killed', async ({ page }) => {
  await openScenario(page, DEFAULT_JSON, 0);
  await button(page, 'Node n2, up').click();
  await machineTab(page).click();
  await page.getByRole('combobox', { name: 'Machine of' }).selectOption('node n2 replica');
  await expect(shownState(page)).toHaveText('up');
  await machineTab(page).click();
  await page.getByRole('tab', { name: 'Node', exact: true }).click();
  await button(page, 'Kill n2').click();
  await machineTab(page).click();
  await expect(shownState(page)).toHaveText('down');
  await expect(page.locator('.machine-now')).toContainText('up → down on KILL');
});

test('Enlarge chart shows the statechart across a 1280×720 screen in readable type, and it follows the Timeline', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openScenario(page, DEFAULT_JSON, 0);
  await machineTab(page).click();
  await button(page, 'Step forward').click();
  await page.getByRole('combobox', { name: 'Machine of' }).selectOption('request 0');
  /** The on-screen height of a state's name in a chart. */
  const namePx = (scope: string) => page.locator(`${scope} .machine-chart .state[data-state="collecting"] .name`).evaluate((el) => el.getBoundingClientRect().height);
  const inTab = await namePx('.machine-view');

  await button(page, 'Enlarge chart').click();
  const dialog = page.getByRole('dialog', { name: /alice's write of cart \(step 0\)/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('img', { name: /^Statechart of the write machine: .*now in collecting$/ })).toBeVisible();
  const enlarged = await namePx('.machine-dialog');
  expect(enlarged, 'a state name in the enlarged chart, in px').toBeGreaterThanOrEqual(16);
  expect(enlarged).toBeGreaterThan(inTab * 1.5);
  const box = await dialog.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(1280);

  // The arrow keys still step the Timeline, and the chart follows.
  for (let i = 0; i < 12 && !/now in acknowledged$/.test((await dialog.getByRole('img').getAttribute('aria-label')) ?? ''); i++) await page.keyboard.press('ArrowRight');
  await expect(dialog.locator('.state.active')).toHaveAttribute('data-state', 'acknowledged');
  await expect(dialog).toContainText('quorumMet: 2 of W = 2 acks');

  const results = await new AxeBuilder({ page }).include('.machine-dialog').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(button(page, 'Enlarge chart')).toBeVisible();
});
