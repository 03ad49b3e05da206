import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from '../pages/AppPage';
import { DispatchPage } from '../pages/DispatchPage';
import { serveApp, type ServedApp } from '../support/serveApp';

// Rule book §1 Research Sufficiency Assessment: synthesis waits for SUFFICIENT; INSUFFICIENT names
// the gaps and offers targeted follow-up tracks; an override takes a written reason, kept in the plan.
const link = (id: string): string => `[${id}](https://linear.app/claudian/issue/${id})`;
const SECTION = `## Research Sufficiency

Assessed by dgw after R1–R3 reported.

- [x] Evidence convergence: yes — R1 and R3 both cite the 2024 benchmark
- [x] Coverage: no — nobody looked at cost
- [x] Contradictions: no
- Gaps: Q3 cost model; a second source for latency
`;
const plan = (repo: string): string => `# Queue library research

**Parent issue:** ${link('CIA-930')}
**Date:** 2026-12-01
**Repo:** ${repo}

## Issue Registry

| ID | Title | Status | Exec | Est | Depends On |
|----|-------|--------|------|-----|------------|
| ${link('CIA-931')} | S2 discovery | Done | spike | 2 | None |
| ${link('CIA-932')} | arXiv discovery | Done | spike | 2 | None |
| ${link('CIA-933')} | OpenAlex discovery | Done | spike | 2 | None |
| ${link('CIA-939')} | Synthesis of the findings | Todo | spike | 2 | None |

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
| R1 | ${link('CIA-931')} | S2 discovery | 1 | None |
| R2 | ${link('CIA-932')} | arXiv discovery | 1 | None |
| R3 | ${link('CIA-933')} | OpenAlex discovery | 1 | None |
| S1 | ${link('CIA-939')} | Synthesis of the findings | 2 | R1, R2, R3 |

## Dispatch — Batch 1

| Session | Issue | Focus | Mode | Est. Cost | Agent | Worktree |
|---------|-------|-------|------|-----------|-------|----------|
| R1 | ${link('CIA-931')} | S2 discovery | spike | ~$4–8 (×2–4 MCP) | Claude Code | yes |
| R2 | ${link('CIA-932')} | arXiv discovery | spike | ~$4–8 (×2–4 MCP) | Claude Code | yes |
| R3 | ${link('CIA-933')} | OpenAlex discovery | spike | ~$4–8 (×2–4 MCP) | Claude Code | yes |

## Dispatch — Synthesis

| Session | Issue | Focus | Mode | Est. Cost | Agent | Worktree |
|---------|-------|-------|------|-----------|-------|----------|
| S1 | ${link('CIA-939')} | Synthesis of the findings | spike | ~$4–8 (×2–4 MCP) | Claude Code | no |

## Session Registry

| Session Name | Issue | Phase | Agent | Worktree | Branch | Status |
|--------------|-------|-------|-------|----------|--------|--------|
| calm-turing | ${link('CIA-931')} | R1 | Claude Code | yes | claude/cia-931-s2 | Done |
| calm-hopper | ${link('CIA-932')} | R2 | Claude Code | yes | claude/cia-932-arxiv | Done |
| calm-curie | ${link('CIA-933')} | R3 | Claude Code | yes | claude/cia-933-openalex | Merged |

${SECTION}`;

/** The same research, assessed with a contradiction nobody has resolved yet. */
const CONTRADICTED = `## Research Sufficiency

- [x] Evidence convergence: yes
- [x] Coverage: yes
- [x] Contradictions: yes — R1 and R2 disagree on throughput
`;

let app: ServedApp;
let root: string;
let planPath: string;
let contradictedPath: string;
test.beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'switchyard-research-'));
  const home = join(root, 'home');
  mkdirSync(join(home, 'plans'), { recursive: true });
  planPath = join(home, 'plans', '2026-12-01-ccc-queue-research.md');
  const repo = join(root, 'repos', 'queue-lab');
  mkdirSync(repo, { recursive: true });
  writeFileSync(planPath, plan(repo));
  contradictedPath = join(home, 'plans', '2026-12-01-ccc-queue-contradiction.md');
  writeFileSync(contradictedPath, plan(repo).replace(SECTION, CONTRADICTED).replace('# Queue library research', '# Queue library research, contradicted'));
  const data = join(root, 'data');
  mkdirSync(data);
  app = await serveApp(['--claude-home', home, '--data-dir', data]);
});
test.afterAll(async () => {
  await app?.stop();
  rmSync(root, { recursive: true, force: true });
});

async function pickPlan(page: Page, label: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Plan', exact: true }).selectOption({ label });
}

