import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppPage } from '../pages/AppPage';
import { DispatchPage } from '../pages/DispatchPage';
import { MergePage } from '../pages/MergePage';
import { serveApp, type ServedApp } from '../support/serveApp';

// Rule book §3 "Pre-dispatch: … All sessions block until review passes Gate 2."
let app: ServedApp;
test.beforeAll(async () => {
  app = await serveApp(['--demo']);
});
test.afterAll(async () => {
  await app.stop();
});

const link = (id: string) => `[${id}](https://linear.app/claudian/issue/${id})`;
const PLAN = `# Spec review first

**Parent issue:** [CIA-700: Spec review first](https://linear.app/claudian/issue/CIA-700)
**Date:** 2026-12-02
**Review:** pre-dispatch + post-session

## Issue Registry

| ID | Title | Status | Exec | Est | Depends On |
|----|-------|--------|------|-----|------------|
| ${link('CIA-701')} | Schema | Todo | tdd | 3 | None |
| ${link('CIA-702')} | Docs | Todo | quick | 1 | None |

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
| 1A | ${link('CIA-701')} | Schema | 1 | None |
| 1B | ${link('CIA-702')} | Docs | 1 | None (parallel with 1A) |

## Dispatch — Batch 1

| Session | Issue | Focus | Mode | Est. Cost | Agent | Worktree |
|---------|-------|-------|------|-----------|-------|----------|
| 1A | ${link('CIA-701')} | Schema | tdd | ~$3 | Claude Code | yes |
| 1B | ${link('CIA-702')} | Docs | quick | ~$1 | Claude Code | yes |

## Notes

Hand-written notes that must survive every write.
`;

