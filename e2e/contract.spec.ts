// Contract 3 (shared/ARCHITECTURE.md) driven the way a screen reader sees
// the page, checked against the CLI of contract 2 for the same scenario.

import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { zeroBomb } from '../src/scenario/testing/bomb';
import { DEFAULT_SCENARIO, decodeScenario } from '../src/scenario';
import {
  CONTRACT_METRICS,
  DEFAULT_JSON,
  RICH_JSON,
  blurAll,
  button,
  cli,
  expectTimeline,
  linkOf,
  metricOfWords,
  metricsRegion,
  nodeButton,
  nodeButtons,
  openDefault,
  openScenario,
  playToEnd,
  rawLink,
  readState,
  shownMetrics,
  shownMetricsByWords,
  sliderState,
  timeline,
  timelineMax,
  timelineValue,
  type ScenarioJson,
} from './helpers';

/** What makes a node look dead or alive, as computed by the browser. */
async function looks(node: Locator): Promise<string> {
  // Not hovered: a hover changes the border too.
  await node.page().mouse.move(0, 0);
  return node.evaluate((el) => {
    const s = getComputedStyle(el);
    return [s.borderTopStyle, s.borderTopColor, s.backgroundImage, s.backgroundColor, s.color, s.opacity, s.filter].join(' | ');
  });
}

test.describe('nodes and the inspector', () => {
  test('exactly one "Node nX, …" button per node', async ({ page }) => {
    await openDefault(page);
    await expect(nodeButtons(page)).toHaveCount(DEFAULT_SCENARIO.cluster.nodes.length);
    for (const id of DEFAULT_SCENARIO.cluster.nodes) await expect(nodeButton(page, id)).toHaveCount(1);
  });

  test('a cluster of named nodes gets one button per name', async ({ page }) => {
    const ids = ['alpha', 'beta', 'gamma', 'delta', 'e-5', 'f_6', 'g7'];
    await openScenario(page, { version: 1, cluster: { nodes: ids }, steps: [{ at: 0, do: 'put', client: 'c', key: 'k', value: 'v' }] });
    await expect(nodeButtons(page)).toHaveCount(ids.length);
    for (const id of ids) await expect(nodeButton(page, id, 'up')).toHaveCount(1);
  });

  test('select n2, kill it (down, visibly), revive it (up again)', async ({ page }) => {
    await openDefault(page);
    const n2 = nodeButton(page, 'n2');
    await button(page, 'Node n2, up').click();
    const kill = button(page, 'Kill n2');
    const revive = button(page, 'Revive n2');
    await expect(kill).toBeVisible();
    await expect(revive).toBeVisible();
    const alive = await looks(n2);

    await kill.click();
    await expect(button(page, 'Node n2, down')).toHaveCount(1);
    await expect(button(page, 'Node n2, up')).toHaveCount(0);
    await expect(nodeButtons(page)).toHaveCount(5);
    // Visibly dead: the computed look of the button changed (greyed, dashed, crossed…).
    await expect.poll(() => looks(n2)).not.toBe(alive);
    // The other nodes still read as up.
    for (const id of ['n1', 'n3', 'n4', 'n5']) await expect(button(page, `Node ${id}, up`)).toHaveCount(1);

    await button(page, 'Revive n2').click();
    await expect(button(page, 'Node n2, up')).toHaveCount(1);
    await expect(button(page, 'Node n2, down')).toHaveCount(0);
    await expect.poll(() => looks(n2)).toBe(alive);
  });
});

