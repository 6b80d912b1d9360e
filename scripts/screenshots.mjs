#!/usr/bin/env node
// `node scripts/screenshots.mjs [--out docs/screenshots] [--url URL] [--dist DIR] [--only NAME]`
//
// Screenshots of the main states of the page (shared/UI.md, "Judge it by
// looking"), at 1280×720 (what a projector shows: the viewport) and on a
// phone (390×844, the whole page as it stacks):
//
//   idle-ring          the default scenario before anything happened
//   write-in-flight    the default write, W messages half way along their chords
//   node-down-hints    n3 is down; the node holding the hint for n3 is inspected
//   merkle-session     an anti-entropy session between n2 and n5, Merkle tab
//   stale-read         n3 answered an R = 1 read from its stale copy
//   machine-tab        the Machine tab: the write at 105 ms, its statechart
//   staleness-explorer the Staleness explorer with its first curve
//
// Files: <out>/<state>-desktop.png, <out>/<state>-phone.png (the phone's
// screen as it first shows) and <out>/<state>-phone-full.png (the whole page;
// the time strip, fixed to the screen's bottom, is drawn where the screen's
// bottom was).
//
// Two more, each at its own size, show a lesson as a class and a student see
// it: lesson 2 at its question ("predict, then reveal")
//
//   presenter-1920     presenter mode at 1920×1080: the narration as a caption
//                      under the ring, the question, its answers and the
//                      Request table in type a room can read
//   lesson-phone       on a phone (390×844): the narration as a bottom sheet
//                      under the ring, the question and its answers
//
// Scenarios are written here as JSON and turned into share links by the
// project's own CLI (`npm run --silent sim -- - --print-url`, contract 2),
// so the script follows the link format wherever it goes. It serves the built
// app with `vite preview` on a free port, building dist/ first when it is
// missing or older than the sources; --url uses a running server instead,
// --dist serves another build directory as it is. The browser rule is
// playwright.config.ts's: $CHROMIUM_PATH, then /usr/bin/chromium, else
// Playwright's bundled Chromium.
//
// Rerun it after UI changes. Plain Node ESM; no dependencies beyond the project's.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const isWindows = process.platform === 'win32';

// ---------- arguments ----------

/** @param {string[]} argv @returns {{ out: string; url: string | null; dist: string | null; only: string | null }} */
function parseArgs(argv) {
  /** @type {{ out: string; url: string | null; dist: string | null; only: string | null }} */
  const o = { out: join(root, 'docs', 'screenshots'), url: null, dist: null, only: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--out') o.out = resolve(value());
    else if (a === '--url') o.url = value();
    else if (a === '--dist') o.dist = value();
    else if (a === '--only') o.only = value();
    else throw new Error(`unknown argument "${a}"`);
  }
  return o;
}

// ---------- scenarios ----------

/**
 * n3 (a home replica of "cart") dies; the next write leaves a hint for it;
 * n3 comes back and answers an R = 1 read from its own stale copy before the
 * hint is replayed; later n2 and n5 compare Merkle trees over a key loaded on
 * n2 only. The same as src/scenario/testing/richStory.ts (this script is
 * plain Node and cannot import TypeScript).
 */
const STORY = {
  version: 1,
  title: 'Hints, a stale read and a repair',
  cluster: { n: 3, w: 2, r: 1 },
  steps: [
    { at: 0, do: 'put', client: 'alice', key: 'cart', value: 'milk' },
    { at: 20, do: 'kill', node: 'n3' },
    { at: 100, do: 'put', client: 'alice', key: 'cart', value: 'eggs' },
    { at: 150, do: 'revive', node: 'n3' },
    { at: 152, do: 'get', client: 'bob', key: 'cart', coordinator: 'n3', r: 1 },
    { at: 400, do: 'load', node: 'n2', key: 'stray', value: 'x' },
    { at: 410, do: 'repair', nodes: ['n2', 'n5'] },
  ],
};

/** @param {object} scenario @returns {string} the `#s=…` fragment, from the CLI */
function linkOf(scenario) {
  const r = spawnSync(isWindows ? 'npm.cmd' : 'npm', ['run', '--silent', 'sim', '--', '-', '--print-url'], {
    cwd: root,
    input: JSON.stringify(scenario),
    encoding: 'utf8',
    shell: isWindows,
  });
  if (r.status !== 0) throw new Error(`the CLI refused a screenshot scenario: ${r.stderr}`);
  return r.stdout.trim();
}