test('a plan asking for a pre-dispatch review refuses approval until "Record review passed"', async ({ page }) => {
  const ui = new AppPage(page);
  const dispatch = new DispatchPage(page);
  const planPath = join(app.demoRoot ?? '', 'home', '.claude', 'plans', '2026-12-02-ccc-spec-review.md');
  writeFileSync(planPath, PLAN);
  await page.goto(app.openUrl);
  await ui.waitConnected();
  await ui.openView('Dispatch');
  await expect(page.locator('.dispatch-plan-picker option', { hasText: '2026-12-02-ccc-spec-review.md' })).toHaveCount(1, { timeout: 15_000 });
  await page.locator('.dispatch-plan-picker').selectOption(planPath);

  const gate = page.getByTestId('review-gate');
  await expect(gate).toContainText('every batch waits until the pre-dispatch review passes Gate 2');
  await expect(gate).toContainText('line 5: **Review:** pre-dispatch + post-session');
  await expect(dispatch.batch(1).getByTestId('batch-review')).toContainText('pre-dispatch — waiting for Gate 2');
  await expect(dispatch.batch(1).getByTestId('batch-review')).toContainText('post-session');
  await expect(dispatch.violations(dispatch.batch(1)).filter({ hasText: 'waits for the pre-dispatch review' })).toContainText('All sessions block until review passes Gate 2');
  await expect(dispatch.approve(1)).toBeDisabled();
  await ui.screenshot('dispatch-review-gate-blocks-batch');

  await gate.getByTestId('record-review').click();
  await gate.getByTestId('review-note').fill('https://example.org/reviews/spec-12');
  await gate.getByTestId('review-submit').click();
  await expect(page.getByText('Pre-dispatch review recorded as passed')).toBeVisible();
  await expect(gate.getByTestId('review-gate-state')).toContainText('pre-dispatch passed', { timeout: 10_000 });
  await expect(dispatch.batch(1).getByTestId('batch-review')).toContainText('pre-dispatch — passed');
  await expect(dispatch.violations(dispatch.batch(1)).filter({ hasText: 'waits for the pre-dispatch review' })).toHaveCount(0);
  await expect(dispatch.approve(1)).toBeEnabled();
  await ui.screenshot('dispatch-review-gate-passed');

  const text = readFileSync(planPath, 'utf8');
  // One line appended under a new ## Review section; every byte of the person's plan kept.
  expect(text.startsWith(PLAN)).toBe(true);
  expect(text.slice(PLAN.length)).toMatch(/^\n## Review\n\n- \S+ — Pre-dispatch review: passed Gate 2 \(\d{4}-\d{2}-\d{2}, https:\/\/example\.org\/reviews\/spec-12\) — recorded by \S+\n$/);

  await dispatch.approve(1).click();
  await expect.poll(() => readFileSync(planPath, 'utf8')).toMatch(/Batch 1 approved by/);
});

// §3 Cross-session: "Human arbitration required. Flag in Linear, halt affected sessions until resolved."
test('a predicted conflict flagged as cross-session holds both sessions\' merges, with the Linear comment, until resolved', async ({ page }) => {
  const ui = new AppPage(page);
  const merge = new MergePage(page);
  const dir = join(app.demoRoot ?? '', 'home', '.claude', 'plans');
  const demoPlan = join(dir, readdirSync(dir).find((f) => f.endsWith('-ccc-dispatch-console.md')) ?? '');
  await page.goto(app.openUrl);
  await ui.waitConnected();
  await ui.openView('Merge');
  await expect(merge.predictedConflicts()).toContainText('commands/go.md');
  await merge.predictedConflicts().getByTestId('flag-cross-session').first().click();
  await page.getByTestId('cross-session-note').fill('1B and 1C rewrite /go in two different ways');
  await page.getByTestId('cross-session-submit').click();
  const hold = merge.queue().locator('[data-testid="merge-hold"][data-kind="cross-session"]');
  await expect(hold).toContainText('Merges held: cross-session conflict between claude/cia-542-dispatch-rules and claude/cia-543-review-gates in commands/go.md');
  await expect(hold.getByTestId('merge-hold-comment')).toContainText(/Linear: comment (posted|not posted) on CIA-540/);
  await expect(merge.verdict('claude/cia-542-dispatch-rules')).toHaveText('Held');
  await expect(merge.verdict('claude/cia-543-review-gates')).toHaveText('Held');
  await expect(merge.verdict('claude/cia-541-session-exit')).toHaveText('Ready');
  await expect.poll(() => readFileSync(demoPlan, 'utf8')).toMatch(/## Cross-Session Conflicts\n\n- \S+ — CROSS-SESSION HOLD [0-9a-f]{8}: `claude\/cia-542-dispatch-rules` vs `claude\/cia-543-review-gates` — files: `commands\/go\.md`/);
  // What the app writes names the master issue as a link (a plain id would be flagged in Plans).
  expect(readFileSync(demoPlan, 'utf8')).toMatch(/Linear [0-9a-f]{8}: comment (posted|not posted) on \[CIA-540\]\(https:\/\/linear\.app\/claudian\/issue\/CIA-540\)/);
  await ui.screenshot('merge-cross-session-hold');

  await hold.getByLabel('Decision').fill('1C keeps its wording; 1B rebases');
  await hold.getByTestId('merge-hold-resolve').click();
  await expect(merge.queue().locator('[data-testid="merge-hold"][data-kind="cross-session"]')).toHaveCount(0);
  await expect(merge.verdict('claude/cia-542-dispatch-rules')).not.toHaveText('Held');
});

// §8 Session Exit: "Write a session summary to the plan file" — the demo's Done session (1A, lucid-euler).
test('a Done session has its summary in the plan, shown in the Plans view', async ({ page }) => {
  const ui = new AppPage(page);
  const dir = join(app.demoRoot ?? '', 'home', '.claude', 'plans');
  const demoPlan = join(dir, readdirSync(dir).find((f) => f.endsWith('-ccc-dispatch-console.md')) ?? '');
  await expect.poll(() => readFileSync(demoPlan, 'utf8'), { timeout: 15_000 }).toMatch(/### Session summary — lucid-euler \(\[CIA-541\]\(https:\/\/linear\.app\/claudian\/issue\/CIA-541\)\)\n\n- \*\*Issue:\*\*/);
  const text = readFileSync(demoPlan, 'utf8');
  expect(text.match(/### Session summary/g)).toHaveLength(1);
  await page.goto(app.openUrl);
  await ui.waitConnected();
  await ui.openView('Plans');
  const row = page.locator('[data-testid="plan-row"]').filter({ hasText: 'ccc-dispatch-console' });
  const summaries = row.getByTestId('plan-session-summaries');
  await summaries.locator('summary').click();
  await expect(summaries.getByTestId('plan-session-summary').first()).toContainText('Session summary — lucid-euler (CIA-541)');
  await expect(summaries).toContainText('Branch: claude/cia-541-session-exit');
  await ui.screenshot('plans-session-summary');
});
