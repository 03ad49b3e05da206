import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MergeQueueView } from '../../../shared/domain/mergeView';
import type { AppState } from '../../../shared/state/appState';
import { EnvSecretStore } from '../linear/linearKeyStore';
import { emptyAppState } from '../linear/service/appState.testutil';
import { createTempRepo, gitIn, makeTempDir, type TempRepo } from '../testing/tempRepo';
import { mergeQueuePull, openQueuePull, queuePulls, type GithubSettings } from './queuePulls';
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

    const listed = await queuePulls(state, 'q1', settings);
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
    expect(await mergeQueuePull(state, 'q1', settings)).toEqual({ ok: false, message: 'Every branch of this queue is merged.' });
  });

  it('refuses to merge past a PR that is missing, naming the branch', async () => {
    await openQueuePull(state, 'q1', 'feature/b', settings);
    expect(await mergeQueuePull(state, 'q1', settings)).toEqual({ ok: false, message: 'feature/a has no pull request yet: push and open it first.' });
  });
});
