// Shared helpers for the end-to-end specs: scenarios, the CLI's view of a
// run (contract 2), and the page as contract 3 names it.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';
import { deflateSync } from 'fflate';
import { encodeScenario, parseScenario } from '../src/scenario';
import { RICH_STORY } from '../src/scenario/testing/richStory';
import type { SimScenario } from '../src/sim/types';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A scenario as written by hand (defaults omitted); parsed by the real parser. */
export type ScenarioJson = { version: number; steps: unknown[] } & Record<string, unknown>;

/** The default scenario's steps (src/scenario/defaults.ts), as a user could write it. */
export const DEFAULT_JSON: ScenarioJson = {
  version: 1,
  title: 'Quorum write and read',
  steps: [
    { at: 0, do: 'put', client: 'alice', key: 'cart', value: 'milk' },
    { at: 30, do: 'get', client: 'bob', key: 'cart' },
  ],
};

/** Nearly every metric moves (src/scenario/testing/richStory.ts). */
export const RICH_JSON: ScenarioJson = { version: 1, title: 'Hints, a stale read and a repair', ...RICH_STORY };

export function parsed(json: ScenarioJson): SimScenario {
  const result = parseScenario(json);
  if (!result.ok) throw new Error(`test scenario does not parse: ${result.error}`);
  return result.scenario;
}

/** The `#s=…` fragment of a scenario (optionally opening at a Timeline position). */
export function linkOf(json: ScenarioJson, at?: number): string {
  return encodeScenario(parsed(json), at === undefined ? undefined : { at });
}

/** A fragment holding arbitrary JSON text, compressed the way share links are (for broken links). */
export function rawLink(text: string): string {
  return `#s=${Buffer.from(deflateSync(new TextEncoder().encode(text), { level: 9 })).toString('base64url')}`;
}

/** Contract 2's metrics (the CLI may add fields; these eleven are the contract). */
export const CONTRACT_METRICS = [
  'messagesSent',
  'messagesDropped',
  'readRepairs',
  'hintsStored',
  'hintsDelivered',
  'antiEntropySessions',
  'merkleHashesCompared',
  'keysSynced',
  'staleReads',
  'lostWrites',
  'resurrections',
] as const;
export type MetricName = (typeof CONTRACT_METRICS)[number];

export interface CliReport {
  ok: true;
  traceHash: string;
  endTimeMs: number;
  events: number;
  metrics: Record<MetricName, number> & Record<string, number>;
  operations: Record<string, unknown>[];
  replicas: Record<string, unknown>;
}

const cliCache = new Map<string, CliReport>();

/** What `npm run --silent sim -- -` prints for this scenario (contract 2), run for real. */
export function cli(json: ScenarioJson | SimScenario): CliReport {
  const input = JSON.stringify(json);
  const hit = cliCache.get(input);
  if (hit) return hit;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const res = spawnSync(npm, ['run', '--silent', 'sim', '--', '-'], { cwd: ROOT, input, encoding: 'utf8', timeout: 120_000 });
  if (res.status !== 0) throw new Error(`the CLI failed (exit ${res.status}): ${res.stderr}`);
  const report = JSON.parse(res.stdout) as CliReport;
  cliCache.set(input, report);
  return report;
}

/**
 * The metric a `<dt>`'s words name: "Stale reads" → staleReads,
 * "Anti-entropy sessions" → antiEntropySessions. Undefined if none.
 */
export function metricOfWords(words: string): MetricName | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
  return CONTRACT_METRICS.find((m) => squash(m) === squash(words));
}

// ---- the page, by contract 3 ----

export const timeline = (page: Page): Locator => page.getByRole('slider', { name: 'Timeline', exact: true });
export const speed = (page: Page): Locator => page.getByRole('slider', { name: 'Speed', exact: true });
export const button = (page: Page, name: string): Locator => page.getByRole('button', { name, exact: true });
export const nodeButtons = (page: Page): Locator => page.getByRole('button', { name: /^Node \S+, (up|down)$/ });
export const nodeButton = (page: Page, id: string, state?: 'up' | 'down'): Locator =>
  page.getByRole('button', { name: state ? `Node ${id}, ${state}` : new RegExp(`^Node ${escapeRe(id)}, (up|down)$`) });
