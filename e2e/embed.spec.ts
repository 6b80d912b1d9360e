// `?embed` in a course page's iframe: the ring's key label stays readable.
// The ring is an SVG scaled to the frame, so its label is measured as drawn.

import { expect, test } from '@playwright/test';
import { linkOf, DEFAULT_JSON } from './helpers';

test('in a 480×360 iframe the key label is drawn at least 14 px tall', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.setContent(`<iframe src="${baseURL}/?embed${linkOf(DEFAULT_JSON)}" width="480" height="360" style="border:0"></iframe>`);
  const frame = page.frameLocator('iframe');
  const label = frame.locator('.key-tick text');
  await expect(label).toHaveText('cart');
  const drawn = await label.evaluate((text) => {
    const svg = (text as SVGTextElement).ownerSVGElement!;
    // Screen pixels per user unit, times the label's font size in user units.
    const scale = svg.getScreenCTM()!.a;
    return { fontPx: parseFloat(getComputedStyle(text).fontSize) * scale, boxPx: text.getBoundingClientRect().height, ringPx: svg.getBoundingClientRect().width };
  });
  expect(drawn.ringPx, 'the ring is small in this frame').toBeLessThan(360);
  expect(drawn.fontPx).toBeGreaterThanOrEqual(14);
  expect(drawn.boxPx).toBeGreaterThanOrEqual(14);
});

test('on a full page the embed keeps the ring’s own label size', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto(`/?embed${linkOf(DEFAULT_JSON)}`);
  const label = page.locator('.key-tick text');
  await expect(label).toHaveText('cart');
  // 30 user units when that is already more than 14 px on screen.
  expect(await label.evaluate((text) => parseFloat(getComputedStyle(text).fontSize))).toBe(30);
});
