// The first view's JavaScript stays under 200 KB gzipped: the scripts the
// default page fetches before it shows the ring, measured as served from
// dist/ and gzipped here. The Machine tab and its graph layout library
// (dagre) are not among them: they arrive when the tab is first opened.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { nodeButtons, ROOT } from './helpers';

const BUDGET_BYTES = 200 * 1024;

function gzipped(url: string): number {
  const path = new URL(url).pathname.replace(/^\//, '');
  return gzipSync(readFileSync(join(ROOT, 'dist', path))).length;
}

test('the first view loads under 200 KB of gzipped JavaScript; the Machine tab and dagre come later', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto('/');
  await expect(nodeButtons(page).first()).toBeVisible();
  const first = [...new Set(scripts)];
  const total = first.reduce((sum, url) => sum + gzipped(url), 0);
  console.log(`first view: ${first.map((u) => `${u.split("/").pop()!} ${(gzipped(u) / 1024).toFixed(1)} KB`).join(", ")}; ${(total / 1024).toFixed(1)} KB gzipped`);
  expect(total).toBeLessThan(BUDGET_BYTES);
  expect(first.some((u) => /MachineView/.test(u))).toBe(false);
  const firstText = first.map((u) => readFileSync(join(ROOT, 'dist', new URL(u).pathname.replace(/^\//, '')), 'utf8')).join('\n');
  // dagre's own error text: its code is not in the first view.
  expect(firstText.includes('dagre')).toBe(false);

  await page.getByRole('tab', { name: 'Machine', exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Machine of' })).toBeVisible();
  expect(scripts.slice(first.length).some((u) => /MachineView/.test(u))).toBe(true);
});