test.describe('playback and the Timeline', () => {
  test('playback buttons and sliders carry their exact names', async ({ page }) => {
    await openDefault(page);
    for (const name of ['Play', 'Pause', 'Step forward', 'Step back', 'Reset']) await expect(button(page, name)).toHaveCount(1);
    await expect(timeline(page)).toHaveCount(1);
    await expect(page.getByRole('slider', { name: 'Speed', exact: true })).toHaveCount(1);
  });

  test('a fresh load starts at 0 and the maximum is the CLI\'s events (default scenario)', async ({ page }) => {
    const report = cli(DEFAULT_SCENARIO);
    await openDefault(page);
    const state = await sliderState(timeline(page));
    expect(state.value).toBe(0);
    expect(state.min).toBe(0);
    expect(state.max).toBe(report.events);
  });

  test('a linked scenario starts at 0 and its maximum is the CLI\'s events', async ({ page }) => {
    const report = cli(RICH_JSON);
    await openScenario(page, RICH_JSON);
    expect(await sliderState(timeline(page))).toEqual({ value: 0, min: 0, max: report.events });
  });

  test('a link naming a step opens there', async ({ page }) => {
    await openScenario(page, RICH_JSON, 7);
    await expectTimeline(page, 7);
  });

  test('Step forward, Step back, Reset', async ({ page }) => {
    await openScenario(page, RICH_JSON);
    await button(page, 'Step forward').click();
    await expectTimeline(page, 1);
    await button(page, 'Step back').click();
    await expectTimeline(page, 0);
    // Step back at 0 stays at 0.
    await button(page, 'Step back').click();
    await expectTimeline(page, 0);
    for (let i = 0; i < 3; i++) await button(page, 'Step forward').click();
    await expectTimeline(page, 3);
    await button(page, 'Reset').click();
    await expectTimeline(page, 0);
  });

  for (const focused of [true, false]) {
    test(`Home / End / ← / → with the Timeline ${focused ? 'focused' : 'unfocused'}`, async ({ page }) => {
      await openScenario(page, RICH_JSON);
      const max = await timelineMax(page);
      const slider = timeline(page);
      const press = async (key: string) => {
        if (focused) await slider.press(key);
        else await page.keyboard.press(key);
      };
      if (focused) await slider.focus();
      else await blurAll(page);

      await press('End');
      await expectTimeline(page, max);
      await press('Home');
      await expectTimeline(page, 0);
      await press('ArrowRight');
      await expectTimeline(page, 1);
      await press('ArrowRight');
      await expectTimeline(page, 2);
      await press('ArrowLeft');
      await expectTimeline(page, 1);
      await press('End');
      await press('ArrowRight');
      await expectTimeline(page, max);
      await press('ArrowLeft');
      await expectTimeline(page, max - 1);
      // The keys acted on the Timeline without moving focus elsewhere.
      if (focused) await expect(slider).toBeFocused();
    });
  }

  test('dragging the Timeline with the mouse moves it', async ({ page }) => {
    await openScenario(page, RICH_JSON);
    const max = await timelineMax(page);
    const box = await timeline(page).boundingBox();
    expect(box).not.toBeNull();
    const y = box!.y + box!.height / 2;
    await page.mouse.move(box!.x + 2, y);
    await page.mouse.down();
    const steps = 8;
    for (let i = 1; i <= steps; i++) await page.mouse.move(box!.x + 2 + ((box!.width * 0.75 - 2) * i) / steps, y);
    await page.mouse.up();
    const v = await timelineValue(page);
    expect(v).toBeGreaterThan(max * 0.4);
    expect(v).toBeLessThan(max);
    // And back towards the start.
    await page.mouse.move(box!.x + box!.width * 0.75, y);
    await page.mouse.down();
    await page.mouse.move(box!.x + box!.width * 0.2, y, { steps: 5 });
    await page.mouse.up();
    expect(await timelineValue(page)).toBeLessThan(v);
  });

  test('forward, back and forward again show the same state at every position', async ({ page }) => {
    // Two round trips per event, over every event twice: long by design.
    test.setTimeout(120_000);
    await openScenario(page, RICH_JSON);
    const max = await timelineMax(page);
    // Inspect the node that goes down and comes back: its panel changes the most.
    await button(page, 'Node n3, up').click();
    await expect(button(page, 'Kill n3')).toBeVisible();
    const forward: Awaited<ReturnType<typeof readState>>[] = [await readState(page)];
    for (let i = 1; i <= max; i++) {
      await page.keyboard.press('ArrowRight');
      await expectTimeline(page, i);
      forward.push(await readState(page));
    }
    // Some state actually changed along the way (else the comparison proves nothing).
    expect(new Set(forward.map((s) => s.panel)).size).toBeGreaterThan(3);
    for (let i = max - 1; i >= 0; i--) {
      await page.keyboard.press('ArrowLeft');
      await expectTimeline(page, i);
      expect(await readState(page), `state at event ${i}, reached backwards`).toEqual(forward[i]);
    }
    // Jumps land on the same states as steps.
    for (const i of [max, 3, Math.floor(max / 2), 1, max - 1]) {
      await timeline(page).fill(String(i));
      await expectTimeline(page, i);
      expect(await readState(page), `state at event ${i}, reached by a jump`).toEqual(forward[i]);
    }
  });
});

