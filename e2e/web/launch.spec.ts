import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { AppPage } from '../pages/AppPage';
import { DispatchPage } from '../pages/DispatchPage';
import { SessionsPage } from '../pages/SessionsPage';
import { serveApp, type ServedApp } from '../support/serveApp';

const FAKE_CLAUDE = resolve('e2e/support/fake-claude');
let app: ServedApp;

test.beforeAll(async () => {
  // The stand-in claude first on PATH; each of its steps lasts long enough to be seen.
  app = await serveApp(['--demo'], { PATH: `${FAKE_CLAUDE}${delimiter}${process.env.PATH ?? ''}`, FAKE_CLAUDE_STEP_MS: '2500', FAKE_CLAUDE_LINGER_MS: '300', FAKE_CLAUDE_WAIT_FOR_KEY: '1' });
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

test('launch: approve a batch, launch it, watch Working → Waiting → Done, the terminal in the detail panel', async ({ page, context }) => {
  test.setTimeout(90_000);
  const ui = new AppPage(page);
  const dispatch = new DispatchPage(page);
  await page.goto(app.openUrl);
  await ui.waitConnected();

  // A second window on Sessions, to see the launched rows appear while the first clicks Launch.
  const watcher = await context.newPage();
  await watcher.goto(app.openUrl);
  await new AppPage(watcher).waitConnected();
  await new AppPage(watcher).openView('Sessions');
  const sessions = new SessionsPage(watcher);

  await ui.openView('Dispatch');
  await expect(dispatch.batch(2).getByTestId('launch-panel')).toHaveCount(0);
  await dispatch.approveWithReason(2, 'Batch 1 is far enough along');
  await expect(page.getByTestId('approval-result')).toContainText('Batch 2 approved');
  // Let the approval's own work (Linear sub-issues, merge queue, plan re-read) finish: the launch is measured on its own.
  await expect(page.locator('[data-testid="sub-issue-row"][data-status="created"]')).toHaveCount(2, { timeout: 20_000 });
  await page.waitForTimeout(1500);
  const panel = dispatch.batch(2).getByTestId('launch-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('claude-missing')).toHaveCount(0);
  // Batch 1's sessions already run in their worktrees: no Launch for them.
  await expect(dispatch.batch(1).getByTestId('already-running').first()).toBeVisible();

  const row2A = sessions.rows().filter({ hasText: 'cia-545' });
  const clickedAt = Date.now();
  await panel.getByTestId('launch-batch').click();
  await expect(row2A.getByTestId('session-status')).toHaveText('Working', { timeout: 10_000 });
  const toWorkingMs = Date.now() - clickedAt;
  console.log(`click → row shows Working: ${toWorkingMs} ms`);
  await expect(panel.getByTestId('launched')).toHaveCount(2);
  await expect(sessions.rows().filter({ hasText: 'cia-546' })).toHaveCount(1);
  await ui.screenshot('launch-dispatch-launched');

  // The worktree exists on the recorded branch; the registry row says Active.
  const worktree = join(app.demoRoot ?? '', 'home', '.claude', 'worktrees', 'claude-command-centre-cia-545');
  expect(existsSync(worktree)).toBe(true);
  await expect.poll(() => readFileSync(masterPlanPath(), 'utf8'), { timeout: 10_000 }).toMatch(/\| claude\/cia-545-merge-console +\| Active +\|/);

  await expect(row2A.getByTestId('session-status')).toHaveText('Waiting for you', { timeout: 15_000 });
  await new AppPage(watcher).screenshot('launch-sessions-batch');

  // The terminal in the detail panel shows what claude printed.
  await row2A.click();
  const terminal = sessions.detail().getByTestId('launch-terminal');
  await expect(terminal).toContainText('Claude Code (stand-in)', { timeout: 10_000 });
  await expect(terminal).toContainText('mode: bypassPermissions');
  await expect(terminal).toContainText('Allow Bash(npm test)?');
  await new AppPage(watcher).screenshot('launch-terminal-attached');

  // The person answers in the terminal: the keystroke reaches claude, which carries on and finishes.
  await terminal.click();
  await watcher.keyboard.type('y');
  await expect(terminal).toContainText('you typed: "y"', { timeout: 10_000 });
  await expect(row2A.getByTestId('session-status')).toHaveText('Done', { timeout: 20_000 });
  await expect(terminal).toContainText('TASK_COMPLETE');
  // Closing the panel and opening it again shows the same terminal.
  // (Esc typed in the focused terminal belongs to claude, so close with the button.)
  await sessions.detail().getByRole('button', { name: 'Close the detail panel' }).click();
  await expect(sessions.detail()).toHaveCount(0);
  await row2A.click();
  await expect(sessions.detail().getByTestId('launch-terminal')).toContainText('TASK_COMPLETE');
  // A fresh page attaches and gets the history from the core's scrollback.
  await page.reload();
  await ui.waitConnected();
  await ui.openView('Sessions');
  await new SessionsPage(page).rows().filter({ hasText: 'cia-545' }).click();
  await expect(page.getByTestId('launch-terminal')).toContainText('TASK_COMPLETE', { timeout: 10_000 });
  await ui.screenshot('launch-terminal-reattached');
  // The real session name replaced the placeholder in the Session Registry.
  await expect.poll(() => readFileSync(masterPlanPath(), 'utf8'), { timeout: 10_000 }).toContain('| claude-command-centre-cia-545-snug-otter');
  console.log(app.output().split('\n').filter((l) => l.includes('launched ')).join('\n'));
});

test('launch: with no claude on PATH the Launch buttons say so, with the install hint', async ({ page }) => {
  // A PATH with git and nothing else, and a HOME with no Claude Code install in it: whatever this
  // machine has in /usr/bin or ~/.local/bin, claude is not to be found.
  const scratch = mkdtempSync(join(tmpdir(), 'no-claude-'));
  mkdirSync(join(scratch, 'bin'));
  symlinkSync(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), join(scratch, 'bin', 'git'));
  const bare = await serveApp(['--demo'], { PATH: join(scratch, 'bin'), HOME: join(scratch, 'home') });
  try {
    const ui = new AppPage(page);
    const dispatch = new DispatchPage(page);
    await page.goto(bare.openUrl);
    await ui.waitConnected();
    await ui.openView('Dispatch');
    await dispatch.approveWithReason(2, 'Batch 1 is far enough along');
    const panel = dispatch.batch(2).getByTestId('launch-panel');
    await expect(panel.getByTestId('claude-missing')).toContainText('npm install -g @anthropic-ai/claude-code');
    await expect(panel.getByTestId('launch-batch')).toBeDisabled();
    await expect(panel.getByTestId('launch-one').first()).toBeDisabled();
    expect(readdirSync(join(bare.demoRoot ?? '', 'home', '.claude', 'worktrees')).some((n) => n.endsWith('cia-545'))).toBe(false);
  } finally {
    await bare.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
});
