import { expect, test } from '@playwright/test';
import { AppPage } from '../pages/AppPage';
import { SessionsPage } from '../pages/SessionsPage';
import { createManyWorktrees, type ManyWorktrees } from '../support/manyWorktrees';
import { serveApp, type ServedApp } from '../support/serveApp';

const COUNT = 120;
let world: ManyWorktrees;
let app: ServedApp;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  world = createManyWorktrees(COUNT);
  app = await serveApp(['--claude-home', world.claudeHome, '--data-dir', world.dataDir]);
});
test.afterAll(async () => {
  await app.stop();
});

test('a long list keeps only the rows in view in the page, and the keyboard still reaches the last one', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  const sessions = new SessionsPage(page);
  await ui.waitConnected();
  // Every worktree is in the table (the main checkout is the repository line above it)...
  await expect(page.getByTestId('session-list')).toHaveAttribute('aria-rowcount', String(COUNT + 1), { timeout: 60_000 });
  await expect(page.getByText(`${COUNT} sessions`)).toBeVisible();
  // ...but far fewer rows are in the DOM.
  const inDom = await sessions.rows().count();
  expect(inDom).toBeGreaterThan(10);
  expect(inDom).toBeLessThan(COUNT / 2);

  // Sorted by name, the last one is far below; End-of-list by keyboard brings it into view.
  await sessions.sortBy('Session');
  await sessions.rows().first().click();
  await page.keyboard.press('Escape');
  for (let i = 0; i < COUNT + 5; i++) await page.keyboard.press('ArrowDown');
  const last = [...world.names].sort().pop() ?? '';
  await expect(sessions.row(last)).toBeInViewport();
  await expect(sessions.row(last)).toHaveAttribute('aria-selected', 'true');
  await expect(sessions.row(last)).toHaveAttribute('aria-rowindex', String(COUNT + 1));

  // Scrolling back to the top renders the first rows again.
  await page.getByTestId('session-list').locator('..').evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(sessions.rows().first()).toHaveAttribute('aria-rowindex', '2');
  await ui.screenshot('sessions-many');
});
