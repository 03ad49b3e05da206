import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppPage } from '../pages/AppPage';
import { DispatchPage } from '../pages/DispatchPage';
import { serveApp, type ServedApp } from '../support/serveApp';

let app: ServedApp;

test.beforeAll(async () => {
  app = await serveApp(['--demo']);
});
test.afterAll(async () => {
  await app.stop();
});

function masterPlanPath(): string {
  const dir = join(app.demoRoot ?? '', 'home', '.claude', 'plans');
  const name = readdirSync(dir).find((f) => /^\d{4}-\d{2}-\d{2}-ccc-dispatch-console\.md$/.test(f));
  if (!name) throw new Error(`no demo master plan in ${dir}`);
  return join(dir, name);
}

test('dispatch: batches, a flagged violation, merge order by drag and drop, approve writes the plan', async ({ page }) => {
  const ui = new AppPage(page);
  const dispatch = new DispatchPage(page);
  const before = readFileSync(masterPlanPath(), 'utf8');
  await page.goto(app.openUrl);
  await ui.waitConnected();
  await ui.openView('Dispatch');

  // Batch 1 (already dispatched) breaks the 3-session cap; the rule book line is shown with it.
  await expect(dispatch.batch(1)).toBeVisible();
  await expect(dispatch.batch(2)).toBeVisible();
  const capViolation = dispatch.violations(dispatch.batch(1)).filter({ hasText: '3-session cap' }).first();
  await expect(capViolation).toBeVisible();
  await expect(capViolation).toContainText('The standard 3-session cap remains the default for implementation sessions');
  await expect(dispatch.batch(2).getByTestId('dispatch-row')).toHaveCount(2);
  await expect(page.getByTestId('dependency-graph')).toBeVisible();

  // A pair decision with its path, on click.
  await page.getByTestId('graph-node').filter({ hasText: '2A' }).click();
  await expect(page.getByTestId('pair-decisions')).toContainText('SEQUENTIAL');
  await ui.screenshot('dispatch-overview');

  // Reorder batch 2's merge order by drag and drop: 2B first.
  expect(await dispatch.mergeOrder(2)).toEqual(['2A', '2B']);
  await dispatch.mergeItems(2).nth(1).dragTo(dispatch.mergeItems(2).nth(0));
  await expect.poll(() => dispatch.mergeOrder(2)).toEqual(['2B', '2A']);
  // …and back and forth with the keyboard buttons.
  await dispatch.batch(2).getByRole('button', { name: 'Move 2B down' }).click();
  await expect.poll(() => dispatch.mergeOrder(2)).toEqual(['2A', '2B']);
  await dispatch.batch(2).getByRole('button', { name: 'Move 2B up' }).click();
  await expect.poll(() => dispatch.mergeOrder(2)).toEqual(['2B', '2A']);

  // An in-place edit recomputes the rules: a cost over $10 without checkpoint is a warning.
  await dispatch.batch(2).getByLabel('Estimated cost of 2B in dollars').fill('14');
  await expect(dispatch.violations(dispatch.batch(2)).filter({ hasText: 'Session 2B is estimated at $14' })).toBeVisible();
  await dispatch.batch(2).getByLabel('Estimated cost of 2B in dollars').fill('3');
  await expect(dispatch.violations(dispatch.batch(2)).filter({ hasText: 'Session 2B is estimated' })).toHaveCount(0);

  // §1 "Complete Batch 1 before launching Batch 2": batch 1's sessions are still working, so the
  // approval is gated, the sessions holding it are named, and only a written reason lets it go.
  await expect(dispatch.violations(dispatch.batch(2)).filter({ hasText: 'complete the earlier batches first' })).toBeVisible();
  await expect(dispatch.violations(dispatch.batch(2)).filter({ hasText: 'complete the earlier batches first' })).toContainText('1B');
  await expect(dispatch.approve(2)).toBeDisabled();
  await ui.screenshot('dispatch-gated');
  await dispatch.overrideReason(2).fill('Batch 1 only has reviews left');
  await expect(dispatch.approve(2)).toBeEnabled();
  await dispatch.approve(2).click();
  const result = page.getByTestId('approval-result');
  await expect(result).toContainText('Batch 2 approved');
  await expect(result.getByTestId('launch-session')).toHaveCount(2);
  // The command makes the worktree on the branch the plan records, then starts claude in it.
  await expect(result).toContainText('git worktree add -b claude/cia-545-merge-console');
  // The demo's Linear (a local Linear-compatible server) gets one sub-issue per approved row.
  const subIssues = result.getByTestId('sub-issue-row');
  await expect(subIssues).toHaveCount(2);
  await expect(subIssues.filter({ has: page.locator('[data-status="created"]') }).or(result.locator('[data-testid="sub-issue-row"][data-status="created"]'))).toHaveCount(2, { timeout: 20_000 });
  await ui.screenshot('dispatch-approved');

  // The plan file on disk: the batch 2 rows as the plan wrote them (only the edited cost cell changed),
  // the person's sentence kept, the new merge order line, registry rows, the approval with its reason.
  const after = readFileSync(masterPlanPath(), 'utf8');
  expect(after).not.toEqual(before);
  expect(after).toContain('Proposed by the planning session; waiting for approval.');
  expect(after).toContain('| 2B | CIA-546 | Release notes | quick | ~$3 | Claude Code | yes |');
  expect(after).toContain('Merge order: 2B, 2A');
  expect(after).toMatch(/\| \S*cia-545 +\| \[CIA-545\]\(https:\/\/linear\.app\/claudian\/issue\/CIA-545\) +\| 2A +\|.*\| Dispatched +\|/);
  expect(after).toMatch(/## Dispatch Approvals[\s\S]*\n- \S+ — Batch 2 approved by \S+: 2 session\(s\) 2A, 2B; merge order 2B → 2A; OVERRIDE of 1 violation\(s\) \(batch\.complete-first\): "Batch 1 only has reviews left"/);
  // Everything before the batch 2 table is byte-identical.
  const head = before.slice(0, before.indexOf('| 2A | [CIA-545]'));
  expect(after.startsWith(head)).toBe(true);
  await expect(dispatch.batch(2)).toHaveAttribute('class', /approved/);
});

test('approved rows appear in Linear with their states', async ({ page }) => {
  const ui = new AppPage(page);
  await page.goto(app.openUrl);
  await ui.waitConnected();
  await ui.openView('Settings');
  // The sub-issues created by the approval above, polled back from Linear as children of CIA-540.
  await expect(page.getByText('Batch 2A: Merge console')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Batch 2B: Release notes')).toBeVisible();
  await ui.screenshot('linear-subissues-after-approval');
});
