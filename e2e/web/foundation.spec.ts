import { expect, test } from '@playwright/test';
import { AppPage } from '../pages/AppPage';
import { serveApp, type ServedApp } from '../support/serveApp';

let app: ServedApp;
test.beforeAll(async () => {
  app = await serveApp(['--demo']);
});
test.afterAll(async () => {
  await app.stop();
});

test('serve mode lists the demo workspace worktrees', async ({ page }) => {
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  await ui.waitConnected();
  // The token moved into this tab's sessionStorage: the address bar no longer shows it.
  expect(page.url()).not.toContain('token=');
  // Four worktree sessions; the main checkout is the repository line above them.
  await expect(ui.sessionRows()).toHaveCount(4);
  for (const name of ['claude-command-centre-cia-541', 'claude-command-centre-cia-542', 'claude-command-centre-cia-543', 'claude-command-centre-cia-544']) {
    await expect(page.getByText(name, { exact: true })).toBeVisible();
  }
  await ui.screenshot('foundation-worktrees');
});

test('settings show where Switchyard looks and survive a reload', async ({ page }) => {
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  await ui.waitConnected();
  await ui.openView('Settings');
  await expect(page.locator('dl.kv').first().getByText('(the demo workspace)')).toBeVisible();
  await page.getByTestId('settings-theme').selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await ui.waitConnected();
  await ui.openView('Settings');
  await expect(page.getByTestId('settings-theme')).toHaveValue('light');
  await ui.screenshot('foundation-settings-light');
  await page.getByTestId('settings-theme').selectOption('dark');
});
