// Helpers for the layout specs (room.spec.ts, phone.spec.ts): what is drawn
// where, measured the way a viewer sees it.

import type { Page } from '@playwright/test';

/** The key's label on the main ring as drawn, in CSS px: its SVG font size
 *  scaled by the ring's pixels per user unit. */
export async function keyLabelPx(page: Page): Promise<number> {
  return page.locator('.stage .key-tick text').first().evaluate((el) => {
    const svg = (el as SVGTextElement).ownerSVGElement!;
    return (parseFloat(getComputedStyle(el).fontSize) * svg.getBoundingClientRect().width) / svg.viewBox.baseVal.width;
  }).then((px) => Math.round(px * 100) / 100); // to 1/100 px: the scale's floating point is no size
}