test.describe('playing to the end matches the CLI', () => {
  const cases: [string, ScenarioJson | null][] = [
    ['the default scenario', null],
    ['a scenario with hints, a stale read and a repair', RICH_JSON],
  ];
  for (const [name, json] of cases) {
    test(`Play runs ${name} to its end; Metrics equal the CLI's`, async ({ page }) => {
      const report = cli(json ?? DEFAULT_SCENARIO);
      if (json) await openScenario(page, json);
      else await openDefault(page);
      // Before anything happened every metric is 0.
      const before = await shownMetrics(page);
      for (const m of CONTRACT_METRICS) expect(before[m], m).toBe(0);

      await playToEnd(page);
      expect(await timelineValue(page)).toBe(report.events);

      const words = await shownMetricsByWords(page);
      const named = Object.keys(words).map((w) => [w, metricOfWords(w)] as const);
      // Every <dt> names a contract-2 metric, and every contract-2 metric has a <dt>.
      expect(named.filter(([, m]) => m === undefined).map(([w]) => w), '<dt>s naming no CLI metric').toEqual([]);
      expect(new Set(named.map(([, m]) => m))).toEqual(new Set(CONTRACT_METRICS));

      const shown = await shownMetrics(page);
      const expected = Object.fromEntries(CONTRACT_METRICS.map((m) => [m, report.metrics[m]]));
      expect(shown).toEqual(expected);
    });
  }

  test('Pause stops playback before the end', async ({ page }) => {
    await openScenario(page, RICH_JSON);
    const max = await timelineMax(page);
    await button(page, 'Play').click();
    await expect.poll(() => timelineValue(page)).toBeGreaterThan(0);
    await button(page, 'Pause').click();
    const v = await timelineValue(page);
    expect(v).toBeLessThan(max);
    await page.waitForTimeout(1000);
    expect(await timelineValue(page)).toBe(v);
  });

  test('the Metrics region is a <dl> of <dt>/<dd> pairs', async ({ page }) => {
    await openDefault(page);
    const region = metricsRegion(page);
    await expect(region).toBeVisible();
    await expect(region.locator('dl dt')).toHaveCount(CONTRACT_METRICS.length);
    await expect(region.locator('dl dd')).toHaveCount(CONTRACT_METRICS.length);
  });
});

