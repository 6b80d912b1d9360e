// Robust at any size (issue 13): heavy runs leave the page's thread with a
// progress bar and Cancel; tiny hostile links open, and End reaches their
// end in seconds; a run cut at the event cap says so; a scenario
// too large for a link is kept in the browser and survives a reload, and
// Copy link says plainly that it cannot be a link; acting at position 0
// says which steps it dropped, with Undo.

import { expect, test, type Page } from '@playwright/test';
import { button, linkOf, nodeButton, openDefault, timeline, timelineMax, type ScenarioJson } from './helpers';

/** A seeded stream of letters, so the big scenario is the same every run. */
function letters(seed: number): () => string {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return String.fromCharCode(97 + (x >>> 27));
  };
}

/** 3,000 puts with random values: far too large for a 200,000-character link. */
function bigScenario(): ScenarioJson {
  const next = letters(7);
  const value = () => Array.from({ length: 90 }, next).join('');
  return {
    version: 1,
    title: 'Three thousand puts',
    steps: Array.from({ length: 3000 }, (_, i) => ({ at: i, do: 'put', client: 'c', key: `k${i % 50}`, value: value() })),
  };
}

async function importScenario(page: Page, json: ScenarioJson): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
}

test('acting at position 0 says it dropped the later steps, and Undo brings them back', async ({ page }) => {
  await openDefault(page);
  const max = await timelineMax(page);
  await nodeButton(page, 'n2').click();
  await button(page, 'Kill n2').click();
  const notice = page.getByRole('status').filter({ hasText: 'dropped' });
  await expect(notice).toContainText('Acting at 0 ms replaced the run from there on: 2 later steps of the scenario were dropped.');
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(notice).toHaveCount(0);
  await expect(timeline(page)).toHaveAttribute('max', String(max));
  await expect(nodeButton(page, 'n2', 'up')).toBeVisible();
});

test('a scenario too large for a link survives two edits and a reload, and Copy link says why it cannot be a link', async ({ page }) => {
  await openDefault(page);
  await importScenario(page, bigScenario());
  await expect(page.locator('.scenario-title')).toHaveText('Three thousand puts', { timeout: 60_000 });
  await expect(timeline(page)).toBeVisible({ timeout: 60_000 });
  await expect(page).toHaveURL(/#local$/);
  // Two edits at the end of the run: kill n1, then n3.
  await timeline(page).focus();
  await page.keyboard.press('End');
  for (const id of ['n1', 'n3']) {
    await nodeButton(page, id).click();
    await button(page, `Kill ${id}`).click();
    await expect(nodeButton(page, id, 'down')).toBeVisible({ timeout: 30_000 });
  }
  const max = await timelineMax(page);
  await button(page, 'Copy link').click();
  await expect(page.locator('.top-bar [role="status"]')).toContainText('This scenario is too large for a link');
  await expect(page.locator('.top-bar [role="status"]')).toContainText('Export scenario');
  await page.reload();
  await expect(page.locator('.scenario-title')).toHaveText('Three thousand puts', { timeout: 60_000 });
  await expect(timeline(page)).toBeVisible({ timeout: 60_000 });
  await expect(timeline(page)).toHaveAttribute('max', String(max));
  await timeline(page).focus();
  await page.keyboard.press('End');
  await expect(nodeButton(page, 'n1', 'down')).toBeVisible();
  await expect(nodeButton(page, 'n3', 'down')).toBeVisible();
});

test('a heavy link is simulated off the page with a progress bar, and Cancel goes back to the default scenario', async ({ page }) => {
  const gets: ScenarioJson = { version: 1, title: 'Heavy', steps: Array.from({ length: 20000 }, () => ({ at: 0, do: 'get', client: 'c', key: 'k' })) };
  await page.goto(`/${linkOf(gets)}`);
  const progress = page.getByRole('progressbar', { name: 'Events simulated' });
  await expect(progress).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('alert')).toContainText(/^Simulation stopped( after [0-9,]+ events)?\. Showing the default scenario instead/);
  await expect(page.locator('.scenario-title')).toHaveText('Quorum write and read');
  await expect(timeline(page)).toBeVisible();
});

