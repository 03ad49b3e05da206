import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppPage } from '../pages/AppPage';
import { PlansPage } from '../pages/PlansPage';
import { serveApp, type ServedApp } from '../support/serveApp';

let app: ServedApp;

test.beforeAll(async () => {
  app = await serveApp(['--demo']);
});
test.afterAll(async () => {
  await app.stop();
});

test('plans: the random-named plan is flagged and renamed with the one-click fix', async ({ page }) => {
  const ui = new AppPage(page);
  const plans = new PlansPage(page);
  const dir = join(app.demoRoot ?? '', 'home', '.claude', 'plans');
  await page.goto(app.openUrl);
  await ui.waitConnected();
  await ui.openView('Plans');

  const raven = plans.row('composed-crunching-raven.md');
  await expect(raven).toBeVisible();
  const naming = raven.locator('[data-testid="plan-violation"][data-kind="naming"]');
  await expect(naming).toContainText('random name');
  await expect(naming).toContainText('{YYYY-MM-DD}-{project-short}-{topic}.md');
  await expect(raven.locator('[data-testid="plan-violation"][data-kind="plain-ids"]')).toContainText('CIA-550');
  const master = plans.row((await page.getByTestId('plan-row').filter({ hasText: 'ccc-dispatch-console' }).getAttribute('data-file')) ?? '');
  await expect(master).toContainText('CIA-540');
  await ui.screenshot('plans-flagged');

  const fix = raven.getByTestId('rename-plan');
  const target = ((await fix.locator('.mono').textContent()) ?? '').trim();
  expect(target).toMatch(/^2026-11-18-[a-z0-9]+-quick-spike-hook-latency\.md$/);
  await fix.click();
  await expect(plans.row(target)).toBeVisible();
  await expect(plans.row('composed-crunching-raven.md')).toHaveCount(0);
  await expect(plans.row(target).locator('[data-testid="plan-violation"][data-kind="naming"]')).toHaveCount(0);
  expect(existsSync(join(dir, target))).toBe(true);
  expect(existsSync(join(dir, 'composed-crunching-raven.md'))).toBe(false);
  await ui.screenshot('plans-renamed');
});