test.describe('sharing and export', () => {
  test('Copy link reopens the same scenario at the same position', async ({ browser }) => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await openScenario(page, RICH_JSON);
    const max = await timelineMax(page);
    for (let i = 0; i < 9; i++) await button(page, 'Step forward').click();
    await expectTimeline(page, 9);
    const state = await readState(page);

    await button(page, 'Copy link').click();
    await expect(page.getByRole('status').filter({ hasText: /copied/i })).toBeVisible();
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*#s=[A-Za-z0-9_-]+/);

    const again = await context.newPage();
    await again.goto(url);
    await expect(nodeButtons(again).first()).toBeVisible();
    expect(await sliderState(timeline(again))).toEqual({ value: 9, min: 0, max });
    await expect(again.getByRole('alert')).toHaveCount(0);
    expect(await readState(again)).toEqual(state);
    // The link carries the same scenario: the CLI agrees on the run.
    const decoded = decodeScenario(url);
    expect(decoded.ok).toBe(true);
    if (decoded.ok) expect(cli(decoded.scenario).traceHash).toBe(cli(RICH_JSON).traceHash);
    await context.close();
  });

  test('a link pasted into a tab already showing Ringside (only the fragment changes) opens its scenario', async ({ page }) => {
    await openDefault(page);
    const report = cli(RICH_JSON);
    // Same origin and path: the browser does not reload, it fires `hashchange`.
    await page.goto(`/${linkOf(RICH_JSON, 4)}`);
    await expect.poll(() => timelineMax(page), { message: 'Timeline max after the new link' }).toBe(report.events);
    await expectTimeline(page, 4);
    await expect(page.getByText(RICH_JSON.title as string, { exact: true }).first()).toBeAttached();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('a broken link pasted into a tab already showing Ringside is announced', async ({ page }) => {
    await openDefault(page);
    await page.goto('/#s=garbage!!');
    const alert = page.getByRole('alert');
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(/"!"|character/);
    // The page still works.
    await expect(nodeButtons(page).first()).toBeVisible();
    await button(page, 'Step forward').click();
    await expectTimeline(page, 1);
  });

  test('Copy link after an edit (Kill) carries the edit', async ({ browser }) => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await openScenario(page, RICH_JSON);
    await page.keyboard.press('End');
    await button(page, 'Node n1, up').click();
    await button(page, 'Kill n1').click();
    await expect(button(page, 'Node n1, down')).toHaveCount(1);
    const value = await timelineValue(page);
    const max = await timelineMax(page);
    await button(page, 'Copy link').click();
    await expect(page.getByRole('status').filter({ hasText: /copied/i })).toBeVisible();
    const url = await page.evaluate(() => navigator.clipboard.readText());
    const again = await context.newPage();
    await again.goto(url);
    await expect(button(again, 'Node n1, down')).toHaveCount(1);
    expect(await sliderState(timeline(again))).toEqual({ value, min: 0, max });
    await context.close();
  });

  for (const [name, json] of [
    ['the default scenario', null],
    ['a linked scenario', RICH_JSON],
  ] as const) {
    test(`Export trace downloads the CLI's document (${name})`, async ({ page }) => {
      const report = cli(json ?? DEFAULT_SCENARIO);
      if (json) await openScenario(page, json);
      else await openDefault(page);
      const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Export trace').click()]);
      const path = await download.path();
      const doc = JSON.parse(readFileSync(path, 'utf8')) as typeof report;
      expect(doc.ok).toBe(true);
      expect(doc.events).toBe(report.events);
      expect(doc.traceHash).toBe(report.traceHash);
      expect(doc.metrics).toEqual(report.metrics);
      // The rest of the document too: it is the same JSON document.
      expect(doc).toEqual(report);
    });
  }

  test('Export trace after an edit matches the CLI run of the edited scenario', async ({ browser }) => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await openScenario(page, RICH_JSON);
    for (let i = 0; i < 5; i++) await button(page, 'Step forward').click();
    await button(page, 'Node n4, up').click();
    await button(page, 'Kill n4').click();
    await expect(button(page, 'Node n4, down')).toHaveCount(1);
    await button(page, 'Copy link').click();
    await expect(page.getByRole('status').filter({ hasText: /copied/i })).toBeVisible();
    const decoded = decodeScenario(await page.evaluate(() => navigator.clipboard.readText()));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const report = cli(decoded.scenario);
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Export trace').click()]);
    const doc = JSON.parse(readFileSync(await download.path(), 'utf8')) as typeof report;
    expect({ events: doc.events, traceHash: doc.traceHash, metrics: doc.metrics }).toEqual({
      events: report.events,
      traceHash: report.traceHash,
      metrics: report.metrics,
    });
    expect(await timelineMax(page)).toBe(report.events);
    await context.close();
  });
});

