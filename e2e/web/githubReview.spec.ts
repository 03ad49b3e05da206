import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGithubTestServer, type GithubTestServer } from '../../electron/core/github/testServer/githubTestServer';
import { AppPage } from '../pages/AppPage';
import { MergePage } from '../pages/MergePage';
import { SessionsPage } from '../pages/SessionsPage';
import { serveApp, type ServedApp } from '../support/serveApp';

/**
 * The review half of the GitHub path: a draft whose session is Done leaves draft when the person
 * says so, a repository that turns rebase merging off refuses it (and the Merge view names what
 * it allows), and a session's own PR feedback is on its row in Sessions.
 */

const B541 = 'claude/cia-541-session-exit';
const B542 = 'claude/cia-542-dispatch-rules';
const REMOTE = 'https://github.com/acme/claude-command-centre.git';

let app: ServedApp;
let github: GithubTestServer;
let bare: string;
let repo: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  bare = join(mkdtempSync(join(tmpdir(), 'switchyard-e2e-bare-')), 'ccc.git');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);
  github = await startGithubTestServer({ owner: 'acme', repo: 'claude-command-centre', bareDir: bare });
  app = await serveApp(['--demo'], { GITHUB_TOKEN: 'ghp_e2e', SWITCHYARD_GITHUB_API_URL: github.baseUrl });
  repo = join(app.demoRoot ?? '', 'repos', 'claude-command-centre');
  execFileSync('git', ['remote', 'add', 'origin', REMOTE], { cwd: repo });
  execFileSync('git', ['config', `url.${bare}.insteadOf`, REMOTE], { cwd: repo });
  execFileSync('git', ['push', '-q', 'origin', 'main', B541], { cwd: repo });
  // 1A's session opened its PR as a draft while it worked (as `gh pr create --draft` does); it is Done now.
  const opened = await fetch(`${github.baseUrl}/repos/acme/claude-command-centre/pulls`, {
    method: 'POST',
    headers: { authorization: 'token ghp_e2e', 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'CIA-541: Session exit skill', head: B541, base: 'main', draft: true }),
  });
  expect(opened.status).toBe(201);
});
test.afterAll(async () => {
  await app.stop();
  expect(github.violations).toEqual([]);
  await github.close();
});

test('a draft whose session is Done is offered "Mark ready for review", which takes it out of draft on GitHub', async ({ page }) => {
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  const merge = new MergePage(page);
  await ui.waitConnected();
  await ui.openView('Merge');
  await expect(merge.row(B541).getByTestId('pull-state')).toHaveAttribute('data-state', 'draft');
  await expect(merge.row(B541).getByTestId('pull-blocker')).toHaveText('a draft, and its session is Done: mark it ready for review');
  await merge.row(B541).scrollIntoViewIfNeeded();
  await ui.screenshot('github-draft-ready-offered');
  await merge.row(B541).getByTestId('mark-ready').click();
  await expect(merge.row(B541).getByTestId('pull-state')).toHaveAttribute('data-state', 'open');
  await expect(merge.row(B541).getByTestId('mark-ready')).toHaveCount(0);
  expect(github.pulls[0]?.draft).toBe(false);
  expect(github.log.filter((l) => l.includes('graphql'))).toEqual(['POST /graphql (graphql)']);
});

test('a repository without rebase merging: GitHub refuses, the Merge view keeps the refusal and offers the allowed methods', async ({ page }) => {
  github.mergeMethods.rebase = false;
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  const merge = new MergePage(page);
  await ui.waitConnected();
  await ui.openView('Merge');
  await merge.queue().getByLabel('Strategy').selectOption('rebase');
  await expect(merge.queue().getByLabel('Strategy')).toHaveValue('rebase');
  // Said before the click: the repository's settings are read with the pull requests.
  await expect(merge.queue().getByTestId('strategy-not-allowed')).toContainText('This repository does not allow rebase merges on GitHub');
  await expect(merge.row(B541).getByTestId('pull-state')).toHaveAttribute('data-state', 'open');
  const mainBefore = execFileSync('git', ['rev-parse', 'refs/heads/main'], { cwd: bare, encoding: 'utf8' }).trim();
  await merge.queue().getByTestId('merge-pull').click();
  const refusal = merge.queue().getByTestId('pull-merge-refusal');
  await expect(merge.queue().getByTestId('strategy-not-allowed')).toHaveCount(0);
  await expect(refusal).toContainText('Rebase merges are not allowed on this repository.');
  await expect(refusal).toContainText('This repository allows merge commit, squash');
  await expect(refusal.getByTestId('pull-merge-use-strategy')).toHaveText(['Use Merge commit', 'Use Squash']);
  expect(execFileSync('git', ['rev-parse', 'refs/heads/main'], { cwd: bare, encoding: 'utf8' }).trim()).toBe(mainBefore);
  await refusal.scrollIntoViewIfNeeded();
  await ui.screenshot('github-rebase-refused');

  await refusal.getByRole('button', { name: 'Use Merge commit' }).click();
  await expect(merge.queue().getByLabel('Strategy')).toHaveValue('merge');
  await expect(refusal).toHaveCount(0);
  await merge.queue().getByTestId('merge-pull').click();
  await expect(merge.row(B541).getByTestId('pull-state')).toHaveAttribute('data-state', 'merged');
  expect(github.pulls[0]?.merged).toBe(true);
});

