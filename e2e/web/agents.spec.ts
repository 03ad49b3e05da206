import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppPage } from '../pages/AppPage';
import { DispatchPage } from '../pages/DispatchPage';
import { serveApp, type ServedApp } from '../support/serveApp';

/**
 * External agents (§4 Assignee, §9, issue 13 item 4) and §8.5, in Chromium through serve mode with
 * the demo's local Linear: a plan of our own (the demo plans other specs read stay as they are).
 */
let app: ServedApp;
const PLAN = '2026-11-20-ccc-agent-routing.md';
const link = (id: string) => `[${id}](https://linear.app/claudian/issue/${id})`;

function plansDir(): string {
  return join(app.demoRoot ?? '', 'home', '.claude', 'plans');
}

function agentPlan(): string {
  return `# Agent routing

**Parent issue:** [CIA-550: Quick spike on hook latency](https://linear.app/claudian/issue/CIA-550)
**Date:** 2026-11-20

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
| 1A | ${link('CIA-561')} | Hook timing probe | 1 | None |
| 1B | ${link('CIA-562')} | Latency dashboard | 1 | None |
| 1C | ${link('CIA-563')} | Lint sweep | 1 | None |

## Dispatch — Batch 1

Routing decided on the call: Tembo takes the dashboard, Copilot the lint sweep.

| Session | Issue | Focus | Mode | Est. Cost | Agent | Worktree |
|---------|-------|-------|------|-----------|-------|----------|
| 1A | ${link('CIA-561')} | Hook timing probe | quick | ~$2 | Claude Code | no |
| 1B | ${link('CIA-562')} | Latency dashboard | quick | ~$3 | Tembo | n/a |
| 1C | ${link('CIA-563')} | Lint sweep | quick | ~$1 | Copilot | n/a |
`;
}

test.beforeAll(async () => {
  app = await serveApp(['--demo']);
  writeFileSync(join(plansDir(), PLAN), agentPlan());
  copyFileSync(resolve('electron/core/plans/fixtures/dispatch-files/batch1-dispatch-prompts.md'), join(plansDir(), 'batch1-dispatch-prompts.md'));
});
test.afterAll(async () => {
  await app.stop();
});