// ---------- the page ----------

/** @typedef {import('@playwright/test').Page} Page */

/** @param {Page} page */
const timeline = (page) => page.getByRole('slider', { name: 'Timeline', exact: true });

/** @param {Page} page @returns {Promise<{ value: number; max: number; timeMs: number }>} */
async function position(page) {
  return timeline(page).evaluate((el) => {
    const input = /** @type {HTMLInputElement} */ (el);
    const text = el.getAttribute('aria-valuetext') ?? '';
    // "event 12 of 28, 110 ms" / "…, 12.5 s"
    const m = /([\d.]+)\s*(ms|s)\s*$/.exec(text);
    const timeMs = m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : NaN;
    return {
      value: Number(el.getAttribute('aria-valuenow') ?? input.value),
      max: Number(el.getAttribute('aria-valuemax') ?? input.max),
      timeMs,
    };
  });
}

/** Steps with → from the start to the last event at or before `ms` of virtual time. @param {Page} page @param {number} ms */
async function seekToTime(page, ms) {
  await page.evaluate(() => /** @type {HTMLElement | null} */ (document.activeElement)?.blur());
  await page.keyboard.press('Home');
  for (;;) {
    const here = await position(page);
    if (Number.isNaN(here.timeMs)) throw new Error('cannot read the virtual time from the Timeline (aria-valuetext)');
    if (here.value >= here.max) return;
    await page.keyboard.press('ArrowRight');
    const next = await position(page);
    if (next.timeMs > ms) {
      await page.keyboard.press('ArrowLeft');
      return;
    }
  }
}

/**
 * Activates a control as a click would, without Playwright's hit test: on a
 * phone whose page is wider than the screen, the mobile layout viewport
 * moves sticky bars and Playwright's pointer would land on something else.
 * These are screenshots, not tests of clicking.
 * @param {import('@playwright/test').Locator} control
 */
async function activate(control) {
  await control.evaluate((el) => /** @type {HTMLElement} */ (el).click());
}

/** @param {Page} page @param {string} name */
async function clickTab(page, name) {
  await activate(page.getByRole('tab', { name, exact: true }));
  // The Node, Merkle and Machine tabs load when first opened.
  await page.waitForFunction(() => !/^Loading/.test(document.querySelector('[role=tabpanel]')?.textContent ?? ''));
}

