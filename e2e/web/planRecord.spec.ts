import { expect, test } from '@playwright/test';
import { readFileSync, rmSync } from 'node:fs';
import { createRecordWorld, planRecordText, type RecordWorld } from '../../electron/core/testing/recordWorld';
import { AppPage } from '../pages/AppPage';
import { DispatchPage } from '../pages/DispatchPage';
import { MergePage } from '../pages/MergePage';
import { SessionsPage } from '../pages/SessionsPage';
import { serveApp, type ServedApp } from '../support/serveApp';

// Issue "The plan is the record": a plan Switchyard did not write, on real worktrees.
let world: RecordWorld;
let app: ServedApp;
test.beforeAll(async () => {
  test.setTimeout(90_000);
  world = createRecordWorld(process.pid);
  app = await serveApp(['--claude-home', world.claudeHome, '--data-dir', world.dataDir, '--repo', world.repo, '--plan-folder', world.planFolder]);
});
test.afterAll(async () => {
  await app?.stop();
  rmSync(world.root, { recursive: true, force: true });
});

test('the three views answer from the plan as written: labels, branches, declared merge order, one phase everywhere', async ({ page }) => {
  test.setTimeout(90_000);
  const ui = new AppPage(page);
  await page.goto(app.openUrl);
  await ui.waitConnected();

  // Sessions: three sessions (the main checkout is a repository line), each with the phase the plan gives it.
  const sessions = new SessionsPage(page);
  await expect(sessions.rows()).toHaveCount(3, { timeout: 30_000 });
  for (const [folder, phase] of [['acme-plugin-acme-41', '1A'], ['acme-plugin-acme-42', '1B'], ['acme-plugin-acme-43', '1C']] as const) {
    await expect(sessions.row(folder)).toContainText(phase, { timeout: 20_000 });
  }
  await expect(sessions.status('acme-plugin-acme-42')).toHaveText('Working');
  await expect(page.getByText('.ccc-state.json')).toHaveCount(0);
  await ui.screenshot('plan-record-sessions');

  // Dispatch: the rows as written, the hand-written Launch-as mistake flagged, the declared order.
  await ui.openView('Dispatch');
  const dispatch = new DispatchPage(page);
  const rows = dispatch.batch(1).getByTestId('dispatch-row');
  await expect(rows).toHaveCount(3);
  expect(await rows.evaluateAll((r) => r.map((x) => [x.getAttribute('data-session'), x.getAttribute('data-recorded')]))).toEqual([
    ['S-A', 'yes'],
    ['S-B', 'yes'],
    ['S-C', 'yes'],
  ]);
  await expect(dispatch.batch(1)).toContainText('claude/acme-41-session-exit');
  await expect(dispatch.violations(dispatch.batch(1)).filter({ hasText: 'Session S-B launches as Plan mode' })).toBeVisible();
  expect(await dispatch.mergeOrder(1)).toEqual(['S-C', 'S-A', 'S-B']);
  await expect(dispatch.batch(1).getByTestId('merge-order-source')).toContainText('declared in the plan');
  await expect(page.getByText('REPO_PATH')).toHaveCount(0);
  await ui.screenshot('plan-record-dispatch');

  // Merge: the queue in the declared order, saying where it comes from.
  await ui.openView('Merge');
  const merge = new MergePage(page);
  await expect(merge.queue()).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(() => merge.queue().getByTestId('merge-row').evaluateAll((r) => r.map((x) => x.getAttribute('data-branch'))), { timeout: 20_000 })
    .toEqual([world.branches.c, world.branches.a, world.branches.b]);
  await expect(merge.queue().getByTestId('merge-order-note')).toContainText('order declared in the plan (line');
  await expect(merge.row(world.branches.b)).toContainText('Phase 1B');
  await ui.screenshot('plan-record-merge');

  // Whatever the app added (the Session Registry its sessions write back, §6) comes after the person's text,
  // which is byte for byte what they saved.
  expect(readFileSync(world.planPath, 'utf8').startsWith(planRecordText(world.repo))).toBe(true);
});
