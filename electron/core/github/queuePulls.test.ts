import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MergeQueueView } from '../../../shared/domain/mergeView';
import type { AppState } from '../../../shared/state/appState';
import { EnvSecretStore } from '../linear/linearKeyStore';
import { emptyAppState } from '../linear/service/appState.testutil';
import { createTempRepo, gitIn, makeTempDir, type TempRepo } from '../testing/tempRepo';
import { markQueuePullReady, mergeQueuePull, openQueuePull, queuePulls, type GithubSettings } from './queuePulls';
import { startGithubTestServer, type GithubTestServer } from './testServer/githubTestServer';

const REMOTE = 'https://github.com/acme/widgets.git';
let repo: TempRepo;
let server: GithubTestServer;
let state: AppState;
let settings: GithubSettings;

/**
 * Only the fields the PR glue reads are filled: the queue view's full shape belongs to the merge
 * service (and changes with it); a cast keeps this test about the order of merges.
 */
function queueView(rows: Array<{ branch: string; worktreePath: string; issueId: string }>): MergeQueueView {
  return {
    id: 'q1',
    repoDir: repo.dir,
    base: 'main',
    strategy: 'merge',
    planTitle: 'Widgets plan',
    masterIssueId: null,
    rows: rows.map((r, i) => ({ ...r, phase: `1${'AB'[i] ?? 'X'}`, sessionName: `session-${i}`, sessionStatus: 'done', verdict: { kind: 'ready' } })),
  } as unknown as MergeQueueView;
}

beforeEach(async () => {
  repo = await createTempRepo();
  const bare = join(await makeTempDir('switchyard-bare-'), 'widgets.git');
  await gitIn(repo.dir, 'init', '-q', '--bare', '-b', 'main', bare);
  await repo.git('remote', 'add', 'origin', REMOTE);
  await repo.git('config', `url.${bare}.insteadOf`, REMOTE);
  await repo.write('a.txt', 'a\n');
  await repo.write('b.txt', 'b\n');
  await repo.commitAll('base');
  await repo.git('push', '-q', 'origin', 'main');
  const wts: string[] = [];
  for (const [branch, file] of [['feature/a', 'a.txt'], ['feature/b', 'b.txt']] as const) {
    const wt = await repo.addWorktree(join(repo.dir, '..', `${repo.dir.split('/').pop()}-${file}`), branch);
    await writeFile(join(wt, file), `${branch}\n`);
    await gitIn(wt, 'commit', '-q', '-am', `${branch} edits ${file}`);
    wts.push(wt);
  }
  server = await startGithubTestServer({ owner: 'acme', repo: 'widgets', bareDir: bare });
  settings = { store: new EnvSecretStore({ GITHUB_TOKEN: 'ghp_test' }, 'GITHUB_TOKEN'), apiBaseUrl: server.baseUrl };
  state = emptyAppState();
  state.merge.q1 = queueView([
    { branch: 'feature/a', worktreePath: wts[0] ?? '', issueId: 'CIA-1' },
    { branch: 'feature/b', worktreePath: wts[1] ?? '', issueId: 'CIA-2' },
  ]);
});
afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
  await repo.cleanup();
});

