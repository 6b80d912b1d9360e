// Accessibility: axe on the main states, the keyboard path through the
// page, and reduced motion.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import {
  RICH_JSON,
  blurAll,
  button,
  cli,
  expectTimeline,
  nodeButtons,
  openDefault,
  openScenario,
  playToEnd,
  timeline,
  timelineMax,
  timelineValue,
} from './helpers';

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** Serious and critical violations, one readable line per offending element. */
function serious(results: AxeResults): string[] {
  const lines: string[] = [];
  for (const v of results.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    for (const node of v.nodes) {
      lines.push(`[${v.impact}] ${v.id}: ${v.help} — ${node.target.join(' ')}\n    ${node.failureSummary?.replace(/\n/g, '\n    ') ?? ''}`);
    }
  }
  return lines;
}

async function expectNoSeriousViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = serious(results);
  if (found.length > 0) console.log(`axe (${label}):\n${found.join('\n')}`);
  expect(found, `axe: serious or critical violations (${label})`).toEqual([]);
}

test.describe('axe', () => {
  test('the default page', async ({ page }) => {
    await openDefault(page);
    await expectNoSeriousViolations(page, 'default page');
  });

  test('with a node selected (inspector open)', async ({ page }) => {
    await openDefault(page);
    await button(page, 'Node n3, up').click();
    await expect(button(page, 'Kill n3')).toBeVisible();
    await page.keyboard.press('End');
    await expectNoSeriousViolations(page, 'node selected, at the end');
  });

  test('mid-run of a scenario with a dead node and hints', async ({ page }) => {
    await openScenario(page, RICH_JSON);
    // Step until n3 is down, then inspect it.
    for (let i = 0; i < 40 && (await button(page, 'Node n3, down').count()) === 0; i++) await page.keyboard.press('ArrowRight');
    await button(page, 'Node n3, down').click();
    await expectNoSeriousViolations(page, 'n3 down');
  });

  test('with the Shortcuts dialog open', async ({ page }) => {
    await openDefault(page);
    await blurAll(page);
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expectNoSeriousViolations(page, 'shortcuts dialog');
  });

  test('after a bad link (alert shown)', async ({ page }) => {
    await page.goto('/#s=garbage!!');
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoSeriousViolations(page, 'alert');
  });
});

