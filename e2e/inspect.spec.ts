import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_SCENARIO, encodeScenario } from '../src/scenario';
import type { SimScenario } from '../src/sim/types';

// The default scenario at / : alice puts cart = "milk" (coordinator n3, home
// replicas n3, n4, n1), then bob reads it. These specs drive the page by the
// accessible names of contract 3.

async function toEnd(page: Page) {
  const timeline = page.getByRole('slider', { name: 'Timeline' });
  await timeline.focus();
  await page.keyboard.press('End');
  await expect(timeline).toHaveValue(await timeline.getAttribute('max') ?? '');
}

test('the Node tab shows what a home replica of cart stores, with its version', async ({ page }) => {
  await page.goto('/');
  await toEnd(page);
  await page.getByRole('button', { name: 'Node n3, up', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Node' })).toHaveAttribute('aria-selected', 'true');
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('heading', { name: 'n3 is up' })).toBeVisible();
  const row = panel.getByRole('row').filter({ hasText: 'cart' });
  await expect(row.getByRole('cell').nth(1)).toHaveText('milk');
  await expect(row.getByRole('cell').nth(2)).toHaveText('ts 0 ms');
  await expect(panel.getByRole('columnheader', { name: /^Version: timestamp/ })).toBeVisible();
});

test('Kill nX turns its ring button into "Node nX, down"', async ({ page }) => {
  await page.goto('/');
  await toEnd(page);
  await page.getByRole('button', { name: 'Node n4, up', exact: true }).click();
  await page.getByRole('button', { name: 'Kill n4', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Node n4, down', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Node n4, up', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Revive n4', exact: true })).toBeEnabled();
  await expect(page.getByRole('tabpanel').getByRole('heading', { name: 'n4 is down' })).toBeVisible();
});

test('a put sent with the Operations form shows up in the Request tab', async ({ page }) => {
  await page.goto('/');
  await toEnd(page);
  const ops = page.getByRole('region', { name: 'Operations' });
  await ops.getByLabel('Client', { exact: true }).fill('carol');
  await ops.getByLabel('Request key', { exact: true }).fill('book');
  await ops.getByLabel('Value (for Put)', { exact: true }).fill('dune');
  await ops.getByRole('button', { name: 'Put', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Request' })).toHaveAttribute('aria-selected', 'true');
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('heading', { name: /put book = "dune"/ })).toBeVisible();
  await expect(panel).toContainText('client carol');
  await expect(panel.getByRole('button', { name: /carol put book: pending/ })).toBeVisible();
  await toEnd(page);
  await expect(panel.locator('.outcome')).toHaveText('2 of 3 acks: W = 2 is met');
  await expect(panel.getByRole('button', { name: /carol put book: acknowledged/ })).toBeVisible();
});

test('an oversized value is refused beside its field', async ({ page }) => {
  await page.goto('/');
  const ops = page.getByRole('region', { name: 'Operations' });
  await ops.getByLabel('Value (for Put)', { exact: true }).fill('x'.repeat(1025));
  await expect(ops.getByRole('alert')).toHaveText('The value is 1025 bytes; the limit is 1024 bytes (1 KB).');
  const before = await page.getByRole('slider', { name: 'Timeline' }).getAttribute('max');
  await ops.getByRole('button', { name: 'Put', exact: true }).click();
  await expect(page.getByRole('slider', { name: 'Timeline' })).toHaveAttribute('max', before ?? '');
});

test.describe('axe on the explain tabs and the Operations form', () => {
  const stale = (): string => {
    const s = structuredClone<SimScenario>(DEFAULT_SCENARIO);
    s.steps = [
      { at: 0, do: 'put', client: 'alice', key: 'cart', value: 'milk' },
      { at: 20, do: 'kill', node: 'n1' },
      { at: 80, do: 'put', client: 'alice', key: 'cart', value: 'eggs' },
      { at: 150, do: 'revive', node: 'n1' },
      { at: 155, do: 'get', client: 'bob', key: 'cart', coordinator: 'n1', r: 1 },
      { at: 160, do: 'kill', node: 'n4' },
      { at: 170, do: 'repair', nodes: ['n3', 'n1'] },
    ];
    return encodeScenario(s);
  };

  for (const scheme of ['light', 'dark'] as const) {
    test(`Request, Node and Merkle tabs (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`/${stale()}`);
      await toEnd(page);
      await expectNoSeriousViolations(page, `request, ${scheme}`);
      await page.getByRole('button', { name: 'Node n4, down', exact: true }).click();
      await expectNoSeriousViolations(page, `node down, ${scheme}`);
      await page.getByRole('tab', { name: 'Merkle' }).click();
      await expectNoSeriousViolations(page, `merkle, ${scheme}`);
      await page.getByRole('region', { name: 'Operations' }).getByLabel('W or R (optional)').fill('9');
      await page.getByRole('region', { name: 'Operations' }).getByRole('button', { name: 'Put', exact: true }).click();
      await expect(page.getByRole('region', { name: 'Operations' }).getByRole('alert')).toHaveText('W must be a whole number from 1 to N = 3.');
      await expectNoSeriousViolations(page, `operations error, ${scheme}`);
    });
  }
});

async function expectNoSeriousViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include('.explain').include('.operations').analyze();
  const found = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? ''}`));
  expect(found, `axe (${label})`).toEqual([]);
}
