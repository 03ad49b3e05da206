import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedbackSummary } from '../../../shared/domain/feedback';
import type { SessionRecord } from '../../../shared/domain/session';
import type { AppState } from '../../../shared/state/appState';
import { EnvSecretStore } from '../linear/linearKeyStore';
import { emptyAppState } from '../linear/service/appState.testutil';
import { createTempRepo, gitIn, makeTempDir, type TempRepo } from '../testing/tempRepo';
import type { GithubSettings } from './connectGithub';
import { connectGithub } from './connectGithub';
import { pushAndOpenPull } from './pullRequestFlow';
import { sessionFeedback, sessionsFeedback } from './sessionFeedback';
import { startGithubTestServer, type GithubTestServer } from './testServer/githubTestServer';

const REMOTE = 'https://github.com/acme/widgets.git';
let repo: TempRepo;
let server: GithubTestServer;
let state: AppState;
let settings: GithubSettings;

function session(id: string, path: string, branch: string, issueId: string, files: string[]): SessionRecord {
  return {
    id,
    name: id,
    worktree: { id: path, path, repoRoot: repo.dir, commonGitDir: join(repo.dir, '.git'), gitDir: null, branch, head: null, detached: false, locked: false, prunable: false, bare: false, isMain: false, source: ['git-worktree-list'] },
    git: { branch, filesChangedVsBase: files } as SessionRecord['git'],
    issueId,
    phase: null,
    agent: null,
    planPath: null,
    matchedBy: ['branch'],
    unmatched: false,
    status: 'working',
    statusReason: '',
    statusSince: '2026-01-01T00:00:00Z',
    claude: null,
    progress: null,
    collisions: [],
    warnings: [],
  } as SessionRecord;
}

beforeEach(async () => {
  repo = await createTempRepo();
  const bare = join(await makeTempDir('switchyard-bare-'), 'widgets.git');
  await gitIn(repo.dir, 'init', '-q', '--bare', '-b', 'main', bare);
  await repo.git('remote', 'add', 'origin', REMOTE);
  await repo.git('config', `url.${bare}.insteadOf`, REMOTE);
  await repo.write('a.txt', 'a\n');
  await repo.write('shared.txt', 's\n');
  await repo.commitAll('base');
  await repo.git('push', '-q', 'origin', 'main');
  state = emptyAppState();
  const wts: string[] = [];
  for (const [branch, file] of [['feature/a', 'a.txt'], ['feature/b', 'shared.txt'], ['feature/c', 'c.txt']] as const) {
    const wt = await repo.addWorktree(join(repo.dir, '..', `${repo.dir.split('/').pop()}-${branch.replace('/', '-')}`), branch);
    await writeFile(join(wt, file), `${branch}\n`);
    await gitIn(wt, 'add', '-A');
    await gitIn(wt, 'commit', '-q', '-m', `${branch} edits ${file}`);
    wts.push(wt);
  }
  state.sessions = {
    a: session('a', wts[0] ?? '', 'feature/a', 'CIA-1', ['a.txt', 'shared.txt']),
    b: session('b', wts[1] ?? '', 'feature/b', 'CIA-2', ['shared.txt']),
    c: session('c', wts[2] ?? '', 'feature/c', 'CIA-3', ['c.txt']),
  };
  server = await startGithubTestServer({ owner: 'acme', repo: 'widgets', bareDir: bare });
  settings = { store: new EnvSecretStore({ GITHUB_TOKEN: 'ghp_test' }, 'GITHUB_TOKEN'), apiBaseUrl: server.baseUrl };
});
afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
  await repo.cleanup();
});

describe('PR feedback for the Sessions rows', () => {
  it('reads every session’s own PR once per repository; the row marker and the detail come from the same items; cross-session feedback stays flagged', async () => {
    const connection = await connectGithub(repo.dir, { store: settings.store, apiBaseUrl: server.baseUrl, cliToken: async () => null });
    if (!connection.ok) throw new Error(connection.reason);
    await pushAndOpenPull(connection.client, { cwd: repo.dir, branch: 'feature/a', base: 'main', text: { title: 'A', body: '' }, draft: false });
    await pushAndOpenPull(connection.client, { cwd: repo.dir, branch: 'feature/b', base: 'main', text: { title: 'B', body: '' }, draft: false });
    const headA = (await gitIn(repo.dir, 'rev-parse', 'feature/a')).trim();
    server.addReview(1, 'ada', 'CHANGES_REQUESTED', 'Rename it');
    server.setCheck(headA, 'ci/test', 'failure');
    server.setCheck(headA, 'ci/lint', 'failure');
    server.addReviewComment(1, 'ada', 'a.txt', 'Own file');
    server.addReviewComment(1, 'ada', 'shared.txt', 'This file is also b’s');
    server.addReviewComment(1, 'ada', 'a.txt', 'See CIA-3 too');

    const before = server.log.length;
    const all = await sessionsFeedback(state, settings);
    // One list for the repository, then only the sessions with a PR: c has none and no entry.
    expect(server.log.slice(before).filter((l) => l.includes('(pulls/list)'))).toHaveLength(1);
    expect(Object.keys(all).sort()).toEqual(['a', 'b']);
    expect(feedbackSummary(all.a?.items ?? [])).toEqual({ words: ['changes requested', '2 checks failing', '3 comments'], forPerson: 2 });
    expect(feedbackSummary(all.b?.items ?? [])).toEqual({ words: [], forPerson: 0 });
    const flagged = (all.a?.items ?? []).filter((i) => i.alsoTouches.length > 0).map((i) => [i.body, i.alsoTouches.map((t) => t.sessionName)]);
    expect(flagged).toEqual([
      ['This file is also b’s', ['b']],
      ['See CIA-3 too', ['c']],
    ]);
    // The detail's own request answers the same.
    expect(await sessionFeedback(state, 'a', settings)).toEqual(all.a);
  });

  it('says nothing for a repository GitHub is not reachable for (no token)', async () => {
    expect(await sessionsFeedback(state, { store: new EnvSecretStore({}, 'GITHUB_TOKEN'), apiBaseUrl: server.baseUrl })).toEqual({});
  });
});