test.describe('keyboard', () => {
  /** Tabs through the page (until focus comes back round) and returns what received focus, with its focus ring. */
  async function tabThrough(page: Page, limit = 300) {
    const seen: { role: string; name: string; outline: string; ring: boolean }[] = [];
    await page.evaluate(() => {
      (window as unknown as { __tabbed: Set<Element> }).__tabbed = new Set();
    });
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const tabbed = (window as unknown as { __tabbed: Set<Element> }).__tabbed;
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        if (tabbed.has(el)) return 'again' as const;
        tabbed.add(el);
        const s = getComputedStyle(el);
        const outlineWidth = parseFloat(s.outlineWidth) || 0;
        const ring = s.outlineStyle !== 'none' && outlineWidth > 0;
        const role = el.getAttribute('role') ?? (el instanceof HTMLInputElement && el.type === 'range' ? 'slider' : el.tagName.toLowerCase());
        const labelled = el.getAttribute('aria-labelledby');
        const byLabel = labelled ? document.getElementById(labelled)?.textContent : undefined;
        const byLabelElement = el instanceof HTMLInputElement || el instanceof HTMLSelectElement ? el.labels?.[0]?.textContent : undefined;
        const name = el.getAttribute('aria-label') ?? byLabel ?? byLabelElement ?? el.textContent ?? '';
        return { role, name: name.trim(), outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, ring };
      });
      if (info === 'again') break; // came back round
      if (info) seen.push(info);
    }
    return seen;
  }

  test('Tab reaches Play, the Timeline and every node, each with a visible focus ring', async ({ page }) => {
    await openDefault(page);
    const seen = await tabThrough(page);
    const find = (pred: (s: (typeof seen)[number]) => boolean, what: string) => {
      const hit = seen.find(pred);
      expect(hit, `Tab never reached ${what}; reached: ${seen.map((s) => `${s.role} "${s.name}"`).join(', ')}`).toBeDefined();
      expect(hit!.ring, `${what} has no visible focus ring (outline: ${hit!.outline})`).toBe(true);
      expect(hit!.outline.startsWith('none'), `${what}: outline style is none`).toBe(false);
    };
    find((s) => s.name === 'Play', 'Play');
    find((s) => s.role === 'slider' && s.name === 'Timeline', 'the Timeline');
    for (const id of ['n1', 'n2', 'n3', 'n4', 'n5']) find((s) => /^Node /.test(s.name) && s.name.startsWith(`Node ${id},`), `Node ${id}`);
  });

  test('? opens the shortcuts list; Escape closes it', async ({ page }) => {
    await openDefault(page);
    await blurAll(page);
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Space');
    await expect(dialog).toContainText(/Home/);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('? also works while a node button has focus', async ({ page }) => {
    await openDefault(page);
    await nodeButtons(page).first().focus();
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog')).toBeVisible();
  });

  /**
   * Whether playback is running: while playing, virtual time advances every
   * frame, and the Timeline's accessible value text (or its value) changes.
   */
  async function moving(page: Page, ms = 800): Promise<boolean> {
    const read = () =>
      timeline(page).evaluate((el) => `${el.getAttribute('aria-valuetext') ?? ''}|${el.getAttribute('aria-valuenow') ?? (el as HTMLInputElement).value}`);
    const a = await read();
    await page.waitForTimeout(ms);
    return (await read()) !== a;
  }

  test('Space toggles play when focus is on no control', async ({ page }) => {
    await openScenario(page, RICH_JSON);
    await blurAll(page);
    expect(await moving(page), 'playing before Space').toBe(false);
    await page.keyboard.press('Space');
    await expect.poll(() => timelineValue(page), { message: 'Space started playback' }).toBeGreaterThan(0);
    expect(await moving(page), 'Space started playback').toBe(true);
    await page.keyboard.press('Space');
    const v = await timelineValue(page);
    expect(await moving(page), 'Space paused playback').toBe(false);
    expect(v).toBeLessThan(await timelineMax(page));
    await page.keyboard.press('Space');
    expect(await moving(page), 'Space resumed playback').toBe(true);
  });

  test('Space toggles play while the Timeline slider has focus (a slider is not a button)', async ({ page }) => {
    await openScenario(page, RICH_JSON);
    await timeline(page).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => timelineValue(page), { message: 'Space on the Timeline started playback' }).toBeGreaterThan(0);
    expect(await moving(page), 'Space on the Timeline started playback').toBe(true);
    await page.keyboard.press('Space');
    expect(await moving(page), 'Space on the Timeline paused playback').toBe(false);
  });

  test('Space on a focused button activates that button, not the toggle', async ({ page }) => {
    await openScenario(page, RICH_JSON);
    await button(page, 'Step forward').focus();
    await page.keyboard.press('Space');
    await expectTimeline(page, 1);
    expect(await moving(page, 600)).toBe(false);
  });

  test('the whole run is reachable by keyboard alone: End, then Home', async ({ page }) => {
    await openScenario(page, RICH_JSON);
    await blurAll(page);
    await page.keyboard.press('End');
    await expectTimeline(page, cli(RICH_JSON).events);
    await page.keyboard.press('Home');
    await expectTimeline(page, 0);
  });
});

/**
 * Plays the default scenario at ×1 and counts how many different pictures
 * of the messages the page shows over ~40 frames (0.7 s of real time, 7 ms
 * of virtual time: two events). Glyphs that glide change the picture every
 * frame; glyphs that jump change it only when an event applies. Works with
 * glyphs drawn on a canvas (`canvas[data-count]`, hashed pixels) or as SVG
 * elements (`svg .msg` / `[data-message]`, their positions).
 */
