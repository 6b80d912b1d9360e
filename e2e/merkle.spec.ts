import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_SCENARIO, encodeScenario } from '../src/scenario';
import type { SimScenario } from '../src/sim/types';

// Two replicas of the same key ranges, n3 and n4, agree on fig and kiwi; only
// n3 holds cart. One anti-entropy session between them finds the one leaf
// that differs and syncs cart to n4.
function oneKeyApart(merkleDepth: number): string {
  const s = structuredClone<SimScenario>(DEFAULT_SCENARIO);
  s.title = 'One key apart';
  s.cluster.antiEntropy.merkleDepth = merkleDepth;
  s.steps = [
    { at: 0, do: 'load', node: 'n3', key: 'cart', value: 'milk' },
    { at: 0, do: 'load', node: 'n3', key: 'fig', value: 'ripe' },
    { at: 0, do: 'load', node: 'n4', key: 'fig', value: 'ripe' },
    { at: 0, do: 'load', node: 'n3', key: 'kiwi', value: 'green' },
    { at: 0, do: 'load', node: 'n4', key: 'kiwi', value: 'green' },
    { at: 10, do: 'repair', nodes: ['n3', 'n4'] },
  ];
  return encodeScenario(s);
}

async function toEnd(page: Page) {
  const timeline = page.getByRole('slider', { name: 'Timeline' });
  await timeline.focus();
  await page.keyboard.press('End');
}

test('a repair marks the differing leaf and names the key it synced', async ({ page }) => {
  await page.goto(`/${oneKeyApart(4)}`);
  await expect(page.getByRole('slider', { name: 'Timeline' })).toHaveValue('0');
  await toEnd(page);
  await page.getByRole('tab', { name: 'Merkle' }).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('heading', { name: 'Anti-entropy n3 ↔ n4: finished — synced 1 key: 1 to n4' })).toBeVisible();
  const leaves = panel.getByRole('region', { name: 'Differing leaves' });
  await expect(leaves.getByRole('listitem')).toHaveCount(1);
  await expect(leaves.getByRole('listitem')).toContainText(/Leaf \d+ of 16 in key range 2 differs — keys in it: cart/);
  await expect(leaves).toContainText('Synced: cart → n4');
  // 9 of the 10 hashes are in cart's range; the 10th was the other shared range's root.
  await expect(panel.getByRole('img', { name: "n3's tree: 9 nodes compared, 1 differing leaf" })).toBeVisible();
  await expect(panel.getByRole('img', { name: "n4's tree: 9 nodes compared, 1 differing leaf" })).toBeVisible();
  await expect(panel.locator('.hash-counter')).toContainText('Hashes compared: 10');
  await expect(page.getByRole('region', { name: 'Metrics' }).getByRole('definition').nth(6)).toHaveText('10');
});

test('levels light up as the hash messages arrive', async ({ page }) => {
  await page.goto(`/${oneKeyApart(4)}`);
  const step = page.getByRole('button', { name: 'Step forward', exact: true });
  // Six load/repair steps: the sixth event starts the session and sends the roots.
  for (let i = 0; i < 6; i++) await step.click();
  await expect(page.getByRole('tabpanel')).toContainText('Anti-entropy n3 ↔ n4 is running');
  await page.getByRole('tab', { name: 'Merkle' }).click();
  const log = page.getByRole('tabpanel').getByRole('region', { name: 'Message log' });
  await expect(log.getByRole('listitem')).toHaveText(['n3 → n4: 2 root hashes — on its way']);
  await step.click();
  await expect(log.getByRole('listitem').first()).toHaveText('n3 → n4: 2 root hashes — 1 differs');
  await expect(log.getByRole('listitem').nth(1)).toHaveText('n4 → n3: 2 level-1 hashes — on its way');
});

test('with 2^16 leaves per tree it draws only the path to the difference', async ({ page }) => {
  await page.goto(`/${oneKeyApart(16)}`);
  await toEnd(page);
  await page.getByRole('tab', { name: 'Merkle' }).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('region', { name: 'Differing leaves' })).toContainText(/of 65,536 in key range 2 differs — keys in it: cart/);
  await expect(panel.locator('.hash-counter')).toContainText('a flat scan would compare 131,072 leaf hashes');
  expect(await panel.locator('svg[role="img"]').first().locator('g.mnode').count()).toBeLessThan(40);
});
