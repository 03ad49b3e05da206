import { expect, test } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppPage } from '../pages/AppPage';
import { SessionsPage } from '../pages/SessionsPage';
import { serveApp, type ServedApp } from '../support/serveApp';

let app: ServedApp;
test.beforeAll(async () => {
  app = await serveApp(['--demo']);
});
test.afterAll(async () => {
  await app.stop();
});

const WT = (n: number) => `claude-command-centre-cia-${n}`;

test.describe.configure({ mode: 'serial' });

test('lists every demo session with its true status, markers and numbers', async ({ page }) => {
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  const sessions = new SessionsPage(page);
  await ui.waitConnected();
  await expect(sessions.rows()).toHaveCount(4);

  await expect(sessions.status(WT(542))).toHaveText('Working');
  await expect(sessions.status(WT(543))).toHaveText('Waiting for you');
  await expect(sessions.status(WT(541))).toHaveText('Done');
  await expect(sessions.status(WT(544))).toHaveText('Stale');
  // The reason is on hover.
  await expect(sessions.row(WT(541)).locator('td', { has: page.getByTestId('session-status') })).toHaveAttribute('title', /TASK_COMPLETE/);

  // Both sessions that edit /go show the collision, naming the file and the other session.
  await expect(sessions.collisionMarker(WT(542))).toContainText('commands/go.md');
  await expect(sessions.collisionMarker(WT(542))).toContainText('quiet-lovelace');
  await expect(sessions.collisionMarker(WT(543))).toContainText('commands/go.md');
  await expect(sessions.collisionMarker(WT(543))).toContainText('brave-hopper');
  await expect(sessions.collisionMarker(WT(541))).toHaveCount(0);

  // Issue links, task progress, ahead/behind, cost.
  await expect(sessions.row(WT(542)).getByRole('link', { name: 'CIA-542' })).toBeVisible();
  await expect(sessions.row(WT(542))).toContainText('3/8');
  await expect(sessions.row(WT(542))).toContainText('↑2 ↓1');
  await expect(sessions.row(WT(542))).toContainText(/\$\d+\.\d\d/);
  // Every worktree session is matched to its issue.
  for (const n of [541, 542, 543, 544]) await expect(sessions.row(WT(n)).getByTestId('unmatched-marker')).toHaveCount(0);
  // The main checkout is the repository's line above the table, not a session row with a status.
  await expect(page.getByTestId('repository-line').filter({ hasText: 'claude-command-centre' })).toBeVisible();
  await expect(sessions.row('claude-command-centre')).toHaveCount(0);
  // Relative times with the exact time on hover.
  await expect(sessions.row(WT(541)).locator('time')).toHaveAttribute('title', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

  // Default order: what needs the person first.
  const order = await sessions.namesInOrder();
  expect(order.indexOf('quiet-lovelace')).toBeLessThan(order.indexOf('brave-hopper'));
  await ui.screenshot('sessions-list');
  await page.emulateMedia({ colorScheme: 'dark' });
  await ui.screenshot('sessions-list-dark');
});

test('sorts by a clicked column and filters by status', async ({ page }) => {
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  const sessions = new SessionsPage(page);
  await ui.waitConnected();
  await expect(sessions.rows()).toHaveCount(4);

  await sessions.sortBy('Session');
  await expect(sessions.header('Session')).toHaveAttribute('aria-sort', 'ascending');
  await expect(sessions.header('Status')).toHaveAttribute('aria-sort', 'none');
  const asc = await sessions.namesInOrder();
  expect(asc).toEqual([...asc].sort((a, b) => a.localeCompare(b)));
  await sessions.sortBy('Session');
  await expect(sessions.header('Session')).toHaveAttribute('aria-sort', 'descending');
  expect(await sessions.namesInOrder()).toEqual([...asc].reverse());

  await sessions.filterStatus('stale');
  await expect(sessions.rows()).toHaveCount(1);
  await expect(sessions.row(WT(544))).toBeVisible();
  await expect(page.getByText('1 of 4 sessions')).toBeVisible();
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(sessions.rows()).toHaveCount(4);
});

test('a file written into a worktree shows up without a reload', async ({ page }) => {
  expect(app.demoRoot, 'serve mode printed the demo root').not.toBeNull();
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  const sessions = new SessionsPage(page);
  await ui.waitConnected();
  await expect(sessions.changedFiles(WT(541))).toHaveText('0');
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  const worktree = join(app.demoRoot ?? '', 'home', '.claude', 'worktrees', WT(541));
  await writeFile(join(worktree, 'notes-from-the-test.md'), 'written while the page is open\n');

  await expect(sessions.changedFiles(WT(541))).toHaveText('1');
  // Uncommitted work after TASK_COMPLETE and no process: no longer Done.
  await expect(sessions.status(WT(541))).toHaveText('Stale');
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
});

test('the detail panel shows commits, files, transcript and the resume command; keys drive it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  const sessions = new SessionsPage(page);
  await ui.waitConnected();

  await sessions.openDetail(WT(542));
  const detail = sessions.detail();
  await expect(detail.getByRole('heading', { name: 'brave-hopper' })).toBeVisible();
  await expect(detail.getByTestId('detail-status-reason')).toHaveText('Claude is working');
  await expect(detail.getByTestId('detail-commits')).toContainText('/go: dispatch step');
  await expect(detail.getByTestId('detail-commits')).toContainText('Dispatch rules: decision tree');
  await expect(detail.getByTestId('detail-uncommitted')).toContainText('skills/dispatch/rules.md');
  await expect(detail.getByTestId('detail-changed-vs-base')).toContainText('commands/go.md');
  await expect(detail.getByTestId('detail-transcript')).toContainText('Bash: npm test -- dispatch');
  await expect(detail.getByTestId('detail-last-text')).toContainText('Adding the batch cap of 3 now.');
  await expect(detail.getByTestId('detail-collisions')).toContainText('quiet-lovelace');
  await expect(detail.getByTestId('resume-command')).toHaveText(/^claude --resume [0-9a-f-]{36}$/);

  await detail.getByRole('group', { name: 'Copy' }).getByRole('button', { name: 'Resume command' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied the resume command' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^claude --resume /);

  // Serve mode cannot open folders: it says so and offers the path instead.
  await detail.getByRole('group', { name: 'Open the worktree' }).getByRole('button', { name: 'Editor' }).click();
  await expect(detail.getByText('Opening folders works in the desktop app', { exact: false })).toBeVisible();
  await expect(detail.getByRole('group', { name: 'Copy' }).getByRole('button', { name: 'Path' })).toBeEnabled();
  await ui.screenshot('sessions-detail');

  // Esc closes; ↓ (↑ from the last row) moves the selection; Enter opens the newly selected session.
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const before = await page.locator('tr[aria-selected="true"] .sessions-title').textContent();
  const names = await sessions.namesInOrder();
  await page.keyboard.press(names.indexOf(before ?? '') === names.length - 1 ? 'ArrowUp' : 'ArrowDown');
  const after = await page.locator('tr[aria-selected="true"] .sessions-title').textContent();
  expect(after).not.toBe(before);
  await page.keyboard.press('Enter');
  await expect(sessions.detail().getByRole('heading', { name: after ?? '', exact: true })).toBeVisible();
});
