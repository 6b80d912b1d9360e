// The slow spots of `npm run bench:render` (issue 14, "Phones and slow
// spots"): what a person waits for after one click or key press, target
// under 100 ms each.
//
// (f) Selecting a node that holds 1,500 keys: the click on "Node n1, up" at
//     the end of the run until the Node tab has painted.
// (g) Opening the Merkle lesson (lesson 6: two nodes holding 1,031 keys each
//     by its end): picked from the Lessons dialog, until the lesson's first
//     stage has painted (and until the dialog's "Opening lesson 6…" has);
//     and from its link, navigation until the first stage shows (and until
//     the first contentful paint), beside the default page's link for scale.
// (h) End with the 1,500-key node selected: Home, then End, until the
//     Timeline's end has painted with the node's keys listed.
//
// Each is timed inside the page, from the event's dispatch to the frame after
// the next one (the first requestAnimationFrame runs before the paint, the
// second after it), with the longest main-thread task (Long Tasks API) seen
// meanwhile. Each is repeated `repeats` times on a fresh page, and the
// median and the worst are reported.

import type { Browser, Page } from '@playwright/test';
import { encodeScenario, parseScenario } from '../src/scenario';
import type { SimScenario } from '../src/sim/types';

/** Keys the large node holds. */
export const BIG_NODE_KEYS = 1_500;

function parsed(json: unknown): SimScenario {
  const r = parseScenario(json);
  if (!r.ok) throw new Error(`bench scenario does not parse: ${r.error}`);
  return r.scenario;
}

/** n1 holds 1,500 keys (loaded at t = 0), then alice writes cart. */
export function bigNodeScenario(keys = BIG_NODE_KEYS): SimScenario {
  return parsed({
    version: 1,
    title: `Render benchmark: n1 holds ${keys} keys`,
    steps: [
      ...Array.from({ length: keys }, (_, i) => ({ at: 0, do: 'load', node: 'n1', key: `key${String(i).padStart(4, '0')}`, value: `v${i}` })),
      { at: 10, do: 'put', client: 'alice', key: 'cart', value: 'milk' },
    ],
  });
}

export interface Timing {
  /** Dispatch until the frame after the next one has run. */
  ms: number;
  /** The longest main-thread task overlapping the wait (0 when none took over 50 ms). */
  longestTaskMs: number;
  /** With a progress text to watch for: dispatch until the frame that paints
   *  it (or `ms`, when the result came first). */
  feedbackMs?: number;
}