test.describe('links that cannot be loaded', () => {
  const real = linkOf(RICH_JSON);
  const bomb = `#s=${Buffer.from(zeroBomb(8)).toString('base64url')}`;
  const spaces = rawLink(' '.repeat(4 * 1024 * 1024));
  const cases: [string, string, RegExp][] = [
    ['garbage characters', '#s=garbage!!', /"!"|character/i],
    ['a truncated real link', real.slice(0, Math.floor(real.length / 2)), /truncated|corrupt/i],
    ['an unknown version', rawLink(JSON.stringify({ version: 99, steps: [] })), /version/i],
    ['an oversized link', `#s=${'A'.repeat(200_001)}`, /too large|limit/i],
    ['a decompression bomb of zeros', bomb, /MiB|too large|decompress/i],
    ['a decompression bomb of spaces', spaces, /MiB|too large|decompress/i],
  ];
  for (const [name, fragment, problem] of cases) {
    test(`${name}: an alert names the problem, the default scenario works`, async ({ page }) => {
      const defaultEvents = cli(DEFAULT_SCENARIO).events;
      await page.goto(`/${fragment}`);
      const alert = page.getByRole('alert');
      await expect(alert).toBeVisible();
      await expect(alert).toContainText(problem);
      // Fallback: the default scenario, fully usable.
      await expect(nodeButtons(page)).toHaveCount(DEFAULT_SCENARIO.cluster.nodes.length);
      expect(await sliderState(timeline(page))).toEqual({ value: 0, min: 0, max: defaultEvents });
      await button(page, 'Step forward').click();
      await expectTimeline(page, 1);
      await page.keyboard.press('End');
      await expectTimeline(page, defaultEvents);
      await button(page, 'Node n1, up').click();
      await expect(button(page, 'Kill n1')).toBeVisible();
    });
  }

  test('the bombs really are bombs (and the oversized link really is oversized)', () => {
    expect(bomb.length).toBeLessThan(200_000);
    expect(spaces.length).toBeLessThan(200_000);
    expect(decodeScenario(bomb).ok).toBe(false);
  });
});

test.describe('user text is text, never HTML', () => {
  const evil = '<img src=x onerror="window.__pwned=1">';
  const evilJson: ScenarioJson = {
    version: 1,
    title: evil,
    steps: [
      { at: 0, do: 'put', client: evil, key: evil, value: evil },
      { at: 30, do: 'get', client: evil, key: evil },
    ],
  };

  async function notPwned(page: Page): Promise<void> {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  }

  test('a title, client, key and value holding markup show literally and run nothing', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openScenario(page, evilJson);
    await expect(page.getByRole('alert')).toHaveCount(0);
    // The title, as text (whether the header has room to show it is another test's business).
    await expect(page.getByText(evil, { exact: true }).first()).toBeAttached();
    await notPwned(page);

    // Run to the end and look at a replica that holds the key.
    const report = cli(evilJson);
    await page.keyboard.press('End');
    await expectTimeline(page, report.events);
    const holder = Object.entries(report.replicas).find(([, r]) => Object.keys((r as { data: object }).data).length > 0)?.[0];
    expect(holder).toBeDefined();
    await nodeButton(page, holder!).click();
    await expect(page.getByRole('tabpanel')).toContainText(evil);
    await page.waitForTimeout(300);
    await notPwned(page);
    expect(errors).toEqual([]);
  });
});

test.describe('the header at 1280×720 (a projector)', () => {
  test('every header control is on screen', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openDefault(page);
    const off = await page.getByRole('banner').evaluate((header) =>
      [...header.querySelectorAll<HTMLElement>('button, select, input:not([type="file"]), a[href]')]
        .filter((el) => el.getAttribute('aria-hidden') !== 'true' && el.offsetParent !== null)
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.left < 0 || r.right > window.innerWidth + 1 || r.top < 0 || r.bottom > window.innerHeight + 1;
        })
        .map((el) => `${el.getAttribute('aria-label') ?? el.textContent?.trim()} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`),
    );
    expect(off, 'header controls cut off at the right edge').toEqual([]);
  });

  test('the scenario title is on screen', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openScenario(page, RICH_JSON);
    const title = page.getByText(RICH_JSON.title as string, { exact: true }).first();
    await expect(title).toBeVisible();
    await expect(title).toBeInViewport();
  });
});

test.describe('the page after a bad link keeps working end to end', () => {
  test('play the fallback scenario to its end', async ({ page }) => {
    await page.goto('/#s=garbage!!');
    await expect(page.getByRole('alert')).toBeVisible();
    await playToEnd(page);
    const report = cli(DEFAULT_SCENARIO);
    expect(await shownMetrics(page)).toEqual(Object.fromEntries(CONTRACT_METRICS.map((m) => [m, report.metrics[m]])));
  });

  test('the default scenario JSON of the helpers is the app\'s default', () => {
    expect(cli(DEFAULT_JSON).traceHash).toBe(cli(DEFAULT_SCENARIO).traceHash);
  });
});