test('keys pressed while a heavy link is simulated are answered: ? at once, End named and carried out when the Timeline appears', async ({ page }) => {
  const gets: ScenarioJson = { version: 1, title: 'Heavy', steps: Array.from({ length: 20000 }, () => ({ at: 0, do: 'get', client: 'c', key: 'k' })) };
  await page.goto(`/${linkOf(gets)}`);
  await expect(page.getByRole('progressbar', { name: 'Events simulated' })).toBeVisible();
  await page.keyboard.press('?');
  const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(list).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  // A held-down arrow (60 repeats) counts once, and the End after it is kept.
  for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('End');
  await expect(page.getByRole('status', { name: 'Keys held' })).toHaveText('Keys pressed: → ×60 End — carried out when the Timeline appears.');
  await expect(page.getByRole('progressbar', { name: 'Events simulated' })).toBeVisible();
  await expect(timeline(page)).toBeVisible({ timeout: 60_000 });
  const max = await timelineMax(page);
  expect(max).toBeGreaterThan(20_000);
  await expect(timeline(page)).toHaveValue(String(max));
});

test('a heavy link opened over a scenario shown is simulated off the page too: the page never stalls', async ({ page }) => {
  await openDefault(page);
  await page.evaluate(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  const gets: ScenarioJson = { version: 1, title: 'Heavy', steps: Array.from({ length: 20000 }, () => ({ at: 0, do: 'get', client: 'c', key: 'k' })) };
  // A link followed within the page (a hash change), as from a course page's list.
  await page.evaluate((hash) => {
    location.hash = hash;
  }, linkOf(gets).slice(1));
  await expect(page.locator('.scenario-title')).toHaveText('Heavy', { timeout: 60_000 });
  await expect(timeline(page)).toBeVisible({ timeout: 60_000 });
  // Simulating 20,000 gets here would take seconds; the page's own work
  // (parsing the link, folding the records as they arrive) takes a fraction.
  expect(await page.evaluate(() => (window as unknown as { __longest: number }).__longest)).toBeLessThan(1_000);
});

const HOSTILE: [string, ScenarioJson][] = [
  ['latency 1e9 ms and two steps', { version: 1, network: { latency: { kind: 'fixed', ms: 1e9 } }, steps: [{ at: 0, do: 'put', client: 'a', key: 'k', value: 'v' }, { at: 1, do: 'get', client: 'b', key: 'k' }] }],
  ['anti-entropy every 1 ms and a step at 1e9 ms', { version: 1, cluster: { antiEntropy: { intervalMs: 1, merkleDepth: 4 } }, steps: [{ at: 1e9, do: 'get', client: 'a', key: 'k' }] }],
  ['47,000 gets at t = 0', { version: 1, steps: Array.from({ length: 47_000 }, () => ({ at: 0, do: 'get', client: 'c', key: 'k' })) }],
];

for (const [name, json] of HOSTILE) {
  test(`the hostile link "${name}" opens, and End reaches the end of its run within a few seconds`, async ({ page }) => {
    test.setTimeout(120_000);
    const crashed: string[] = [];
    page.on('crash', () => crashed.push('crash'));
    page.on('pageerror', (e) => crashed.push(e.message));
    await page.goto(`/${linkOf(json)}`);
    await expect(timeline(page)).toBeVisible({ timeout: 90_000 });
    const max = await timelineMax(page);
    expect(max).toBeGreaterThan(100_000);
    // A run cut at the event cap says so.
    if (max === 400_000) await expect(page.getByRole('note')).toHaveText('Stopped after 400,000 events — the scenario goes on.');
    else await expect(page.getByRole('note')).toHaveCount(0);
    await timeline(page).focus();
    const t0 = Date.now();
    await page.keyboard.press('End');
    await expect(timeline(page)).toHaveValue(String(max), { timeout: 5_000 });
    expect(Date.now() - t0, 'End on a run of this size').toBeLessThan(5_000);
    // The page still answers.
    await page.keyboard.press('Home');
    await expect(timeline(page)).toHaveValue('0');
    expect(crashed).toEqual([]);
  });
}