describe('pull requests of a merge queue', () => {
  it('merges the PRs in the declared order only, and brings the next one up to date after each merge', async () => {
    expect(await openQueuePull(state, 'q1', 'feature/b', settings)).toMatchObject({ number: 1, created: true });
    expect(await openQueuePull(state, 'q1', 'feature/a', settings)).toMatchObject({ number: 2, created: true });
    // Opened for a done session: not a draft, title from the issue id.
    expect(server.pulls.map((p) => [p.head, p.draft, p.title.startsWith('CIA-')])).toEqual([['feature/b', false, true], ['feature/a', false, true]]);

    server.mergeMethods.rebase = false;
    const listed = await queuePulls(state, 'q1', settings);
    expect(listed.allowedMethods).toEqual(['merge', 'squash']);
    const blocker = Object.fromEntries(listed.entries.map((e) => [e.branch, e.mergeBlocker]));
    expect(blocker).toEqual({ 'feature/a': null, 'feature/b': 'not its turn: feature/a merges first' });

    const first = await mergeQueuePull(state, 'q1', settings);
    expect(first.ok).toBe(true);
    expect(first.message).toContain('Merged #2 (feature/a) into main on GitHub.');
    expect(first.message).toContain('#1 (feature/b) rebased onto the new main and pushed.');
    expect(server.pulls.find((p) => p.head === 'feature/a')?.merged).toBe(true);
    // The local base caught up with origin (and its checked-out worktree with it).
    const mergedSha = server.pulls.find((p) => p.head === 'feature/a')?.mergedSha;
    expect((await repo.git('rev-parse', 'main')).trim()).toBe(mergedSha);
    expect(await repo.git('status', '--porcelain')).toBe('');
    expect(first.message).toContain(`Local main moved to origin's ${mergedSha?.slice(0, 8)}.`);
    expect(server.pulls.find((p) => p.head === 'feature/b')?.merged).toBe(false);

    const second = await mergeQueuePull(state, 'q1', settings);
    expect(second.ok).toBe(true);
    expect(second.message).toMatch(/^Merged #1 \(feature\/b\) into main on GitHub\. Local main moved to origin's [0-9a-f]{8}\.$/);
    expect(await mergeQueuePull(state, 'q1', settings)).toEqual({ ok: false, message: 'Every branch of this queue is merged.', allowedMethods: null });
  });

  it('§3 post-session review: the PR merges once approved on GitHub (or the review is recorded in the plan)', async () => {
    const a = state.merge.q1?.rows[0];
    if (!a) throw new Error('no row');
    a.postSessionReview = { passed: false, record: null };
    await openQueuePull(state, 'q1', 'feature/a', settings);
    const refused = await mergeQueuePull(state, 'q1', settings);
    expect(refused).toEqual({ ok: false, message: 'feature/a: the plan asks for a post-session review: approve the PR, or record the review.', allowedMethods: null });
    expect(server.pulls.find((p) => p.head === 'feature/a')?.merged).toBe(false);
    expect((await queuePulls(state, 'q1', settings)).entries.find((e) => e.branch === 'feature/a')?.mergeBlocker).toBe('the plan asks for a post-session review: approve the PR, or record the review');

    server.addReview(1, 'reviewer', 'APPROVED');
    expect((await mergeQueuePull(state, 'q1', settings)).ok).toBe(true);
  });

  it('refuses to merge past a PR that is missing, naming the branch', async () => {
    await openQueuePull(state, 'q1', 'feature/b', settings);
    expect(await mergeQueuePull(state, 'q1', settings)).toEqual({ ok: false, message: 'feature/a has no pull request yet: push and open it first.', allowedMethods: null });
  });

  it('a PR opened while its session works is a draft; once the session is Done the queue offers "ready for review", which GitHub GraphQL performs', async () => {
    const row = state.merge.q1?.rows[0];
    if (!row) throw new Error('no row');
    row.sessionStatus = 'working';
    await openQueuePull(state, 'q1', 'feature/a', settings);
    expect(server.pulls[0]?.draft).toBe(true);
    let entry = (await queuePulls(state, 'q1', settings)).entries[0];
    expect(entry).toMatchObject({ readyToMark: false, mergeBlocker: 'the pull request is a draft', pull: { state: 'draft' } });
    await expect(markQueuePullReady(state, 'q1', 'feature/a', settings)).rejects.toThrow(/session is not Done yet/);
    expect(server.pulls[0]?.draft).toBe(true);

    row.sessionStatus = 'done';
    entry = (await queuePulls(state, 'q1', settings)).entries[0];
    expect(entry).toMatchObject({ readyToMark: true, mergeBlocker: 'a draft, and its session is Done: mark it ready for review' });
    expect(await markQueuePullReady(state, 'q1', 'feature/a', settings)).toEqual({ number: 1, message: '#1 is ready for review.' });
    expect(server.pulls[0]?.draft).toBe(false);
    expect(server.log.filter((l) => l.includes('graphql'))).toEqual(['POST /graphql (graphql)']);
    entry = (await queuePulls(state, 'q1', settings)).entries[0];
    expect(entry).toMatchObject({ readyToMark: false, mergeBlocker: null, pull: { state: 'open' } });
    expect(await markQueuePullReady(state, 'q1', 'feature/a', settings)).toEqual({ number: 1, message: '#1 was not a draft.' });
  });

  it("the test server checks GraphQL against GitHub's schema: an unknown field or a wrongly typed variable is a violation", async () => {
    const post = (body: unknown) => fetch(`${server.baseUrl}/graphql`, { method: 'POST', headers: { authorization: 'token ghp_test', 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ errors?: unknown[] }>);
    expect((await post({ query: 'mutation { markPullRequestReadyForReview(input: { pullRequestId: "PR_1", draft: false }) { pullRequest { isDraft } } }' })).errors).toHaveLength(1);
    expect((await post({ query: 'mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }', variables: { id: { nested: 1 } } })).errors).toHaveLength(1);
    expect(server.violations).toEqual([expect.stringMatching(/Field "draft" is not defined by type "MarkPullRequestReadyForReviewInput"/), expect.stringMatching(/Variable "\$id" got invalid value/)]);
    server.violations.length = 0;
  });
});
