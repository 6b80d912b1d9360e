// Issue 13: a right-to-left override in user text (a key "\u202Etxt.exe",
// a value "\u202Eeggs") must not reverse the app's own sentence around it.
// Checked where the browser lays the sentence out: the words after the
// value (": stale") must still come after it as one reads.

import { expect, test } from '@playwright/test';
import { openScenario, timeline, type ScenarioJson } from './helpers';

const RLO = '\u202E';

const HOSTILE_STALE_READ: ScenarioJson = {
  version: 1,
  steps: [
    { at: 0, do: 'put', client: 'alice', key: `${RLO}txt.exe`, value: `${RLO}milk` },
    { at: 20, do: 'kill', node: 'n1' },
    { at: 80, do: 'put', client: 'alice', key: `${RLO}txt.exe`, value: `${RLO}eggs` },
    { at: 150, do: 'revive', node: 'n1' },
    { at: 155, do: 'get', client: 'bob', key: `${RLO}txt.exe`, coordinator: 'n1', r: 1 },
  ],
};

test('the Request view keeps its sentence in order around a value with a right-to-left override', async ({ page }) => {
  await openScenario(page, HOSTILE_STALE_READ);
  await timeline(page).focus();
  await page.keyboard.press('End');
  const outcome = page.locator('.outcome');
  await expect(outcome).toContainText('stale');
  // Each part's box; the sentence may wrap, so order is by line, then by x.
  const box = await outcome.evaluate((p) => {
    const text = p.firstChild as Text;
    const rect = (part: string) => {
      const i = text.data.indexOf(part);
      if (i < 0) throw new Error(`no ${JSON.stringify(part)} in ${JSON.stringify(text.data)}`);
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + part.length);
      const r = range.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left };
    };
    return { which: rect('which missed'), eggs: rect('eggs'), stale: rect(': stale') };
  });
  type Box = (typeof box)['which'];
  const readsBefore = (a: Box, b: Box) => a.bottom <= b.top || (Math.abs(a.top - b.top) < 2 && a.left < b.left);
  expect(readsBefore(box.which, box.eggs)).toBe(true);
  expect(readsBefore(box.eggs, box.stale)).toBe(true);
});