test('synthesis waits for the Research Sufficiency Assessment: gaps offer follow-up tracks, an override takes a reason', async ({ page }) => {
  test.setTimeout(60_000);
  const ui = new AppPage(page);
  const dispatch = new DispatchPage(page);
  await page.goto(app.openUrl);
  await ui.waitConnected();
  await ui.openView('Dispatch');
  await pickPlan(page, '2026-12-01-ccc-queue-research.md — CIA-930');

  // The gate, in words, on the synthesis batch; approval blocked until overridden.
  const gate = dispatch.violations(dispatch.batch(2)).filter({ hasText: 'Synthesis waits for the Research Sufficiency Assessment' });
  await expect(gate).toContainText('INSUFFICIENT — gaps: Q3 cost model; a second source for latency');
  await expect(dispatch.approve(2)).toBeDisabled();
  const offer = dispatch.batch(2).getByTestId('follow-up-offer');
  await expect(offer.getByTestId('follow-up-gap')).toHaveText([/Q3 cost model/, /a second source for latency/]);
  await expect(page.getByTestId('sufficiency-outcome')).toHaveText('INSUFFICIENT');
  await dispatch.batch(2).scrollIntoViewIfNeeded();
  await ui.screenshot('dispatch-synthesis-gated');

  // One targeted follow-up track: a research row in a new batch 2 before the synthesis, which moves to 3.
  const q3 = offer.getByTestId('follow-up-gap').filter({ hasText: 'Q3 cost model' });
  await q3.getByRole('textbox').fill('CIA-934');
  await q3.getByTestId('add-follow-up').click();
  const toast = page.getByText('Follow-up track added to the Phase Map');
  await expect(toast).toBeVisible();
  await toast.click(); // dismissed, so the screenshot shows the offer under it
  await expect(dispatch.batch(2).getByTestId('dispatch-row')).toHaveCount(1);
  await expect(dispatch.batch(2)).toContainText('Q3 cost model — follow-up research (exec:spike, type:research, read-only)');
  await expect(dispatch.batch(2)).toContainText('research (cap 5)');
  const moved = dispatch.batch(3);
  await expect(dispatch.violations(moved).filter({ hasText: 'Synthesis waits for the Research Sufficiency Assessment' })).toContainText('gaps: Q3 cost model (follow-up track R4); a second source for latency');
  await expect(moved.getByTestId('follow-up-gap').filter({ hasText: 'Q3 cost model' }).getByTestId('follow-up-added')).toHaveText('follow-up track R4');
  await expect(moved.getByTestId('follow-up-gap').filter({ hasText: 'a second source for latency' }).getByTestId('add-follow-up')).toBeEnabled();
  await moved.scrollIntoViewIfNeeded();
  await ui.screenshot('dispatch-follow-up-offer');
  await expect(dispatch.batch(2).getByTestId('dispatch-row')).toContainText('CIA-934');
  expect(readFileSync(planPath, 'utf8')).toContain('| R4 | [CIA-934](https://linear.app/claudian/issue/CIA-934) | Q3 cost model — follow-up research (exec:spike, type:research, read-only) | 2 | None |');

  // The person overrides the gate with a written reason: approved, the reason kept in the plan.
  await dispatch.approveWithReason(3, 'Cost is out of scope for this decision');
  await expect(moved.getByTestId('approve-batch')).toHaveCount(0, { timeout: 10_000 });
  const after = readFileSync(planPath, 'utf8');
  expect(after).toMatch(/Batch 3 approved by .*OVERRIDE of \d+ violation\(s\) \([^)]*research\.sufficiency[^)]*\): "Cost is out of scope for this decision"/);
  expect(after).toContain(SECTION);
});

test('contradictions hold the synthesis until a person writes the resolution; then it may be approved without an override', async ({ page }) => {
  test.setTimeout(60_000);
  const ui = new AppPage(page);
  const dispatch = new DispatchPage(page);
  await page.goto(app.openUrl);
  await ui.waitConnected();
  await ui.openView('Dispatch');
  await pickPlan(page, '2026-12-01-ccc-queue-contradiction.md — CIA-930');

  const gate = dispatch.violations(dispatch.batch(2)).filter({ hasText: 'Synthesis waits for the Research Sufficiency Assessment' });
  await expect(gate).toContainText('INSUFFICIENT — gaps: Contradictions: conflicting evidence needs a written human resolution');
  await expect(dispatch.approve(2)).toBeDisabled();

  const checklist = page.getByTestId('sufficiency');
  await checklist.getByTestId('sufficiency-resolution').fill('R2 measured an old release; dgw follows R1');
  await checklist.scrollIntoViewIfNeeded();
  await ui.screenshot('dispatch-sufficiency-resolution');
  await checklist.getByTestId('save-sufficiency').click();
  await expect(page.getByTestId('sufficiency-outcome')).toHaveText('SUFFICIENT');
  await expect(gate).toHaveCount(0);
  await expect(dispatch.approve(2)).toBeEnabled();
  await expect(dispatch.overrideReason(2)).toHaveCount(0);
  await dispatch.approve(2).click();
  await expect(dispatch.approve(2)).toHaveCount(0, { timeout: 10_000 });
  const after = readFileSync(contradictedPath, 'utf8');
  expect(after).toContain('- [x] Contradictions: yes — R1 and R2 disagree on throughput\n- Resolution: R2 measured an old release; dgw follows R1\n');
  expect(after).toMatch(/Batch 2 approved by [^;\n]*: 1 session\(s\) S1; merge order S1\n/);
});
