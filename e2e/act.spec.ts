// Acting at the end of a run: the new step comes after everything that had
// happened, so nothing already delivered is shown in flight again.

import { expect, test } from '@playwright/test';
import { button, cli, DEFAULT_JSON, openDefault, timelineValue } from './helpers';

test('Kill at the end of the default run leaves the Timeline after every event and the kill, with nothing in flight', async ({ page }) => {
  const { events } = cli(DEFAULT_JSON);
  await openDefault(page);
  await page.keyboard.press('End');
  await expect.poll(() => timelineValue(page)).toBe(events);
  await expect(page.locator('.msg-canvas')).toHaveAttribute('data-count', '0');

  await button(page, 'Node n3, up').click();
  await button(page, 'Kill n3').click();
  await expect(button(page, 'Node n3, down')).toHaveCount(1);
  // One more event (the kill) after all of the old run's: not one back.
  await expect.poll(() => timelineValue(page)).toBe(events + 1);
  await expect(page.locator('.msg-canvas')).toHaveAttribute('data-count', '0');
});
