import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { encodeScenario, parseScenario } from '../src/scenario';

// A node holding 1,500 keys (issue 14, slow spots): the Node tab lists them a
// page at a time, and a person reaches any of them with the filter or the
// pages.

const KEYS = 1_500;
const keyName = (i: number) => `key${String(i).padStart(4, '0')}`;

function bigNodeLink(): string {
  const r = parseScenario({
    version: 1,
    steps: Array.from({ length: KEYS }, (_, i) => ({ at: 0, do: 'load', node: 'n1', key: keyName(i), value: `v${i}` })),
  });
  if (!r.ok) throw new Error(r.error);
  return encodeScenario(r.scenario);
}

test('the Node tab of a 1,500-key node lists a page, and the filter and the pages reach any key', async ({ page }) => {
  await page.goto(`/${bigNodeLink()}`);
  const timeline = page.getByRole('slider', { name: 'Timeline' });
  await timeline.focus();
  await page.keyboard.press('End');
  await expect(timeline).toHaveValue(String(KEYS));
  await page.getByRole('button', { name: 'Node n1, up', exact: true }).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('heading', { name: 'n1 is up' })).toBeVisible();
  await expect(panel.getByText(`Keys 1–50 of ${KEYS.toLocaleString('en')}.`)).toBeVisible();
  const keyRows = panel.locator('.keys-table tbody tr');
  await expect(keyRows).toHaveCount(50);
  await expect(keyRows.first().getByRole('cell').first()).toHaveText(keyName(0));

  await panel.getByRole('button', { name: 'Next 50 keys', exact: true }).click();
  await expect(keyRows.first().getByRole('cell').first()).toHaveText(keyName(50));
  await expect(panel.getByText(`Keys 51–100 of ${KEYS.toLocaleString('en')}.`)).toBeVisible();

  await panel.getByLabel('Filter keys').fill('1234');
  await expect(keyRows).toHaveCount(1);
  const row = keyRows.first();
  await expect(row.getByRole('cell').nth(0)).toHaveText('key1234');
  await expect(row.getByRole('cell').nth(1)).toHaveText('v1234');

  const axe = await new AxeBuilder({ page }).include('[role="tabpanel"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
