import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from '../pages/AppPage';
import { serveApp, type ServedApp } from '../support/serveApp';

let app: ServedApp;
test.beforeAll(async () => {
  const home = mkdtempSync(join(tmpdir(), 'switchyard-empty-home-'));
  const data = mkdtempSync(join(tmpdir(), 'switchyard-empty-data-'));
  app = await serveApp(['--claude-home', home, '--data-dir', data]);
});
test.afterAll(async () => {
  await app.stop();
});

test('with no sessions anywhere, the empty state opens the demo workspace', async ({ page }) => {
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  await ui.waitConnected();
  await expect(page.getByTestId('empty-workspace')).toBeVisible();
  await ui.screenshot('empty-state');
  await page.getByRole('button', { name: 'Open the demo workspace' }).click();
  // Four worktree sessions; the main checkout is the repository line above them.
  await expect(ui.sessionRows()).toHaveCount(4, { timeout: 30_000 });
  await expect(page.getByText('Demo workspace ·')).toBeVisible();
});
