import { expect, test } from '@playwright/test';
import { rmSync } from 'node:fs';
import { createWorkflowWorld, type WorkflowWorld } from '../../electron/core/testing/workflowWorld';
import { AppPage } from '../pages/AppPage';
import { SessionsPage } from '../pages/SessionsPage';
import { serveApp, type ServedApp } from '../support/serveApp';

let world: WorkflowWorld;
let app: ServedApp;
test.beforeAll(async () => {
  test.setTimeout(90_000);
  // The live registry file names this test process, so the working session counts as alive.
  world = createWorkflowWorld(process.pid);
  app = await serveApp(['--claude-home', world.claudeHome, '--data-dir', world.dataDir, '--repo', world.repo, '--plan-folder', world.planFolder]);
});
test.afterAll(async () => {
  await app?.stop();
  rmSync(world.root, { recursive: true, force: true });
});

test('state files are not work: the finished session is Done, the real collision shows, the main checkout is a repository line', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1360, height: 640 });
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  const sessions = new SessionsPage(page);
  await ui.waitConnected();

  // Three sessions; the main checkout is not one of them.
  await expect(sessions.rows()).toHaveCount(3, { timeout: 30_000 });
  await expect(page.getByText('3 sessions', { exact: true })).toBeVisible();
  const repoLine = page.getByTestId('repository-line');
  await expect(repoLine).toHaveCount(1);
  await expect(repoLine).toContainText('switchyard');
  await expect(repoLine).toContainText('main');
  // .claude/worktrees/ and .claude/settings.local.json are Claude Code's; scratch.md and src/shared.ts are the person's.
  await expect(repoLine.getByTestId('repository-uncommitted')).toHaveText('2 uncommitted files');
  await expect(repoLine).not.toContainText('Stale');

  const finished = 'switchyard-cia-541';
  const working = 'switchyard-cia-542';
  const fresh = 'switchyard-cia-543';
  await expect(sessions.status(finished)).toHaveText('Done', { timeout: 20_000 });
  await expect(sessions.status(working)).toHaveText('Working');
  await expect(sessions.status(fresh)).not.toHaveText('Stale');
  await expect(sessions.changedFiles(finished)).toHaveText('0');
  await expect(sessions.changedFiles(fresh)).toHaveText('0');
  await expect(sessions.changedFiles(working)).toHaveText('2');

  // The collision names the source file first, never a state file.
  await expect(sessions.collisionMarker(finished)).toContainText('src/shared.ts');
  await expect(sessions.collisionMarker(finished)).toContainText('+1');
  await expect(sessions.collisionMarker(working)).toContainText('src/shared.ts');
  await expect(sessions.collisionMarker(fresh)).toHaveCount(0);
  await expect(page.getByText('.ccc-state.json')).toHaveCount(0);

  // (Phase from the Phase Map: proven in workflowFilesWorld.test.ts; serve mode shows it once plansService
  // hands PlanContext.issuePhases over — see the branch's report.)

  // Once counted, the 2 MB transcript's totals are final: no "≥".
  await expect(sessions.row(finished).getByTestId('session-tokens')).toHaveText(/^\d+(\.\d)?[kM]$/, { timeout: 20_000 });
  await expect(sessions.row(finished).getByTestId('session-cost')).toHaveText(/^\$[\d,.]+ \/ ~\$40$/);
  await ui.screenshot('sessions-workflow-files');

  await sessions.openDetail(finished);
  await expect(sessions.detail().getByTestId('detail-status-reason')).toContainText('TASK_COMPLETE');
  await expect(sessions.detail().getByTestId('detail-collisions')).toContainText('src/shared.ts');
  await expect(sessions.detail().getByTestId('detail-uncommitted')).toHaveCount(0);
  await ui.screenshot('sessions-workflow-files-detail');

  await repoLine.click();
  await expect(sessions.detail().getByTestId('detail-main-checkout')).toBeVisible();
  await expect(sessions.detail().getByTestId('detail-uncommitted')).toContainText('scratch.md');
  await expect(sessions.detail().getByTestId('detail-uncommitted')).not.toContainText('.claude');
  await ui.screenshot('sessions-workflow-files-main');
});