async function messagePictures(page: Page): Promise<{ pictures: number; glyphs: number }> {
  await openDefault(page);
  await button(page, 'Step forward').click();
  await button(page, 'Play').click();
  return page.evaluate(
    () =>
      new Promise<{ pictures: number; glyphs: number }>((resolve) => {
        const seen = new Set<string>();
        let glyphs = 0;
        let frames = 0;
        const picture = (): string => {
          const canvas = document.querySelector<HTMLCanvasElement>('canvas[data-count]');
          if (canvas) {
            glyphs = Math.max(glyphs, Number(canvas.dataset.count ?? 0));
            const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
            let h = 0;
            if (data) for (let i = 3; i < data.length; i += 16) h = (Math.imul(h, 31) + data[i]! + i) | 0;
            return String(h);
          }
          const els = [...document.querySelectorAll('svg .msg, svg [data-message]')];
          glyphs = Math.max(glyphs, els.length);
          return els.map((el) => {
            const r = el.getBoundingClientRect();
            return `${Math.round(r.x)},${Math.round(r.y)}`;
          }).join(';');
        };
        const sample = () => {
          seen.add(picture());
          if (++frames < 40) requestAnimationFrame(sample);
          else resolve({ pictures: seen.size, glyphs });
        };
        requestAnimationFrame(sample);
      }),
  );
}

test.describe('motion', () => {
  test('messages glide along their chords (normal motion)', async ({ page }) => {
    const { pictures, glyphs } = await messagePictures(page);
    expect(glyphs, 'no message glyphs (canvas[data-count], svg .msg) seen while playing').toBeGreaterThan(0);
    expect(pictures, 'the messages did not move between frames').toBeGreaterThan(10);
  });
});

test.describe('reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('the page works: playback reaches the end, steps work, nothing animates', async ({ page }) => {
    await openScenario(page, RICH_JSON);
    expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
    await button(page, 'Step forward').click();
    await expectTimeline(page, 1);
    await button(page, 'Step back').click();
    await expectTimeline(page, 0);
    // Mid-flight: no CSS animation or transition runs (glyphs jump).
    await button(page, 'Play').click();
    await expect.poll(() => timelineValue(page)).toBeGreaterThan(2);
    const running = await page.evaluate(() =>
      document.getAnimations().filter((a) => a.playState === 'running').map((a) => (a instanceof CSSAnimation ? a.animationName : a instanceof CSSTransition ? a.transitionProperty : 'script')),
    );
    expect(running, 'animations running under prefers-reduced-motion').toEqual([]);
    await button(page, 'Pause').click();
    await playToEnd(page);
    expect(await timelineValue(page)).toBe(cli(RICH_JSON).events);
  });

  test('messages jump to their destination instead of gliding', async ({ page }) => {
    const { pictures, glyphs } = await messagePictures(page);
    expect(glyphs, 'no message glyphs (canvas[data-count], svg .msg) seen while playing').toBeGreaterThan(0);
    // Two events apply in the window (the W deliveries): a few pictures, not one per frame.
    expect(pictures, 'the messages changed nearly every frame: they glide under prefers-reduced-motion').toBeLessThanOrEqual(6);
  });
});

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the page does not scroll sideways (WCAG 1.4.10 reflow)', async ({ page }) => {
    await openDefault(page);
    const { scrollWidth, screenWidth, wide } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      screenWidth: window.visualViewport?.width ?? window.innerWidth,
      wide: [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > (window.visualViewport?.width ?? window.innerWidth) + 1)
        .slice(0, 6)
        .map((e) => `<${e.tagName.toLowerCase()} class="${e.getAttribute('class') ?? ''}"> right edge ${Math.round(e.getBoundingClientRect().right)} px`),
    }));
    expect(scrollWidth, `wider than the screen: ${wide.join('; ')}`).toBeLessThanOrEqual(screenWidth);
  });

  test('the time strip (Play, Timeline) is on screen when the page opens', async ({ page }) => {
    await openDefault(page);
    for (const control of [button(page, 'Play'), timeline(page)]) {
      const inView = await control.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const vv = window.visualViewport;
        const w = vv?.width ?? window.innerWidth;
        const h = vv?.height ?? window.innerHeight;
        return { ok: r.top >= 0 && r.left >= 0 && r.bottom <= h + 1 && r.right <= w + 1, rect: [r.left, r.top, r.right, r.bottom].map(Math.round), screen: [w, h] };
      });
      expect(inView.ok, `off screen: ${JSON.stringify(inView)}`).toBe(true);
    }
  });

  test('a tap on Play plays', async ({ page }) => {
    await openDefault(page);
    await button(page, 'Play').tap({ timeout: 5000 });
    await expect.poll(() => timelineValue(page)).toBeGreaterThan(0);
  });
});
