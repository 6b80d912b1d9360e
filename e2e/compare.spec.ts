// Compare plays and steps both sides together on one clock of virtual time:
// Play both, Step both forward / back, and the keyboard in the compare view.
// Where each side should be is worked out here from the engine's runs.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { COMPARE_PRESETS, variantOf } from '../src/app/lessons/compare';
import { eventAtTime } from '../src/app/lessons/stages';
import { runOf } from '../src/app/state/run';
import { button, openScenario, parsed, sliderState, speed, timeline, type ScenarioJson } from './helpers';

// n3 is down for the second write: strict keeps a hint for it, sloppy writes
// to a substitute, so the two runs have different events at different times.
const SCENARIO: ScenarioJson = {
  version: 1,
  title: 'Compare playback',
  cluster: { n: 3, w: 2, r: 1 },
  network: { latency: { kind: 'uniform', min: 1, max: 9 } },
  steps: [
    { at: 0, do: 'put', client: 'alice', key: 'cart', value: 'milk' },
    { at: 20, do: 'kill', node: 'n3' },
    { at: 100, do: 'put', client: 'alice', key: 'cart', value: 'eggs' },
    { at: 150, do: 'revive', node: 'n3' },
    { at: 152, do: 'get', client: 'bob', key: 'cart', coordinator: 'n3' },
  ],
};

const PRESET = COMPARE_PRESETS.findIndex((p) => p.a.label === 'Strict quorum' && p.b.label === 'Sloppy quorum');
const spec = COMPARE_PRESETS[PRESET]!;
const runs = [spec.a, spec.b].map((side) => runOf(variantOf(parsed(SCENARIO), side)));
/** Every instant at which either side has an event. */
const shared = [...new Set(runs.flatMap((r) => Array.from(r.timeline.eventTimes.slice(1, r.events + 1))))].sort((x, y) => x - y);
const endMs = shared.at(-1)!;
/** Each side's event count at time t (what "event k of N" shows). */
const eventsAt = (t: number) => runs.map((r) => eventAtTime(r.timeline, t));

const region = (page: Page): Locator => page.getByRole('region', { name: `Compare ${spec.a.label} and ${spec.b.label}`, exact: true });
const slider = (page: Page): Locator => page.getByRole('slider', { name: 'Compare timeline', exact: true });

/** Each side's "event k of N", read as k. */
async function sideEvents(page: Page): Promise<number[]> {
  const texts = await region(page).locator('.compare-events').allTextContents();
  return texts.map((t) => Number(/event (\d+) of/.exec(t)?.[1] ?? NaN));
}

async function openCompare(page: Page): Promise<void> {
  await openScenario(page, SCENARIO);
  await page.getByRole('combobox', { name: 'Compare', exact: true }).selectOption(String(PRESET));
  await expect(region(page)).toBeVisible();
}

test.beforeAll(() => {
  expect(runs[0]!.events, 'the two sides have different runs').not.toBe(runs[1]!.events);
});

test('the compare view has its own playback, and none of the main page’s is on the page', async ({ page }) => {
  await openCompare(page);
  await expect(timeline(page)).toHaveCount(0);
  for (const name of ['Play', 'Pause', 'Step forward', 'Step back', 'Reset']) await expect(button(page, name)).toHaveCount(0);
  for (const name of ['Play both', 'Pause both', 'Step both forward', 'Step both back']) await expect(region(page).getByRole('button', { name, exact: true })).toBeVisible();
  expect(await sideEvents(page)).toEqual([0, 0]);
  expect(await region(page).locator('.compare-events').allTextContents()).toEqual(runs.map((r) => `event 0 of ${r.events}`));
  await region(page).getByRole('button', { name: 'Step both forward', exact: true }).click();
  const { violations } = await new AxeBuilder({ page }).include('.compare').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('a step moves both sides by one shared time step, and back', async ({ page }) => {
  await openCompare(page);
  const forward = region(page).getByRole('button', { name: 'Step both forward', exact: true });
  const back = region(page).getByRole('button', { name: 'Step both back', exact: true });
  for (let i = 0; i < 6; i++) {
    await forward.click();
    await expect.poll(() => sideEvents(page)).toEqual(eventsAt(shared[i]!));
    expect((await sliderState(slider(page))).value).toBeCloseTo(shared[i]!, 6);
  }
  await back.click();
  await expect.poll(() => sideEvents(page)).toEqual(eventsAt(shared[4]!));
  expect((await sliderState(slider(page))).value).toBeCloseTo(shared[4]!, 6);
});

test('the keyboard in the compare view: → / ← step both, End and Home jump, Space plays and pauses', async ({ page }) => {
  await openCompare(page);
  await slider(page).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => sideEvents(page)).toEqual(eventsAt(shared[1]!));
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => sideEvents(page)).toEqual(eventsAt(shared[0]!));
  await page.keyboard.press('End');
  await expect.poll(() => sideEvents(page)).toEqual(runs.map((r) => r.events));
  expect(await sliderState(slider(page))).toEqual({ value: endMs, min: 0, max: endMs });
  await page.keyboard.press('Home');
  await expect.poll(() => sideEvents(page)).toEqual([0, 0]);

  // Focus on a table cell of the region (not a control): the keys still apply.
  await region(page).getByRole('table').click();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => sideEvents(page)).toEqual(eventsAt(shared[0]!));

  const play = region(page).getByRole('button', { name: 'Play both', exact: true });
  await page.keyboard.press(' ');
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await sideEvents(page)).every((e, k) => e > eventsAt(shared[0]!)[k]!)).toBe(true);
  await page.keyboard.press(' ');
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  const paused = await sideEvents(page);
  const t = (await sliderState(slider(page))).value;
  expect(paused, 'both sides at the same moment').toEqual(eventsAt(t));

  // Keys pressed with focus on nothing drive the compare view, not the hidden main Timeline.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('End');
  await expect.poll(() => sideEvents(page)).toEqual(runs.map((r) => r.events));
  await region(page).getByRole('button', { name: 'Close compare', exact: true }).click();
  expect((await sliderState(timeline(page))).value, 'the main Timeline did not move').toBe(0);
});

test('Play both moves both sides on together to the end', async ({ page }) => {
  // Compare plays at the page's speed: ×8 here, to keep the test short.
  await openScenario(page, SCENARIO);
  await speed(page).fill('3');
  await page.getByRole('combobox', { name: 'Compare', exact: true }).selectOption(String(PRESET));
  const play = region(page).getByRole('button', { name: 'Play both', exact: true });
  await play.click();
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  // Mid-way, each side shows its last event at the shared time.
  await expect.poll(async () => (await sliderState(slider(page))).value).toBeGreaterThan(shared[0]!);
  const seen = await page.evaluate(() => {
    const value = Number(document.querySelector<HTMLInputElement>('input[aria-label="Compare timeline"]')!.value);
    const events = [...document.querySelectorAll('.compare-events')].map((p) => Number(/event (\d+)/.exec(p.textContent ?? '')?.[1]));
    return { value, events };
  });
  expect(seen.events).toEqual(eventsAt(seen.value));
  await expect.poll(() => sideEvents(page), { timeout: 30_000 }).toEqual(runs.map((r) => r.events));
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  expect((await sliderState(slider(page))).value).toBe(endMs);
});
