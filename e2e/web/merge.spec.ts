import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppPage } from '../pages/AppPage';
import { MergePage } from '../pages/MergePage';
import { serveApp, type ServedApp } from '../support/serveApp';

let app: ServedApp;
test.beforeAll(async () => {
  app = await serveApp(['--demo']);
});
test.afterAll(async () => {
  await app.stop();
});

const B541 = 'claude/cia-541-session-exit';
const B542 = 'claude/cia-542-dispatch-rules';
const B543 = 'claude/cia-543-review-gates';

function demoRepo(): string {
  return join(app.demoRoot ?? '', 'repos', 'claude-command-centre');
}
function mainHead(): string {
  return execFileSync('git', ['rev-parse', 'main'], { cwd: demoRepo(), encoding: 'utf8' }).trim();
}
function demoPlanText(): string {
  const dir = join(app.demoRoot ?? '', 'home', '.claude', 'plans');
  const file = readdirSync(dir).find((f) => f.endsWith('-ccc-dispatch-console.md')) ?? '';
  return readFileSync(join(dir, file), 'utf8');
}

test('merges the demo queue in order, shows the next verdict and the predicted conflict, and undoes', async ({ page }) => {
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  const merge = new MergePage(page);
  await ui.waitConnected();
  await ui.openView('Merge');

  // The plan's declared order (1A, 1B, 1C, 1D) with each branch's verdict.
  await expect(merge.verdict(B541)).toHaveText('Ready');
  await expect(merge.verdict(B542)).toHaveText('Waiting for the session');
  await expect(merge.verdict(B543)).toHaveText('Waiting for the session');
  const order = await page.getByTestId('merge-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-branch')));
  expect(order.slice(0, 3)).toEqual([B541, B542, B543]);
  await expect(merge.mergeNext()).toBeEnabled();
  await expect(merge.mergeNext()).toHaveText(`Merge ${B541}`);
  await expect(merge.row(B542)).toContainText('↑2 ↓1');

  // 1B and 1C both edit /go: predicted without touching a working tree, named on the grid and below it.
  await expect(merge.predictedConflicts()).toContainText('commands/go.md');
  await expect(merge.matrix().locator('[data-conflict="true"]').first()).toHaveAttribute('title', /commands\/go\.md/);
  await ui.screenshot('merge-queue');

  // Merge the next (and only ready) branch.
  const before = mainHead();
  await merge.mergeNext().click();
  await expect(merge.verdict(B541)).toHaveText('Merged');
  await expect(merge.queue().getByTestId('merge-last-action')).toContainText(`merged '${B541}' into 'main'`);
  await expect(merge.undoButtons().first()).toBeEnabled();
  // The next in line is now 1B, and the view says why it cannot merge yet.
  await expect(merge.mergeNext()).toBeDisabled();
  await expect(merge.queue().locator('.merge-why')).toContainText(B542);
  await expect(merge.queue().locator('.merge-why')).toContainText('still working');
  // main gained 541's two commits and the merge commit: 1B is now further behind and is offered a rebase (not while it works).
  await expect(merge.row(B542)).toContainText('↑2 ↓4');
  await expect(merge.row(B542).getByRole('button', { name: 'Rebase onto new base' })).toBeDisabled();
  await expect(merge.row(B541).getByRole('button', { name: 'Remove worktree…' })).toBeVisible();
  expect(mainHead()).not.toBe(before);
  await expect.poll(() => demoPlanText()).toMatch(/\| lucid-euler \|.*\| Merged \|/);
  expect(demoPlanText()).toMatch(/## Merge Log\n\n- \S+ — merged `claude\/cia-541-session-exit` \(1A\) into `main`/);
  await ui.screenshot('merge-after-merge');

  // Undo from the backup ref written before main moved.
  const undo = merge.undoButtons().first();
  await expect(undo).toBeEnabled();
  await undo.click();
  await expect(merge.verdict(B541)).toHaveText('Ready');
  await expect(merge.mergeNext()).toBeEnabled();
  expect(mainHead()).toBe(before);
  await expect(merge.queue().getByTestId('merge-last-action')).toContainText('restored');
  await ui.screenshot('merge-after-undo');
});
