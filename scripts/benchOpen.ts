// Part (i) of `npm run bench:render` (issue 15, "Performance, as users feel
// it"): the scenario of `npm run bench`'s whole CLI run (cliRunScenario:
// 16 nodes, 10,000 operations over 200 keys, kills, a partition, 1 % drops,
// exponential latency) opened from its link in a fresh page, until the page
// answers a key press: target under 1 s.
//
// Timed inside the page from navigation start (performance.now() counts
// from it): an init script watches every frame; the first frame the page
// shows either its progress ("Simulating…") or the Timeline, it presses End
// (a keydown on the page with nothing focused, as in benchSlowSpots.ts).
// Two answers are timed, each until the frame after the next one (painted):
// the key press answered — the page names End among the keys it holds
// until the Timeline appears (state/heldKeys.ts), or is already at the
// end — and End carried out, the Timeline at its end. If the page ignores
// the press, it presses again every 250 ms and counts the presses. Also
// reported: the first contentful paint, when the Timeline appeared, and the
// longest main-thread task (Long Tasks API) until End was carried out.
//
// Part (j): every lesson opened from the Lessons dialog, until its
// narration ("Lesson 7: Last write wins, and clock skew") has painted
// (target under 100 ms), timed as benchSlowSpots.ts times the Merkle lesson
// (g), `repeats` fresh pages per lesson.

import type { Browser } from '@playwright/test';
import { cliRunScenario } from '../src/cli/workload';
import { encodeScenario } from '../src/scenario';
import { LESSONS } from '../src/scenario/lessons';
import { freshPage, markLessonPick, summarise, timeInPage, type SlowSpotResult, type Timing } from './benchSlowSpots';

export const OPEN_TARGET_MS = 1000;

export interface OpenRun {
  /** Navigation start until the page's answer to the key press has painted. */
  keyAnsweredMs: number;
  /** Navigation start until End has been carried out (the Timeline at its end) and painted. */
  answeredMs: number;
  /** Navigation start until the Timeline was on the page. */
  timelineMs: number;
  firstPaintMs: number | null;
  longestTaskMs: number;
  presses: number;
  events: number;
}

export interface OpenResult {
  name: string;
  linkChars: number;
  runs: OpenRun[];
}

/** Runs in the page before its own scripts: presses End as soon as the page shows anything to press it on. */
function watchForTimeline(): void {
  const w = window as unknown as {
    __open: { keyAnsweredMs?: number; timelineMs?: number; answeredMs?: number; presses: number; events?: number };
    __tasks: { start: number; duration: number }[];
  };
  w.__open = { presses: 0 };
  w.__tasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const timeline = () => document.querySelector<HTMLInputElement>('input[aria-label="Timeline"]');
  const progress = () => document.querySelector('section[aria-label="Simulating"]');
  const held = () => document.querySelector('[aria-label="Keys held"]')?.textContent?.includes('End') === true;
  const press = () => {
    w.__open.presses++;
    (document.activeElement as HTMLElement | null)?.blur?.();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, cancelable: true }));
  };
  const painted = (mark: (ms: number) => void) => requestAnimationFrame(() => mark(performance.now()));
  let lastPress: number | null = null;
  const frame = () => {
    const t = timeline();
    const now = performance.now();
    if (t && w.__open.timelineMs === undefined) w.__open.timelineMs = now;
    const atEnd = t !== null && t.value === t.max && Number(t.max) > 0;
    if (lastPress !== null && w.__open.keyAnsweredMs === undefined && (held() || atEnd)) {
      w.__open.keyAnsweredMs = -1;
      painted((ms) => (w.__open.keyAnsweredMs = ms));
    }
    if (atEnd && lastPress !== null) {
      w.__open.events = Number(t.max);
      painted((ms) => (w.__open.answeredMs = ms));
      return;
    }
    // Pressed again after 250 ms if the page has not answered, or if it has
    // a Timeline that has not moved to its end.
    const due = lastPress === null || (now - lastPress > 250 && (w.__open.keyAnsweredMs === undefined || t !== null));
    if ((t || progress()) && due) {
      press();
      lastPress = now;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

export async function measureOpen(browser: Browser, base: string, repeats: number): Promise<OpenResult> {
  const link = encodeScenario(cliRunScenario());
  const runs: OpenRun[] = [];
  for (let i = 0; i < repeats; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addInitScript('globalThis.__name ??= (fn) => fn;');
    await context.addInitScript(watchForTimeline);
    try {
      const page = await context.newPage();
      await page.goto(`${base}${link}`);
      await page.waitForFunction(() => (window as unknown as { __open: { answeredMs?: number } }).__open.answeredMs !== undefined, null, { timeout: 120_000 });
      // Long tasks are reported after they end: give the observer a turn.
      await page.waitForTimeout(100);
      runs.push(
        await page.evaluate(() => {
          const w = window as unknown as {
            __open: { keyAnsweredMs: number; timelineMs: number; answeredMs: number; presses: number; events: number };
            __tasks: { start: number; duration: number }[];
          };
          const { keyAnsweredMs, answeredMs, timelineMs, presses, events } = w.__open;
          const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
          const longest = Math.max(0, ...w.__tasks.filter((t) => t.start <= answeredMs).map((t) => t.duration));
          return { keyAnsweredMs, answeredMs, timelineMs, firstPaintMs: fcp, longestTaskMs: longest, presses, events };
        }),
      );
    } finally {
      await context.close();
    }
  }
  return { name: 'the CLI benchmark scenario (16 nodes, 10,000 operations) from its link, until it answers a key press (End)', linkChars: link.length, runs };
}

/** (j) Each lesson from the Lessons dialog on the default page, until its narration shows. */
export async function measureLessons(browser: Browser, base: string, repeats: number): Promise<SlowSpotResult[]> {
  const out: SlowSpotResult[] = [];
  for (const lesson of LESSONS) {
    const runs: Timing[] = [];
    const heading = `Lesson ${lesson.number}: ${lesson.title}`;
    for (let i = 0; i < repeats; i++) {
      const { page, close } = await freshPage(browser);
      try {
        await markLessonPick(page, base, lesson.title);
        runs.push(await timeInPage(page, { click: '[data-bench-pick]' }, { text: heading }));
      } finally {
        await close();
      }
    }
    out.push(summarise(`lesson ${lesson.number}, ${lesson.title} (${lesson.scenario.steps.length} steps)`, runs));
  }
  return out;
}