test("a session's row shows its own PR's feedback; what touches another session is counted apart, for the person", async ({ page }) => {
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  const merge = new MergePage(page);
  await ui.waitConnected();
  await ui.openView('Merge');
  await merge.row(B542).getByTestId('open-pull').click();
  await expect(merge.row(B542).getByTestId('pull-state')).toHaveAttribute('data-state', 'draft');
  const pr = github.pulls.find((p) => p.head === B542);
  const number = pr?.number ?? 0;
  const head = execFileSync('git', ['rev-parse', `refs/heads/${B542}`], { cwd: bare, encoding: 'utf8' }).trim();
  github.addReview(number, 'reviewer', 'CHANGES_REQUESTED', 'Name the new rule in the README.');
  github.setCheck(head, 'ci/test', 'failure');
  github.addReviewComment(number, 'reviewer', 'skills/dispatch/rules.md', 'Spell out the batch cap.');
  // commands/go.md is also changed by the 1C session (quiet-lovelace): not 1B's alone.
  github.addReviewComment(number, 'reviewer', 'commands/go.md', 'Step 3 reads differently on the other branch.');

  await ui.openView('Sessions');
  const sessions = new SessionsPage(page);
  const row = sessions.row('claude-command-centre-cia-542');
  await expect(row.getByTestId('pull-marker-fact')).toHaveText(['changes requested', '1 check failing', '2 comments']);
  await expect(row.getByTestId('pull-marker-fact').first()).toBeVisible();
  await expect(row.getByTestId('pull-marker')).toHaveAttribute('title', new RegExp(`^Pull request #${number} \\(draft\\)\n• reviewer: Name the new rule`));
  await expect(row.getByTestId('pull-marker-cross')).toHaveText('⇄ PR: 1 for you');
  await expect(row.getByTestId('pull-marker-cross')).toHaveAttribute('title', /also touches another session: for you to triage/);
  // Sessions without a PR show none.
  await expect(sessions.row('claude-command-centre-cia-543').getByTestId('pull-marker')).toHaveCount(0);
  await ui.screenshot('github-session-row-feedback');

  // The detail lists the same items from the same read.
  await sessions.openDetail('claude-command-centre-cia-542');
  const feedback = page.getByTestId('detail-pull-feedback');
  await expect(feedback.getByTestId('feedback-item')).toHaveCount(4);
  await expect(feedback.locator('[data-cross="true"]')).toHaveCount(1);
});

test('Settings: GitHub Enterprise URL (https only, token not sent until confirmed), cost profile and shared-infrastructure paths', async ({ page }) => {
  // A second app without SWITCHYARD_GITHUB_API_URL: the Settings field is what decides here.
  const plain = await serveApp(['--demo'], { GITHUB_TOKEN: 'ghp_e2e' });
  try {
    await page.goto(plain.openUrl);
    const ui = new AppPage(page);
    await ui.waitConnected();
    await ui.openView('Settings');
    const section = page.getByTestId('github-settings');
    const url = section.getByTestId('github-api-url');
    await url.fill('http://ghe.corp.example/api/v3');
    await expect(section.getByTestId('github-api-url-error')).toContainText('must be an https URL');
    await expect(section.getByTestId('github-api-url-save')).toBeDisabled();
    await url.fill('https://ghe.corp.example/api/v3');
    await section.getByTestId('github-api-url-save').click();
    const confirm = section.getByTestId('github-api-url-confirm');
    await expect(confirm).toContainText('Nothing is sent there');
    await expect(confirm.getByTestId('github-api-url-confirm-button')).toHaveText('Send my token to ghe.corp.example');

    const rules = page.getByTestId('settings-dispatch-rules');
    await expect(rules.getByTestId('settings-cost-profile')).toHaveValue('capped');
    await rules.getByTestId('settings-infra-patterns').fill('src/db/schema/**\nproto/**');
    await rules.getByRole('button', { name: 'Save' }).click();
    await expect(rules.getByRole('button', { name: 'Save' })).toHaveCount(0);
    await rules.scrollIntoViewIfNeeded();
    await ui.screenshot('settings-dispatch-rules');
    await section.scrollIntoViewIfNeeded();
    await ui.screenshot('settings-github-api-url');

    await confirm.getByTestId('github-api-url-confirm-button').click();
    await expect(confirm).toHaveCount(0);
    await rules.getByTestId('settings-cost-profile').selectOption('unlimited');
    // Saved, and survives a reload.
    await page.reload();
    await ui.waitConnected();
    await ui.openView('Settings');
    await expect(page.getByTestId('settings-cost-profile')).toHaveValue('unlimited');
    await expect(page.getByTestId('settings-infra-patterns')).toHaveValue('src/db/schema/**\nproto/**');
    await expect(page.getByTestId('github-api-url')).toHaveValue('https://ghe.corp.example/api/v3');
    await expect(page.getByTestId('github-api-url-confirm')).toHaveCount(0);
    // Another URL: the confirmation does not carry over.
    await page.getByTestId('github-api-url').fill('https://other.example/api/v3');
    await page.getByTestId('github-api-url-save').click();
    await expect(page.getByTestId('github-api-url-confirm')).toContainText('https://other.example/api/v3');
  } finally {
    await plain.stop();
  }
});
