import { expect, test } from '@playwright/test';
import { AppPage } from '../pages/AppPage';
import { serveApp, type ServedApp } from '../support/serveApp';

// The demo workspace runs its own local Linear test server (seeded with CIA-540 and CIA-541..545).
const DEMO_TEST_KEY = 'lin_api_switchyard_test_key';

let app: ServedApp;
test.beforeAll(async () => {
  app = await serveApp(['--demo'], { LINEAR_API_KEY: '' });
});
test.afterAll(async () => {
  await app.stop();
});

test.describe.configure({ mode: 'serial' });

test('Settings → Linear: connected as the demo user, with the live states of the demo issues', async ({ page }) => {
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  await ui.waitConnected();
  await ui.openView('Settings');
  const connection = page.getByTestId('linear-connection');
  await expect(connection).toContainText('Connected as Demo Person');
  await expect(connection).toHaveAttribute('data-kind', 'ok');
  await expect(page.getByTestId('linear-serve-note')).toContainText('LINEAR_API_KEY');
  await expect(page.getByTestId('linear-team')).toHaveValue(/.+/);
  await expect(page.getByTestId('linear-team').locator('option:checked')).toHaveText('CIA (CIA)');
  await expect(page.getByTestId('linear-budget')).toContainText('requests this hour');
  await expect(page.getByTestId('linear-writeback-started')).not.toBeChecked();
  await expect(page.getByTestId('linear-writeback-merged')).not.toBeChecked();

  const plan = page.locator('[data-testid="linear-plan"][data-master="CIA-540"]');
  await expect(plan).toContainText('Dispatch console for parallel sessions');
  await expect(plan.getByTestId('linear-child')).toHaveCount(5);
  const expected: [string, string][] = [
    ['CIA-541', 'Done'],
    ['CIA-542', 'In Progress'],
    ['CIA-543', 'In Progress'],
    ['CIA-544', 'In Progress'],
    ['CIA-545', 'Todo'],
  ];
  for (const [id, state] of expected) {
    const row = plan.locator(`[data-testid="linear-child"][data-identifier="${id}"]`);
    await expect(row.getByTestId('linear-issue-state')).toContainText(`${id}${state}`);
  }
  await expect(plan.locator('[data-identifier="CIA-541"]')).toContainText('exec:tdd');
  await page.getByTestId('linear-settings').scrollIntoViewIfNeeded();
  await ui.screenshot('linear-settings-connected');
  await plan.scrollIntoViewIfNeeded();
  await ui.screenshot('linear-settings-plans');
});

test('a wrong key shows the bad-key state in words; the right key reconnects; the key is never shown', async ({ page }) => {
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  await ui.waitConnected();
  await ui.openView('Settings');
  const key = page.getByTestId('linear-key');
  await expect(key).toHaveAttribute('type', 'password');
  await key.fill('lin_api_not_a_real_key');
  await key.press('Enter');
  await expect(page.getByTestId('linear-connection')).toContainText('Linear rejected the API key');
  await expect(key).toHaveValue('');
  await page.getByTestId('linear-settings').scrollIntoViewIfNeeded();
  await ui.screenshot('linear-settings-bad-key');
  await key.fill(DEMO_TEST_KEY);
  await page.getByTestId('linear-settings').getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('linear-connection')).toContainText('Connected as Demo Person');
  await expect(page.locator('body')).not.toContainText(DEMO_TEST_KEY);
});
