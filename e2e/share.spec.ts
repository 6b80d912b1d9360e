// Share links keep the selected node (`&node=n3`) beside the position, and
// links made before that still open as they did. A link broken in copying
// is announced in plain punctuation.

import { expect, test } from '@playwright/test';
import { decodeScenario } from '../src/scenario';
import { button, DEFAULT_JSON, linkOf, openScenario, parsed, timelineValue } from './helpers';

test('the address bar and Copy link carry the selected node, and opening the link selects it again', async ({ browser }) => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await openScenario(page, DEFAULT_JSON, 4);
  await button(page, 'Node n3, up').click();
  await expect(button(page, 'Kill n3')).toBeVisible();
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/&at=4&node=n3$/);

  await button(page, 'Copy link').click();
  await expect(page.getByRole('status').filter({ hasText: /copied/i })).toBeVisible();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(decodeScenario(url)).toEqual({ ok: true, scenario: parsed(DEFAULT_JSON), at: 4, node: 'n3' });

  const again = await context.newPage();
  await again.goto(url);
  await expect(button(again, 'Kill n3')).toBeVisible();
  await expect(button(again, 'Node n3, up')).toHaveClass(/\bselected\b/);
  expect(await timelineValue(again)).toBe(4);

  // A reload keeps it too.
  await again.reload();
  await expect(button(again, 'Kill n3')).toBeVisible();
  await context.close();
});

test('a link made before nodes were kept opens as before, with nothing selected', async ({ page }) => {
  await openScenario(page, DEFAULT_JSON, 4);
  expect(await timelineValue(page)).toBe(4);
  await expect(page.locator('button.node.selected')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Kill n/ })).toHaveCount(0);
});

test('a link naming a node the scenario lacks is refused with its reason', async ({ page }) => {
  await page.goto(`/${linkOf(DEFAULT_JSON, 4)}&node=n9`);
  await expect(page.getByRole('alert')).toContainText('"node" must name one of the scenario\'s nodes, the one to select (got "n9"). Showing the default scenario instead.');
});

test('a link changed in copying is announced as one question, not "copied?."', async ({ page }) => {
  await page.goto('/#s=abc%20def');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('was it changed when copied? Showing the default scenario instead.');
  await expect(alert).not.toContainText('?.');
});
