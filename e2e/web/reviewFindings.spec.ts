import { expect, test } from '@playwright/test';
import { AppPage } from '../pages/AppPage';
import { serveApp, type ServedApp } from '../support/serveApp';

// The demo's Linear test server carries a review decision record (RDR) on CIA-542 (§9).
let app: ServedApp;
test.beforeAll(async () => {
  app = await serveApp(['--demo'], { LINEAR_API_KEY: '' });
});
test.afterAll(async () => {
  await app.stop();
});

test('review findings: decide in the Dispatch view, the decisions reload from Linear, agreed findings become sub-issues with one @mention each', async ({ page }) => {
  const ui = new AppPage(page);
  await page.goto(app.openUrl);
  await ui.waitConnected();
  await ui.openView('Dispatch');
  const picker = page.getByLabel('Plan', { exact: true });
  const masterPlan = picker.locator('option', { hasText: 'CIA-540' });
  await picker.selectOption((await masterPlan.getAttribute('value')) ?? '');

  const panel = page.getByTestId('review-findings');
  // Scroll the view body (not the window) so the panel is at the top of the shot.
  const scrollToPanel = () => panel.evaluate((el) => {
    const body = el.closest('.view-body');
    if (body) body.scrollTop += el.getBoundingClientRect().top - body.getBoundingClientRect().top - 8;
  });
  await panel.scrollIntoViewIfNeeded();
  // Nothing is read until asked; the sub-issues come from the plan's Linear poll.
  await expect(panel.getByTestId('findings-table')).toHaveCount(0);
  await panel.getByLabel('Reviewed issue').selectOption('CIA-542');
  const table = panel.getByTestId('findings-table');
  await expect(table).toHaveCount(1);
  const rows = table.getByTestId('finding-row');
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(0)).toContainText('Batches packed greedily');
  // §3 consensus from the per-model columns; F5 is critical with 2/3 and falls short.
  await expect(rows.nth(0).getByTestId('finding-consensus')).toHaveText('3/3 ✓');
  await expect(rows.nth(4).getByTestId('finding-consensus')).toHaveText('2/3 critical below');
  await expect(rows.nth(4)).toHaveAttribute('data-decision', 'defer');

  await table.getByLabel('Decision for F1').selectOption('agree');
  await table.getByLabel('Decision for F2').selectOption('agree');
  await table.getByLabel('Decision for F3').selectOption('agree');
  await table.getByLabel('Decision for F4').selectOption('reject');
  await expect(table.getByTestId('findings-dispatch')).toBeDisabled();
  await table.getByTestId('findings-record').click();
  await expect(table.getByTestId('findings-dispatch')).toHaveText('Dispatch 3 agreed findings');

  // Reload from Linear: the Decisions reply is read back.
  await panel.getByTestId('findings-read').click();
  await expect(rows.nth(0)).toHaveAttribute('data-decision', 'agree');
  await expect(rows.nth(3)).toHaveAttribute('data-decision', 'reject');
  // F1 (medium) defaults to a Claude Code session, F2/F3 (trivial/small) to @tembo; F3 goes to Cursor.
  await expect(table.getByLabel('Implemented by for F1')).toHaveValue('claude-code');
  await expect(table.getByLabel('Implemented by for F2').locator('option:checked')).toHaveText('@tembo');
  await table.getByLabel('Implemented by for F3').selectOption({ label: '@cursor' });
  await scrollToPanel();
  await ui.screenshot('review-findings-decided');

  await table.getByTestId('findings-dispatch').click();
  const results = table.getByTestId('findings-result');
  await expect(results).toHaveCount(3);
  await expect(table.locator('[data-testid="findings-result"][data-status="created"]')).toHaveCount(3);
  await expect(table.locator('[data-key="F1"][data-testid="findings-result"]').getByTestId('findings-claude-code')).toBeVisible();
  await expect(table.locator('[data-key="F2"][data-testid="findings-result"]').getByTestId('findings-mention')).toHaveText('@tembo comment posted');
  await expect(table.locator('[data-key="F3"][data-testid="findings-result"]').getByTestId('findings-mention')).toHaveText('@cursor comment posted');
  await expect(rows.nth(0).locator('a.mono')).toHaveText(/^CIA-\d+$/);
  await expect(table.getByTestId('finding-implementer')).toHaveText(['Claude Code session', '@tembo', '@cursor']);
  await scrollToPanel();
  for (const toast of await page.locator('.toast').all()) await toast.click();
  await expect(page.locator('.toast')).toHaveCount(0);
  await panel.screenshot({ path: 'e2e/artifacts/review-findings-dispatched.png' });

  // Dispatching again creates nothing new.
  await expect(table.getByTestId('findings-dispatch')).toHaveText('Check the 3 dispatched again');
  await table.getByTestId('findings-dispatch').click();
  await expect(table.locator('[data-testid="findings-result"][data-status="exists"]')).toHaveCount(3);
  await expect(table.locator('[data-key="F2"][data-testid="findings-result"]').getByTestId('findings-mention')).toHaveText('@tembo comment already there');
});