export interface SlowSpotResult {
  name: string;
  runs: Timing[];
  medianMs: number;
  worstMs: number;
  longestTaskMs: number;
  /** Median time until a progress state showed, when one was watched for. */
  feedbackMedianMs?: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;

export function summarise(name: string, runs: Timing[]): SlowSpotResult {
  const feedback = runs.flatMap((r) => (r.feedbackMs === undefined ? [] : [r.feedbackMs]));
  return {
    name,
    runs,
    medianMs: median(runs.map((r) => r.ms)),
    worstMs: Math.max(...runs.map((r) => r.ms)),
    longestTaskMs: Math.max(0, ...runs.map((r) => r.longestTaskMs)),
    ...(feedback.length > 0 ? { feedbackMedianMs: median(feedback) } : {}),
  };
}

export async function freshPage(browser: Browser): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript('globalThis.__name ??= (fn) => fn;');
  await context.addInitScript(() => {
    const w = window as unknown as { __tasks: { start: number; duration: number }[] };
    w.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  return { page, close: () => context.close() };
}

/** What a timed step does in the page: click an element, or press a key with nothing focused. */
type Act = { click: string } | { key: string };
/** When it is done: the Timeline at its end or start, a text on the page, the Node tab on a node. */
type Until = 'end' | 'start' | { text: string } | { inspecting: string };

/**
 * Does `act` in the page and resolves after the frame after the first one at
 * which `until` holds. Returns the time and the longest task that started
 * meanwhile.
 */
export async function timeInPage(page: Page, act: Act, until: Until, feedback?: string): Promise<Timing> {
  // Settle first: whatever the page was doing must not be counted.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(200);
  return page.evaluate(
    ({ act, until, feedback }) =>
      new Promise<Timing>((resolve, reject) => {
        const w = window as unknown as { __tasks: { start: number; duration: number }[] };
        const timeline = () => document.querySelector<HTMLInputElement>('input[aria-label="Timeline"]');
        const done = (): boolean => {
          if (until === 'end') return timeline()?.value === timeline()?.max;
          if (until === 'start') return timeline()?.value === '0';
          if ('text' in until) return document.body.textContent?.includes(until.text) ?? false;
          return [...document.querySelectorAll('[role="tabpanel"] h3')].some((h) => h.textContent?.startsWith(`${until.inspecting} is `));
        };
        const target = 'click' in act ? document.querySelector<HTMLElement>(act.click) : null;
        if ('click' in act && !target) {
          reject(new Error(`nothing to click at ${act.click}`));
          return;
        }
        (document.activeElement as HTMLElement | null)?.blur?.();
        const t0 = performance.now();
        if (target) target.click();
        else if ('key' in act) document.body.dispatchEvent(new KeyboardEvent('keydown', { key: act.key, bubbles: true, cancelable: true }));
        const deadline = t0 + 60_000;
        let feedbackMs: number | undefined;
        const frame = () =>
          requestAnimationFrame(() => {
            if (feedback !== null && feedbackMs === undefined && document.body.textContent?.includes(feedback)) feedbackMs = performance.now() - t0;
            if (!done()) {
              if (performance.now() > deadline) reject(new Error(`not done within 60 s: ${JSON.stringify(until)}`));
              else frame();
              return;
            }
            requestAnimationFrame(() => {
              const ms = performance.now() - t0;
              // Long tasks are reported after they end: give the observer a turn.
              setTimeout(() => {
                // Tasks overlapping the wait (the one that ran the click began just before t0).
                const during = w.__tasks.filter((t) => t.start <= t0 + ms && t.start + t.duration >= t0);
                resolve({ ms, longestTaskMs: Math.max(0, ...during.map((t) => t.duration)), ...(feedback !== null ? { feedbackMs: feedbackMs ?? ms } : {}) });
              }, 0);
            });
          });
        frame();
      }),
    { act, until, feedback: feedback ?? null },
  );
}

const nodeButton = (id: string) => `button[aria-label^="Node ${id},"]`;

/** Presses a key with nothing focused and waits for the Timeline to get there. */
async function press(page: Page, key: 'End' | 'Home'): Promise<void> {
  await page.evaluate((key) => {
    (document.activeElement as HTMLElement | null)?.blur?.();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  }, key);
  await page.waitForFunction((end) => {
    const t = document.querySelector<HTMLInputElement>('input[aria-label="Timeline"]');
    return t !== null && t.value === (end ? t.max : '0');
  }, key === 'End');
}

async function openLink(page: Page, base: string, scenario: SimScenario): Promise<void> {
  await page.goto(`${base}${encodeScenario(scenario)}`);
  await page.getByRole('slider', { name: 'Timeline', exact: true }).waitFor({ timeout: 120_000 });
}

/** (f) and (h): the 1,500-key node. */
export async function measureBigNode(browser: Browser, base: string, repeats: number): Promise<{ select: SlowSpotResult; end: SlowSpotResult }> {
  const scenario = bigNodeScenario();
  const select: Timing[] = [];
  const end: Timing[] = [];
  for (let i = 0; i < repeats; i++) {
    const { page, close } = await freshPage(browser);
    try {
      await openLink(page, base, scenario);
      await press(page, 'End');
      select.push(await timeInPage(page, { click: nodeButton('n1') }, { inspecting: 'n1' }));
      await press(page, 'Home');
      end.push(await timeInPage(page, { key: 'End' }, 'end'));
    } finally {
      await close();
    }
  }
  return { select: summarise(`select a node holding ${BIG_NODE_KEYS.toLocaleString('en')} keys`, select), end: summarise(`End with that node selected`, end) };
}

const MERKLE_FIRST_STAGE = 'Anti-entropy is a background process';

/** Milliseconds from navigation until `predicate` holds at a frame. */
async function loadTime(page: Page, url: string, shown: { text: string } | { selector: string }): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(
    (shown) => ('text' in shown ? (document.body.textContent?.includes(shown.text) ?? false) : document.querySelector(shown.selector) !== null),
    shown,
    { polling: 'raf', timeout: 120_000 },
  );
  return page.evaluate(() => performance.now());
}

/** (g): the Merkle lesson, from the Lessons dialog and from its link (the default page's link beside it). */
/** Opens the default page and its Lessons dialog, and marks the lesson
 *  button named `title` `[data-bench-pick]`, for timeInPage to click. */
export async function markLessonPick(page: Page, base: string, title: string | RegExp): Promise<void> {
  await page.goto(base);
  await page.getByRole('slider', { name: 'Timeline', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  const pick = page.getByRole('dialog', { name: 'Lessons' }).getByRole('button', { name: title });
  await pick.waitFor();
  await pick.evaluate((el) => el.setAttribute('data-bench-pick', ''));
}

export async function measureMerkleLesson(
  browser: Browser,
  base: string,
  repeats: number,
  lessonLink: string,
): Promise<{ open: SlowSpotResult; link: SlowSpotResult; defaultLink: SlowSpotResult }> {
  const open: Timing[] = [];
  const link: Timing[] = [];
  const defaultLink: Timing[] = [];
  for (let i = 0; i < repeats; i++) {
    const { page, close } = await freshPage(browser);
    try {
      await markLessonPick(page, base, /Anti-entropy with Merkle trees/);
      open.push(await timeInPage(page, { click: '[data-bench-pick]' }, { text: MERKLE_FIRST_STAGE }, 'Opening lesson 6'));
    } finally {
      await close();
    }
    for (const [into, url, until] of [
      [link, `${base}${lessonLink}`, { text: MERKLE_FIRST_STAGE }],
      [defaultLink, base, { selector: nodeButton('n1') }],
    ] as const) {
      const fresh = await freshPage(browser);
      try {
        const ms = await loadTime(fresh.page, url, until);
        const tasks = await fresh.page.evaluate(() => (window as unknown as { __tasks: { duration: number }[] }).__tasks.map((t) => t.duration));
        // The first paint with content: the page's "Opening Ringside…", or the app itself.
        const fcp = await fresh.page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
        into.push({ ms, longestTaskMs: Math.max(0, ...tasks), ...(fcp !== null ? { feedbackMs: fcp } : {}) });
      } finally {
        await fresh.close();
      }
    }
  }
  return {
    open: summarise('open the Merkle lesson from the Lessons dialog', open),
    link: summarise("open the Merkle lesson's link (navigation until its first stage shows)", link),
    defaultLink: summarise('for scale: open the default page (navigation until its ring shows)', defaultLink),
  };
}
