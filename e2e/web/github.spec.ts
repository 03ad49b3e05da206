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

const B541 = 'claude/cia-541-session-exit';
const B542 = 'claude/cia-542-dispatch-rules';
const REMOTE = 'https://github.com/acme/claude-command-centre.git';

let app: ServedApp;
let github: GithubTestServer;
let bare: string;

test.beforeAll(async () => {
  bare = join(mkdtempSync(join(tmpdir(), 'switchyard-e2e-bare-')), 'ccc.git');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);
  github = await startGithubTestServer({ owner: 'acme', repo: 'claude-command-centre', bareDir: bare });
  app = await serveApp(['--demo'], { GITHUB_TOKEN: 'ghp_e2e', SWITCHYARD_GITHUB_API_URL: github.baseUrl });
  // The demo repository gets a GitHub origin that, through url.insteadOf, is the bare repository.
  const repo = join(app.demoRoot ?? '', 'repos', 'claude-command-centre');
  execFileSync('git', ['remote', 'add', 'origin', REMOTE], { cwd: repo });
  execFileSync('git', ['config', `url.${bare}.insteadOf`, REMOTE], { cwd: repo });
  execFileSync('git', ['push', '-q', 'origin', 'main'], { cwd: repo });
});
test.afterAll(async () => {
  await app.stop();
  expect(github.violations).toEqual([]);
  await github.close();
});

const headOf = (branch: string) => execFileSync('git', ['rev-parse', `refs/heads/${branch}`], { cwd: bare, encoding: 'utf8' }).trim();

test('push → PR → checks pending → a failing check blocks the merge by name → pass → merged in order', async ({ page }) => {
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  const merge = new MergePage(page);
  await ui.waitConnected();
  await ui.openView('Merge');
  const refresh = () => merge.queue().getByRole('button', { name: 'Refresh', exact: true }).click();

  await merge.row(B541).getByTestId('open-pull').click();
  await expect(merge.row(B541).getByTestId('pull-state')).toHaveAttribute('data-state', 'open');
  expect(github.pulls[0]).toMatchObject({ number: 1, head: B541, base: 'main', draft: false });
  expect(github.pulls[0]?.title).toMatch(/^CIA-541/);
  // The session of 1B is still working: its PR opens as a draft.
  await merge.row(B542).getByTestId('open-pull').click();
  await expect(merge.row(B542).getByTestId('pull-state')).toHaveAttribute('data-state', 'draft');

  github.setCheck(headOf(B541), 'ci/test', 'pending');
  await refresh();
  await expect(merge.row(B541).getByTestId('pull-check')).toHaveAttribute('data-check', 'pending');
  await expect(merge.row(B541).getByTestId('pull-blocker')).toHaveText('check still running: ci/test');

  github.setCheck(headOf(B541), 'ci/test', 'failure');
  await refresh();
  await expect(merge.row(B541).getByTestId('pull-check')).toHaveAttribute('data-check', 'fail');
  await merge.queue().getByTestId('merge-pull').click();
  await expect(page.getByText('#1 cannot be merged yet: failing check: ci/test.')).toBeVisible();
  await expect(merge.row(B541).getByTestId('pull-state')).toHaveAttribute('data-state', 'open');
  await ui.screenshot('github-failing-check');

  github.setCheck(headOf(B541), 'ci/test', 'success');
  await refresh();
  await expect(merge.row(B541).getByTestId('pull-check')).toHaveAttribute('data-check', 'pass');
  await merge.queue().getByTestId('merge-pull').click();
  await expect(merge.row(B541).getByTestId('pull-state')).toHaveAttribute('data-state', 'merged');
  expect(github.pulls[0]?.merged).toBe(true);
  // The local base caught up with origin: the local queue sees 1A merged and offers nothing to merge twice.
  await expect(merge.verdict(B541)).toHaveText('Merged');
  expect(execFileSync('git', ['rev-parse', 'main'], { cwd: join(app.demoRoot ?? '', 'repos', 'claude-command-centre'), encoding: 'utf8' }).trim()).toBe(headOf('main'));
  // The next in order is the draft: it says why it cannot merge.
  await expect(merge.row(B542).getByTestId('pull-blocker')).toHaveText('the pull request is a draft');
  await ui.screenshot('github-merged-in-order');
});

test("a session's own PR feedback shows in its detail; feedback touching another session is flagged for the person", async ({ page }) => {
  const pr = github.pulls.find((p) => p.head === B542);
  expect(pr).toBeDefined();
  github.addReview(pr?.number ?? 0, 'reviewer', 'CHANGES_REQUESTED', 'Name the new rule in the README.');
  // commands/go.md is also changed by the 1C session: this comment is not 1B's alone.
  github.addReviewComment(pr?.number ?? 0, 'reviewer', 'commands/go.md', 'Step 3 reads differently on the other branch.');
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  await ui.waitConnected();
  await new SessionsPage(page).openDetail('claude-command-centre-cia-542');
  const feedback = page.getByTestId('detail-pull-feedback');
  await expect(feedback).toContainText(`Pull request #${pr?.number ?? 0} (draft)`);
  await expect(feedback.locator('[data-kind="changes-requested"]')).toContainText('Name the new rule in the README.');
  const cross = feedback.locator('[data-kind="comment"][data-cross="true"]');
  await expect(cross).toContainText('commands/go.md');
  await expect(cross.getByTestId('feedback-cross')).toContainText('quiet-lovelace also changes commands/go.md');
  await feedback.scrollIntoViewIfNeeded();
  await ui.screenshot('github-session-feedback');
});

test('Settings says where the GitHub token comes from and takes one without showing it back', async ({ page }) => {
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  await ui.waitConnected();
  await ui.openView('Settings');
  const section = page.getByTestId('github-settings');
  await expect(section.getByTestId('github-token-source')).toHaveText('Token: GITHUB_TOKEN environment variable');
  await section.getByTestId('github-token').fill('ghp_pasted_in_the_page');
  await section.getByRole('button', { name: 'Save token' }).click();
  await expect(section.getByTestId('github-token-source')).toContainText('set for this session only (not saved)');
  await expect(section.getByTestId('github-token')).toHaveValue('');
  await expect(page.getByText('ghp_pasted_in_the_page')).toHaveCount(0);
});