export const metricsRegion = (page: Page): Locator => page.getByRole('region', { name: 'Metrics', exact: true });

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A slider's value and maximum, native `<input type=range>` or ARIA slider alike. */
export async function sliderState(slider: Locator): Promise<{ value: number; min: number; max: number }> {
  return slider.evaluate((el) => {
    const input = el instanceof HTMLInputElement ? el : null;
    const num = (aria: string, native: string | undefined) => Number(el.getAttribute(aria) ?? native);
    return {
      value: num('aria-valuenow', input?.value),
      min: num('aria-valuemin', input?.min),
      max: num('aria-valuemax', input?.max),
    };
  });
}

export async function timelineValue(page: Page): Promise<number> {
  return (await sliderState(timeline(page))).value;
}

export async function timelineMax(page: Page): Promise<number> {
  return (await sliderState(timeline(page))).max;
}

/** Waits (retrying) until the Timeline shows `value`. */
export async function expectTimeline(page: Page, value: number, timeout?: number): Promise<void> {
  await expect.poll(() => timelineValue(page), { message: 'Timeline value', timeout }).toBe(value);
}

/** The Metrics region's <dt>/<dd> pairs as shown, keyed by the words. */
export async function shownMetricsByWords(page: Page): Promise<Record<string, string>> {
  return metricsRegion(page)
    .locator('dl')
    .first()
    .evaluate((dl) => {
      const out: Record<string, string> = {};
      for (const dt of dl.querySelectorAll('dt')) {
        // The <dd> after this <dt> (possibly inside the same wrapper <div>).
        let dd: Element | null = dt.nextElementSibling;
        while (dd && dd.tagName !== 'DD') dd = dd.nextElementSibling;
        out[(dt.textContent ?? '').trim()] = (dd?.textContent ?? '').trim();
      }
      return out;
    });
}

/** The Metrics region's figures, keyed by contract-2 name (throws on a <dt> naming no metric). */
export async function shownMetrics(page: Page): Promise<Partial<Record<MetricName, number>>> {
  const byWords = await shownMetricsByWords(page);
  const out: Partial<Record<MetricName, number>> = {};
  for (const [words, figure] of Object.entries(byWords)) {
    const name = metricOfWords(words);
    if (name) out[name] = Number(figure.replace(/[\s,]/g, ''));
  }
  return out;
}

/** Opens a scenario by its link on a fresh page and waits for the ring. */
export async function openScenario(page: Page, json: ScenarioJson, at?: number): Promise<void> {
  await page.goto(`/${linkOf(json, at)}`);
  await expect(nodeButtons(page).first()).toBeVisible();
}

/** Opens the default page (no link). */
export async function openDefault(page: Page): Promise<void> {
  await page.goto('/');
  await expect(nodeButtons(page).first()).toBeVisible();
}

/** Moves focus off every control, so page-wide shortcuts apply. */
export async function blurAll(page: Page): Promise<void> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
  });
  await expect.poll(() => page.evaluate(() => document.activeElement === document.body || document.activeElement === null)).toBe(true);
}

/** Plays at the fastest speed until the end of the run. */
export async function playToEnd(page: Page, timeout = 60_000): Promise<void> {
  const s = speed(page);
  await s.focus();
  await s.press('End');
  await blurAll(page);
  await button(page, 'Play').click();
  const max = await timelineMax(page);
  await expectTimeline(page, max, timeout);
}

/** A snapshot of what a person reads for the cluster at the cursor (for forward/back comparisons). */
export async function readState(page: Page): Promise<{ value: number; panel: string; metrics: Record<string, string>; nodes: string[] }> {
  const value = await timelineValue(page);
  const panel = (await page.getByRole('tabpanel').first().innerText()).trim();
  const metrics = await shownMetricsByWords(page);
  const nodes = await nodeButtons(page).evaluateAll((els) => els.map((e) => `${e.getAttribute('aria-label')}|${e.textContent ?? ''}`));
  return { value, panel, metrics, nodes };
}