/** Selects the node whose inspector lists a hint held for `home`; returns its id or null. @param {Page} page @param {string} home */
async function selectHintHolder(page, home) {
  const names = await page.getByRole('button', { name: /^Node \S+, (up|down)$/ }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  for (const name of names) {
    await activate(page.getByRole('button', { name, exact: true }));
    await clickTab(page, 'Node');
    const text = await page.getByRole('tabpanel').first().innerText();
    if (new RegExp(`\\bfor ${home}\\b`).test(text)) return name.replace(/^Node (\S+),.*$/, '$1');
  }
  return null;
}

/**
 * The states. `setup` leaves the page as it should be photographed; it may
 * return notes (what looks incomplete or could not be arranged).
 * @type {{ name: string; link: () => string; setup: (page: Page, notes: string[]) => Promise<void>; clock?: boolean }[]}
 */
const STATES = [
  // The first two use the page without a link: the default scenario
  // (src/scenario/defaults.ts), a quorum write then a quorum read of "cart".
  {
    name: 'idle-ring',
    link: () => '',
    setup: async () => {},
  },
  {
    name: 'write-in-flight',
    link: () => '',
    // Virtual clock: playback advances exactly as far as asked, whatever the machine's load.
    clock: true,
    setup: async (page, notes) => {
      // Stop the page's clock, press Play, then let exactly 250 ms of frames
      // run: at ×1 (10 virtual ms per real second) the 5 ms hops are half way.
      const now = await page.evaluate(() => Date.now());
      await page.clock.pauseAt(now + 1000);
      await activate(page.getByRole('button', { name: 'Play', exact: true }));
      await page.clock.runFor(250);
      const glyphs = await page.evaluate(() => {
        const canvas = /** @type {HTMLCanvasElement | null} */ (document.querySelector('canvas[data-count]'));
        return canvas ? Number(canvas.dataset.count ?? 0) : document.querySelectorAll('svg .msg, svg [data-message]').length;
      });
      if (glyphs === 0) notes.push('no message glyph found on the ring (canvas[data-count] / svg .msg / [data-message])');
    },
  },
  {
    name: 'node-down-hints',
    link: () => linkOf(STORY),
    setup: async (page, notes) => {
      await seekToTime(page, 120);
      const holder = await selectHintHolder(page, 'n3');
      if (!holder) {
        notes.push('no node lists a hint for n3 in its inspector; n3 is inspected instead');
        await activate(page.getByRole('button', { name: /^Node n3, / }));
      }
    },
  },
  {
    name: 'merkle-session',
    link: () => linkOf(STORY),
    setup: async (page, notes) => {
      await seekToTime(page, 416);
      await clickTab(page, 'Merkle');
      const text = await page.getByRole('tabpanel').first().innerText();
      if (!/n2|n5/.test(text)) notes.push(`the Merkle tab names neither replica of the session: "${text.slice(0, 120)}"`);
    },
  },
  {
    name: 'machine-tab',
    link: () => linkOf(STORY),
    setup: async (page, notes) => {
      await seekToTime(page, 105);
      await activate(page.getByRole('button', { name: /^Node n2, / }));
      await clickTab(page, 'Machine');
      await page.locator('.machine-chart').waitFor();
      const text = await page.getByRole('tabpanel').first().innerText();
      if (!/State:/.test(text)) notes.push(`the Machine tab shows no state: "${text.slice(0, 120)}"`);
    },
  },
  {
    name: 'staleness-explorer',
    link: () => linkOf(STORY),
    setup: async (page, notes) => {
      const menu = page.getByRole('button', { name: 'Menu', exact: true });
      if (await menu.isVisible()) await activate(menu);
      await activate(page.getByRole('button', { name: 'Staleness explorer', exact: true }));
      // Let the first configuration's trials stream in.
      await page.waitForTimeout(2500);
      if ((await page.locator('svg path').count()) === 0) notes.push('the explorer drew no curve');
    },
  },
  {
    name: 'stale-read',
    link: () => linkOf(STORY),
    setup: async (page, notes) => {
      await seekToTime(page, 152);
      await clickTab(page, 'Request');
      const text = await page.getByRole('tabpanel').first().innerText();
      if (!/stale/i.test(text)) notes.push(`the Request tab does not say "stale": "${text.slice(0, 120)}"`);
    },
  },
];

/** Opens lesson `number` the way a person does: Lessons (behind Menu on a
 * phone), then the lesson's button. @param {Page} page @param {number} number */
async function openLesson(page, number) {
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  if (await menu.isVisible()) await activate(menu);
  await activate(page.getByRole('button', { name: 'Lessons', exact: true }));
  await activate(page.getByRole('dialog', { name: 'Lessons', exact: true }).getByRole('button', { name: new RegExp(`^${number}\\. `) }));
  await page.locator('.lesson').waitFor();
}

/** Moves a lesson on with PageDown (at the fastest speed, so each stage
 * arrives at once) until it shows stage `stage` (1-based). @param {Page} page @param {number} stage */
async function toLessonStage(page, stage) {
  const speed = page.getByRole('slider', { name: 'Speed', exact: true });
  await speed.focus();
  await speed.press('End');
  await page.evaluate(() => /** @type {HTMLElement | null} */ (document.activeElement)?.blur());
  const progress = page.locator('.lesson-progress');
  for (let i = 0; i < 20 && !(await progress.innerText()).startsWith(`stage ${stage} of`); i++) {
    await page.keyboard.press('PageDown');
    await page.waitForTimeout(400);
  }
  if (!(await progress.innerText()).startsWith(`stage ${stage} of`)) throw new Error(`the lesson did not reach stage ${stage}: ${await progress.innerText()}`);
}

/**
 * Lesson shots, each at its own screen size.
 * @type {{ name: string; context: import('@playwright/test').BrowserContextOptions; setup: (page: Page, notes: string[]) => Promise<void> }[]}
 */
const LESSON_SHOTS = [
  {
    name: 'presenter-1920',
    context: { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 },
    setup: async (page, notes) => {
      await openLesson(page, 2);
      await page.keyboard.press('p');
      await toLessonStage(page, 3);
      if ((await page.locator('.presenter-caption').count()) === 0) notes.push('no presenter caption');
      if ((await page.locator('.predict').count()) === 0) notes.push('no question on this stage');
    },
  },
  {
    name: 'lesson-phone',
    context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    setup: async (page, notes) => {
      await openLesson(page, 2);
      await toLessonStage(page, 3);
      if ((await page.locator('.predict').count()) === 0) notes.push('no question on this stage');
    },
  },
];

const VIEWS = [
  { suffix: 'desktop', context: { viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 }, fullPage: false },
  { suffix: 'phone', context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }, fullPage: false },
  { suffix: 'phone-full', context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }, fullPage: true },
];

