// The scenario editor at scale (issue 13): 5,000 steps open and take
// keystrokes quickly, the windowed table stays a table that keyboard users
// can walk, and an unapplied draft is never dropped without asking.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { editorScenario, measureEditor, openByImport, timeEditorOpen } from './editorPerf';

const STEPS = 5_000;

const editor = (page: Page) => page.getByRole('dialog', { name: 'Edit scenario' });
const field = (page: Page, name: string) => editor(page).getByRole('textbox', { name, exact: true });
const prompt = (page: Page) => page.getByRole('alertdialog', { name: 'Discard your changes?' });

async function openEditor(page: Page, steps = STEPS): Promise<void> {
  await openByImport(page, editorScenario(steps));
  await timeEditorOpen(page);
}

/** The accessible name of whatever has focus. */
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

/** Whether leaving the page now would make the browser ask (a beforeunload listener that cancels). */
const leavingAsks = (page: Page) =>
  page.evaluate(() => {
    const e = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(e);
    return e.defaultPrevented;
  });

async function expectAxeClean(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `[${v.impact}] ${v.id}: ${v.help} — ${n.target.join(' ')}`));
  expect(serious, `axe (${label})`).toEqual([]);
}

test.describe('the scenario editor at 5,000 steps', () => {
  test.setTimeout(120_000);

  test('opens in under 3 s and takes a keystroke in under 200 ms', async ({ page }) => {
    const figures = await measureEditor(page, STEPS);
    console.log(`editor at ${STEPS} steps: ${JSON.stringify(figures)}`);
    expect(figures.openMs).toBeLessThan(3000);
    expect(figures.reopenMs).toBeLessThan(3000);
    expect(figures.stepKeyMedianMs).toBeLessThan(200);
    expect(figures.clusterKeyMedianMs).toBeLessThan(200);
  });

  test('draws only the rows in view, and the last row is a scroll away', async ({ page }) => {
    await openEditor(page);
    const table = editor(page).getByRole('table', { name: /^Steps/ });
    await expect(table).toHaveAttribute('aria-rowcount', String(STEPS + 1));
    const drawn = await editor(page).locator('tr.step').count();
    expect(drawn).toBeGreaterThan(3);
    expect(drawn).toBeLessThan(80);
    await editor(page).locator('.editor-steps-scroll').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    const last = field(page, `Step ${STEPS - 1} time`);
    await expect(last).toBeInViewport();
    await expect(editor(page).getByRole('row').last()).toHaveAttribute('aria-rowindex', String(STEPS + 1));
    expect(await editor(page).locator('tr.step').count()).toBeLessThan(80);
  });

  test('Tab and ↓ walk into rows beyond the first screen, which scroll into view', async ({ page }) => {
    await openEditor(page);
    await field(page, 'Step 0 time').focus();
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toBe('Step 40 time');
    await expect(field(page, 'Step 40 time')).toBeInViewport();

    // Tab on through every control, into rows that were not drawn when we started.
    const drawnBefore = Math.max(...(await editor(page).locator('tr.step').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-row'))))));
    let deepest = 40;
    for (let i = 0; i < 300 && deepest <= drawnBefore + 3; i++) {
      await page.keyboard.press('Tab');
      const m = /^(?:Step|Move step|Remove step) (\d+)/.exec(await focusedName(page));
      expect(m, 'Tab stays in the table').not.toBeNull();
      deepest = Math.max(deepest, Number(m![1]));
    }
    expect(deepest).toBeGreaterThan(drawnBefore + 3);
    await expect(page.locator(':focus')).toBeInViewport();

    for (let i = 0; i < 10; i++) await page.keyboard.press('Shift+Tab');
    await expect(page.locator(':focus')).toBeInViewport();
  });

  test('an error names its row, which "Go to step" scrolls to and focuses', async ({ page }) => {
    await openEditor(page);
    const status = editor(page).getByRole('status');
    await field(page, 'Step 10 Key').fill('');
    await expect(status).toHaveText('Step 10: key must not be empty');
    await expect(editor(page).getByRole('button', { name: 'Apply', exact: true })).toBeDisabled();
    await editor(page).locator('.editor-steps-scroll').evaluate((el) => {
      el.scrollTop = el.scrollHeight / 2;
    });
    await expect(field(page, 'Step 10 Key')).toHaveCount(0);
    await editor(page).getByRole('button', { name: 'Go to step 10', exact: true }).click();
    await expect(field(page, 'Step 10 Key')).toBeFocused();
    await expect(field(page, 'Step 10 Key')).toBeInViewport();
    await expect(page.locator('tr[data-row="10"]')).toHaveAttribute('aria-invalid', 'true');
    await page.keyboard.type('k3');
    await expect(status).toHaveText('The scenario is valid.');
    await expectAxeClean(page, 'editor open, 5,000 steps');
  });
});

test.describe('the editor asks before dropping a draft', () => {
  test.setTimeout(120_000);

  test('Escape and Cancel ask "Discard your changes?"; Keep editing keeps the draft, Discard drops it', async ({ page }) => {
    await openEditor(page, 50);
    // Unchanged: Escape closes at once.
    await page.keyboard.press('Escape');
    await expect(editor(page)).toBeHidden();

    await timeEditorOpen(page);
    await field(page, 'Step 0 Value').fill('changed');
    await page.keyboard.press('Escape');
    await expect(prompt(page)).toBeVisible();
    await expect(prompt(page).getByRole('button', { name: 'Keep editing', exact: true })).toBeFocused();
    await expectAxeClean(page, 'discard prompt');
    // Escape in the question means "keep editing".
    await page.keyboard.press('Escape');
    await expect(prompt(page)).toBeHidden();
    await expect(editor(page)).toBeVisible();
    await expect(field(page, 'Step 0 Value')).toBeFocused();
    // Again, with no click or keystroke in between (a browser may stop honouring a refused close request).
    await page.keyboard.press('Escape');
    await expect(prompt(page)).toBeVisible();
    await prompt(page).getByRole('button', { name: 'Keep editing', exact: true }).click();
    await expect(editor(page)).toBeVisible();
    await expect(field(page, 'Step 0 Value')).toHaveValue('changed');

    await editor(page).getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(prompt(page)).toBeVisible();
    await prompt(page).getByRole('button', { name: 'Discard', exact: true }).click();
    await expect(editor(page)).toBeHidden();
    // The scenario is the one loaded: the editor opens on it unchanged.
    await timeEditorOpen(page);
    await expect(field(page, 'Step 0 Value')).toHaveValue('v0');
  });

  test('leaving the page asks only while a changed draft is open', async ({ page }) => {
    await openEditor(page, 50);
    expect(await leavingAsks(page), 'editor open, nothing changed').toBe(false);
    await field(page, 'Step 0 Value').fill('changed');
    expect(await leavingAsks(page), 'a changed draft').toBe(true);

    // The browser's own question, for real: closing the tab is refused.
    const asked = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const dialog = await asked;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss();
    expect(page.isClosed()).toBe(false);
    await expect(field(page, 'Step 0 Value')).toHaveValue('changed');

    await field(page, 'Step 0 Value').fill('v0');
    expect(await leavingAsks(page), 'the change typed back').toBe(false);
    await field(page, 'Step 0 Value').fill('applied');
    await editor(page).getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(editor(page)).toBeHidden();
    expect(await leavingAsks(page), 'after Apply').toBe(false);
  });
});

test.describe('latency per message leg', () => {
  test('one latency for all messages or one per leg: the other legs appear, a leg’s mistake is named, and Apply keeps them', async ({ page }) => {
    await openEditor(page, 3);
    const form = editor(page).getByRole('combobox', { name: 'Latency', exact: true });
    await expect(form).toHaveValue('one for all messages');
    await expect(field(page, 'Ack latency (empty = as write)')).toHaveCount(0);
    await form.selectOption('one per message leg');
    const write = field(page, 'Write latency (5 · 1-10 · exp 8)');
    await expect(write).toBeVisible();
    await write.fill('exp 10');
    await field(page, 'Ack latency (empty = as write)').fill('exp 0');
    await expect(editor(page).getByRole('status')).toHaveText('Ack latency (the mean) must be greater than 0 (got 0)');
    await field(page, 'Ack latency (empty = as write)').fill('exp 1');
    await field(page, 'Response latency (empty = as write)').fill('1-2');
    await expect(editor(page).getByRole('status')).toHaveText('The scenario is valid.');
    await editor(page).getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(editor(page)).toHaveCount(0);

    await page.getByRole('button', { name: 'Edit scenario', exact: true }).click();
    await expect(form).toHaveValue('one per message leg');
    await expect(write).toHaveValue('exp 10');
    await expect(field(page, 'Ack latency (empty = as write)')).toHaveValue('exp 1');
    await expect(field(page, 'Read latency (empty = as write)')).toHaveValue('');
    await expect(field(page, 'Response latency (empty = as write)')).toHaveValue('1-2');
    await expectAxeClean(page, 'editor, latency per leg');
  });
});
