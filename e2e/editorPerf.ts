// Measuring the scenario editor in a real page: how long "Edit scenario"
// takes to show its table, and how long a keystroke in it takes to reach the
// screen. Used by e2e/editor.spec.ts (generous bounds) and meant for
// `npm run bench:render` (the figures in docs/BENCHMARKS.md).
//
// Both times end at the second requestAnimationFrame after the change (the
// frame after the one that painted it), as bench-render's Timeline jumps do.

import { expect, type Locator, type Page } from '@playwright/test';
import type { ScenarioJson } from './helpers';

/**
 * A scenario of `count` steps that is cheap to simulate and small enough to
 * import at 200,000 steps (the file limit is 8 MiB): every 10th step a put
 * (the widest row: six fields), the rest drops of rate 0 (one field, no
 * events of their own).
 */
export function editorScenario(count: number): ScenarioJson {
  const steps: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(i / 10);
    steps.push(i % 10 === 0 ? { at, do: 'put', client: 'a', key: `k${i % 7}`, value: `v${i % 100}` } : { at, do: 'drop', rate: 0 });
  }
  return { version: 1, title: `${count} steps`, steps };
}

/**
 * Opens the page and loads `json` through the header's Import scenario
 * control (no link-length limit). `url` is the app's address; the default
 * '/' needs a baseURL (as the e2e specs have).
 */
export async function openByImport(page: Page, json: ScenarioJson, url = '/'): Promise<void> {
  await page.goto(url);
  await page.locator('input[type="file"]').setInputFiles({
    name: 'editor-bench.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(json)),
  });
  await expect(page.locator('.scenario-title')).toHaveText(json.title as string, { timeout: 120_000 });
}

/**
 * Milliseconds from activating "Edit scenario" until the steps table has
 * painted. The first opening also fetches the editor's lazy chunk.
 */
export async function timeEditorOpen(page: Page): Promise<number> {
  await page.getByText('Scenario', { exact: true }).click(); // the header's menu
  const ms = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Edit scenario');
        if (!button) throw new Error('no Edit scenario button');
        const painted = (t0: number) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
        const t0 = performance.now();
        const seen = () => document.querySelector('dialog.editor-dialog tr.step') !== null;
        const observer = new MutationObserver(() => {
          if (!seen()) return;
          observer.disconnect();
          painted(t0);
        });
        observer.observe(document.body, { childList: true, subtree: true });
        button.click();
        if (seen()) {
          observer.disconnect();
          painted(t0);
        }
      }),
  );
  await expect(page.getByRole('dialog', { name: 'Edit scenario' })).toBeVisible();
  return ms;
}

/** Milliseconds from the keydown of one character typed into `field` until the frame after it painted. */
export async function timeKeystroke(page: Page, field: Locator, char = '7'): Promise<number> {
  await field.focus();
  const before = await field.inputValue();
  await page.evaluate(() => {
    const w = window as unknown as { __keystroke?: Promise<number> };
    w.__keystroke = new Promise<number>((resolve) => {
      addEventListener(
        'keydown',
        (e) => {
          // The event's timestamp: when the key arrived, before any handler ran.
          const t0 = e.timeStamp;
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
        },
        { once: true, capture: true },
      );
    });
  });
  await page.keyboard.press(char);
  const ms = await page.evaluate(() => (window as unknown as { __keystroke: Promise<number> }).__keystroke);
  await expect(field).toHaveValue(before + char);
  return ms;
}

export interface EditorFigures {
  steps: number;
  /** First opening (fetches the lazy chunk), then a second one. */
  openMs: number;
  reopenMs: number;
  /** Median and worst of `keystrokes` keystrokes in a step's field, then in a cluster field. */
  stepKeyMedianMs: number;
  stepKeyMaxMs: number;
  clusterKeyMedianMs: number;
  clusterKeyMaxMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The whole measurement on a fresh page: load `count` steps, open the editor
 * twice, type `keystrokes` characters into step 0's Value, then as many into
 * Request timeout. For bench:render: `measureEditor(page, 5000, { url: base })`
 * and `measureEditor(page, 200_000, { url: base })` on a 1280×720 page.
 */
export async function measureEditor(page: Page, count: number, { keystrokes = 10, url = '/' }: { keystrokes?: number; url?: string } = {}): Promise<EditorFigures> {
  await openByImport(page, editorScenario(count), url);
  const openMs = await timeEditorOpen(page);
  const dialog = page.getByRole('dialog', { name: 'Edit scenario' });
  await expect(dialog.getByRole('table')).toHaveAttribute('aria-rowcount', String(count + 1));
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(dialog).toBeHidden();
  const reopenMs = await timeEditorOpen(page);

  const step: number[] = [];
  const valueField = dialog.getByRole('textbox', { name: 'Step 0 Value', exact: true });
  for (let k = 0; k < keystrokes; k++) step.push(await timeKeystroke(page, valueField, String(k % 10)));
  const cluster: number[] = [];
  const timeout = dialog.getByRole('textbox', { name: 'Request timeout (ms)', exact: true });
  for (let k = 0; k < keystrokes; k++) cluster.push(await timeKeystroke(page, timeout, String(k % 10)));
  return {
    steps: count,
    openMs,
    reopenMs,
    stepKeyMedianMs: median(step),
    stepKeyMaxMs: Math.max(...step),
    clusterKeyMedianMs: median(cluster),
    clusterKeyMaxMs: Math.max(...cluster),
  };
}