// ---------- serving ----------

/** @param {string} path @returns {number} */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildIsStale() {
  const built = join(root, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json'];
  return Math.max(...inputs.map((p) => newestMtime(join(root, p)))) > statSync(built).mtimeMs;
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

/** @param {{ url: string | null; dist: string | null }} opts @returns {Promise<{ url: string; stop: () => void }>} */
async function serve(opts) {
  if (opts.url) return { url: opts.url.endsWith('/') ? opts.url : `${opts.url}/`, stop: () => {} };
  let outDir = opts.dist;
  if (!outDir) {
    outDir = 'dist';
    if (buildIsStale()) {
      console.log('dist/ is missing or older than the sources: building (npx vite build)');
      const r = spawnSync(isWindows ? 'npx.cmd' : 'npx', ['vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: isWindows });
      if (r.status !== 0) throw new Error('vite build failed');
    }
  }
  const port = await freePort();
  const vite = join(root, 'node_modules', '.bin', isWindows ? 'vite.cmd' : 'vite');
  const child = spawn(vite, ['preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: 'ignore',
    detached: !isWindows,
    shell: isWindows,
  });
  const stop = () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    try {
      if (isWindows) child.kill();
      else process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('exit', stop);
  const url = `http://127.0.0.1:${port}/`;
  const start = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited early (code ${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() - start > 60_000) throw new Error(`vite preview did not answer at ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop };
}

// ---------- main ----------

const SYSTEM_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  mkdirSync(opts.out, { recursive: true });
  const states = STATES.filter((s) => opts.only === null || s.name === opts.only);
  const lessonShots = LESSON_SHOTS.filter((s) => opts.only === null || s.name === opts.only);
  if (states.length + lessonShots.length === 0) throw new Error(`no state named "${opts.only}"; known: ${[...STATES, ...LESSON_SHOTS].map((s) => s.name).join(', ')}`);
  const links = new Map(states.map((s) => [s.name, s.link()]));

  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
  const { url, stop } = await serve(opts);
  const browser = await chromium.launch(executablePath ? { executablePath, args: SYSTEM_CHROMIUM_ARGS } : {});
  let problems = 0;
  /** @type {{ file: string; context: import('@playwright/test').BrowserContextOptions; link: string; setup: (page: Page, notes: string[]) => Promise<void>; fullPage: boolean; clock: boolean }[]} */
  const jobs = [
    ...states.flatMap((state) =>
      VIEWS.map((view) => ({
        file: `${state.name}-${view.suffix}.png`,
        context: view.context,
        link: links.get(state.name) ?? '',
        setup: state.setup,
        fullPage: view.fullPage,
        clock: !!state.clock,
      })),
    ),
    ...lessonShots.map((shot) => ({ file: `${shot.name}.png`, context: shot.context, link: '', setup: shot.setup, fullPage: false, clock: false })),
  ];
  try {
    for (const job of jobs) {
      const context = await browser.newContext({ ...job.context, colorScheme: 'light', reducedMotion: 'no-preference' });
      const page = await context.newPage();
      /** @type {string[]} */
      const notes = [];
      try {
        if (job.clock) await page.clock.install();
        await page.goto(`${url}${job.link}`);
        await timeline(page).waitFor();
        if ((await page.getByRole('alert').count()) > 0) notes.push(`alert: ${await page.getByRole('alert').innerText()}`);
        await job.setup(page, notes);
        // Let the last state change paint.
        if (!job.clock) await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const file = join(opts.out, job.file);
        await page.screenshot({ path: file, fullPage: job.fullPage, animations: job.clock ? 'allow' : 'disabled' });
        // The explorer replaces the run's views: there is no Timeline to read.
        const here = (await timeline(page).count()) > 0 ? await position(page) : null;
        const where = here ? `  (event ${here.value} of ${here.max}${Number.isNaN(here.timeMs) ? '' : `, ${here.timeMs} ms`})` : '';
        console.log(`${file}${where}${notes.length ? `\n    note: ${notes.join('\n    note: ')}` : ''}`);
      } catch (e) {
        problems++;
        console.error(`${job.file}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    stop();
  }
  if (problems > 0) process.exitCode = 1;
}

main().catch((e) => {
  console.error(`screenshots: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
