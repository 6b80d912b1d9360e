// The robustness cases of `npm run bench:render` (issue 13): what a user
// waits for on links that are tiny but heavy, on a large workload, and in
// the scenario editor at scale.
//
// (c) Three hostile links — latency of 1e9 ms with two steps, anti-entropy
//     every 1 ms until a step at 1e9 ms, 47,000 gets at t = 0 — each
//     capped at 400,000 events: the time from opening the link until the
//     Timeline is usable, the time of End until the Timeline shows its end,
//     and the longest main-thread task (Long Tasks API) along the way.
// (d) A 64-node, 10,000-operation link with kills, partitions and drops:
//     until usable, and the longest main-thread task while loading (target:
//     none over 200 ms).
// (e) The scenario editor with 5,000 steps: open and a keystroke
//     (e2e/editorPerf.ts).

import type { Browser, Page } from '@playwright/test';
import { faultyWorkload } from '../src/cli/workload';
import { encodeScenario, parseScenario } from '../src/scenario';
import type { SimScenario } from '../src/sim/types';
import { measureEditor } from '../e2e/editorPerf';

function parsed(json: unknown): SimScenario {
  const r = parseScenario(json);
  if (!r.ok) throw new Error(`bench scenario does not parse: ${r.error}`);
  return r.scenario;
}

export const HOSTILE: { name: string; scenario: SimScenario }[] = [
  {
    name: 'latency 1e9 ms, two steps',
    scenario: parsed({ version: 1, network: { latency: { kind: 'fixed', ms: 1e9 } }, steps: [{ at: 0, do: 'put', client: 'a', key: 'k', value: 'v' }, { at: 1, do: 'get', client: 'b', key: 'k' }] }),
  },
  {
    name: 'anti-entropy every 1 ms, a step at 1e9 ms',
    scenario: parsed({ version: 1, cluster: { antiEntropy: { intervalMs: 1, merkleDepth: 4 } }, steps: [{ at: 1e9, do: 'get', client: 'a', key: 'k' }] }),
  },
  {
    name: '47,000 gets at t = 0',
    scenario: parsed({ version: 1, steps: Array.from({ length: 47_000 }, () => ({ at: 0, do: 'get', client: 'c', key: 'k' })) }),
  },
];

export interface LoadResult {
  name: string;
  linkChars: number;
  events: number;
  /** From navigation until the Timeline is on the page. */
  readyMs: number;
  /** End pressed until the Timeline shows its end (null when not measured). */
  endMs: number | null;
  /** The longest main-thread task seen, and how many went over 200 ms. */
  longestTaskMs: number;
  tasksOver200: number;
}

/** Opens `scenario`'s link in a fresh page and times what a user waits for. */
async function measureLoad(browser: Browser, base: string, name: string, scenario: SimScenario, pressEnd: boolean): Promise<LoadResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript('globalThis.__name ??= (fn) => fn;');
  await context.addInitScript(() => {
    const w = window as unknown as { __tasks: number[] };
    w.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__tasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  try {
    const page: Page = await context.newPage();
    const link = encodeScenario(scenario);
    const t0 = Date.now();
    await page.goto(`${base}${link}`);
    const slider = page.getByRole('slider', { name: 'Timeline', exact: true });
    await slider.waitFor({ timeout: 300_000 });
    const readyMs = Date.now() - t0;
    const events = Number(await slider.getAttribute('max'));
    let endMs: number | null = null;
    if (pressEnd) {
      await slider.focus();
      const t1 = Date.now();
      await page.keyboard.press('End');
      await page.waitForFunction((max) => document.querySelector<HTMLInputElement>('input[aria-label="Timeline"]')?.value === String(max), events, { timeout: 300_000 });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      endMs = Date.now() - t1;
    }
    const tasks = await page.evaluate(() => (window as unknown as { __tasks: number[] }).__tasks);
    return { name, linkChars: link.length, events, readyMs, endMs, longestTaskMs: Math.max(0, ...tasks), tasksOver200: tasks.filter((t) => t > 200).length };
  } finally {
    await context.close();
  }
}

export async function measureHostile(browser: Browser, base: string): Promise<LoadResult[]> {
  const out: LoadResult[] = [];
  for (const h of HOSTILE) out.push(await measureLoad(browser, base, h.name, h.scenario, true));
  return out;
}

export async function measureBigLoad(browser: Browser, base: string): Promise<LoadResult> {
  return measureLoad(browser, base, '64 nodes, 10,000 operations with faults', faultyWorkload(64, 10_000), false);
}

export async function measureEditor5k(browser: Browser, base: string): Promise<Awaited<ReturnType<typeof measureEditor>>> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript('globalThis.__name ??= (fn) => fn;');
  try {
    return await measureEditor(await context.newPage(), 5_000, { url: base });
  } finally {
    await context.close();
  }
}