test('approve a batch with external agents: assignees shown per sub-issue, Delegate hands each row to its agent', async ({ page }) => {
  test.setTimeout(90_000);
  const ui = new AppPage(page);
  const dispatch = new DispatchPage(page);
  await page.goto(app.openUrl);
  await ui.waitConnected();
  await ui.openView('Dispatch');
  const picker = page.getByLabel('Plan');
  await expect(picker.locator('option', { hasText: PLAN })).toHaveCount(1, { timeout: 15_000 });
  await picker.selectOption({ label: `${PLAN} — CIA-550` });
  await expect(dispatch.batch(1).getByTestId('dispatch-row')).toHaveCount(3);

  // No Delegate before the batch is approved (the launch panel only exists for approved batches).
  await expect(dispatch.batch(1).getByTestId('delegate-one')).toHaveCount(0);
  if (await dispatch.approve(1).isDisabled()) await dispatch.overrideReason(1).fill('Routing agreed on the call');
  await dispatch.approve(1).click();
  const result = page.getByTestId('approval-result');
  await expect(result).toContainText('Batch 1 approved');
  const subIssues = result.getByTestId('sub-issue-row');
  await expect(result.locator('[data-testid="sub-issue-row"][data-status="created"]')).toHaveCount(3, { timeout: 20_000 });
  // §4 Assignee, from the Agent cells: a person, an agent (app user), and a name Linear does not know.
  await expect(subIssues.filter({ hasText: 'Latency dashboard' })).toHaveCount(1);
  await expect(subIssues.filter({ hasText: '1A' }).getByTestId('sub-issue-assignee')).toHaveText('Assigned to Claude');
  await expect(subIssues.filter({ hasText: '1B' }).getByTestId('sub-issue-assignee')).toHaveText('Delegated to Tembo');
  await expect(subIssues.filter({ hasText: '1C' }).getByTestId('sub-issue-assignee')).toHaveText('Unassigned');
  await expect(subIssues.filter({ hasText: '1C' }).getByTestId('sub-issue-assignee-warning')).toContainText('No Linear user matches "Copilot"');
  await ui.screenshot('agents-dispatch-assignees');

  const panel = dispatch.batch(1).getByTestId('launch-panel');
  const row = (s: string) => panel.locator(`[data-testid="launch-row"][data-session="${s}"]`);
  await expect(row('1A').getByTestId('delegate-one')).toHaveCount(0);
  await expect(panel.getByTestId('delegate-batch')).toHaveText('Delegate 2 to their agents');
  await row('1B').getByTestId('delegate-one').click();
  await expect(row('1B').getByTestId('delegated')).toHaveText('Delegated to Tembo', { timeout: 10_000 });
  await expect(panel.getByTestId('delegate-batch')).toHaveCount(0);
  await row('1C').getByTestId('delegate-one').click();
  await expect(row('1C').getByTestId('delegated')).toHaveText('Delegated to Copilot', { timeout: 10_000 });
  await expect(page.getByTestId('launch-refusal')).toHaveCount(0);
  // The toasts said it; clear them so the screenshot shows the panel.
  const toasts = page.getByRole('region', { name: 'Notifications' }).getByRole('status');
  while ((await toasts.count()) > 0) await toasts.first().click();
  await panel.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await ui.screenshot('agents-dispatch-delegated');

  // The plan records it: registry rows Delegated, the person's sentence kept.
  const text = readFileSync(join(plansDir(), PLAN), 'utf8');
  expect(text).toContain('Routing decided on the call: Tembo takes the dashboard, Copilot the lint sweep.');
  expect(text).toMatch(/\| tembo-cia-562 +\| \[CIA-562\]\([^)]*\) +\| 1B +\| Tembo +\| n\/a +\| *\| Delegated +\|/);
  expect(text).toMatch(/\| copilot-cia-563 +\|.*\| Delegated +\|/);

  // Linear's side, polled back: the Tembo sub-issue is delegated to the agent, 1A assigned to Claude.
  await ui.openView('Settings');
  const child = (title: string) => page.getByTestId('linear-child').filter({ hasText: title });
  await expect(child('Batch 1B: Latency dashboard').getByTestId('linear-child-assignee')).toHaveText('Tembo (agent)', { timeout: 20_000 });
  await expect(child('Batch 1A: Hook timing probe').getByTestId('linear-child-assignee')).toHaveText('Claude');
  await child('Batch 1B: Latency dashboard').scrollIntoViewIfNeeded();
  await ui.screenshot('agents-linear-delegated');

  // Sessions lists each delegated session as its agent's, before any branch of theirs is here.
  await ui.openView('Sessions');
  const session = (name: string) => page.locator('tr').filter({ hasText: name });
  await expect(session('tembo-cia-562').getByTestId('session-status')).toHaveText('With Tembo', { timeout: 10_000 });
  await expect(session('copilot-cia-563').getByTestId('session-status')).toHaveText('With Copilot');
  await ui.screenshot('agents-sessions-delegated');

  // Tembo pushes its branch and a fetch brings it: the record shows it, one commit ahead of main.
  const repo = join(app.demoRoot ?? '', 'repos', 'claude-command-centre');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
  const env = { GIT_AUTHOR_NAME: 'Tembo', GIT_AUTHOR_EMAIL: 'tembo@example.invalid', GIT_COMMITTER_NAME: 'Tembo', GIT_COMMITTER_EMAIL: 'tembo@example.invalid' };
  const commit = execFileSync('git', ['commit-tree', 'main^{tree}', '-p', 'main', '-m', 'Latency dashboard'], { cwd: repo, encoding: 'utf8', env: { ...process.env, ...env } }).trim();
  git('update-ref', 'refs/remotes/origin/tembo/cia-562-latency-dashboard', commit);
  await expect(session('tembo-cia-562').locator('.sessions-branch')).toHaveText('tembo/cia-562-latency-dashboard', { timeout: 40_000 });
  await expect(session('tembo-cia-562')).toContainText('↑1');
  await ui.screenshot('agents-sessions-branch');
});

test('§8.5: a local dispatch file is flagged, and its prompts move into sub-issues with one click; the file stays', async ({ page }) => {
  const ui = new AppPage(page);
  const file = join(plansDir(), 'batch1-dispatch-prompts.md');
  const before = readFileSync(file);
  await page.goto(app.openUrl);
  await ui.waitConnected();
  await ui.openView('Plans');
  const planRow = page.locator('[data-testid="plan-row"][data-file="batch1-dispatch-prompts.md"]');
  await expect(planRow.getByTestId('plan-diagnostic').filter({ hasText: 'deprecated by §8.5' })).toBeVisible({ timeout: 15_000 });
  await planRow.getByTestId('move-prompts').click();
  const moved = planRow.getByTestId('moved-prompts');
  await expect(moved.locator('li[data-status="created"]')).toHaveCount(2, { timeout: 15_000 });
  await expect(moved).toContainText('Batch 1A: Session exit skill');
  await expect(moved).toContainText('Batch 1B: Dispatch rules engine');
  // Kept under its own name: no rename is offered for a file the rule book keeps for history.
  await expect(planRow.getByTestId('rename-plan')).toHaveCount(0);
  await ui.screenshot('agents-plans-moved-prompts');
  // A second click makes nothing new.
  await planRow.getByTestId('move-prompts').click();
  await expect(moved.locator('li')).toHaveCount(2);
  expect(Buffer.compare(readFileSync(file), before)).toBe(0);
  expect(readdirSync(plansDir()).filter((f) => f.startsWith('batch1-dispatch-prompts'))).toEqual(['batch1-dispatch-prompts.md']);
});
