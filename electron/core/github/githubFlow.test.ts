import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnvSecretStore } from '../linear/linearKeyStore';
import { createTempRepo, gitIn, makeTempDir, type TempRepo } from '../testing/tempRepo';
import { connectGithub } from './connectGithub';
import type { GithubClient } from './githubClient';
import { advanceNextPull, mergePullWhenAllowed, pullRequestText, pushAndOpenPull } from './pullRequestFlow';
import { startGithubTestServer, type GithubTestServer } from './testServer/githubTestServer';

const REMOTE = 'https://github.com/acme/widgets.git';

interface World {
  repo: TempRepo;
  bare: string;
  server: GithubTestServer;
  client: GithubClient;
  wtA: string;
  wtB: string;
}

let world: World;

/** A repo whose origin is GitHub by URL but, through url.insteadOf, a real bare repository on disk. */
async function makeWorld(): Promise<World> {
  const repo = await createTempRepo();
  const bare = join(await makeTempDir('switchyard-bare-'), 'widgets.git');
  await gitIn(repo.dir, 'init', '-q', '--bare', '-b', 'main', bare);
  await repo.git('remote', 'add', 'origin', REMOTE);
  await repo.git('config', `url.${bare}.insteadOf`, REMOTE);
  await repo.write('src/a.ts', 'export const a = 1;\n');
  await repo.write('src/b.ts', 'export const b = 1;\n');
  await repo.commitAll('base');
  await repo.git('push', '-q', 'origin', 'main');
  const wtA = await repo.addWorktree(join(repo.dir, '..', `${repo.dir.split('/').pop()}-a`), 'feature/a');
  const wtB = await repo.addWorktree(join(repo.dir, '..', `${repo.dir.split('/').pop()}-b`), 'feature/b');
  await gitIn(wtA, 'config', 'commit.gpgsign', 'false');
  const commit = async (wt: string, file: string, text: string, message: string) => {
    await import('node:fs/promises').then((fs) => fs.writeFile(join(wt, file), text));
    await gitIn(wt, 'add', '-A');
    await gitIn(wt, 'commit', '-q', '-m', message);
  };
  await commit(wtA, 'src/a.ts', 'export const a = 2;\n', 'A changes a');
  await commit(wtB, 'src/b.ts', 'export const b = 2;\n', 'B changes b');
  const server = await startGithubTestServer({ owner: 'acme', repo: 'widgets', bareDir: bare });
  const connection = await connectGithub(repo.dir, { store: new EnvSecretStore({ GITHUB_TOKEN: 'ghp_test' }, 'GITHUB_TOKEN'), apiBaseUrl: server.baseUrl, cliToken: async () => null });
  if (!connection.ok) throw new Error(connection.reason);
  return { repo, bare, server, client: connection.client, wtA, wtB };
}

const sha = (dir: string, rev: string) => gitIn(dir, 'rev-parse', rev).then((s) => s.trim());

describe('GitHub pull requests through Octokit against the OpenAPI-checked test server', () => {
  beforeEach(async () => {
    world = await makeWorld();
  });
  afterEach(async () => {
    // Whatever a test did, the app sent nothing GitHub's OpenAPI description does not allow.
    expect(world.server.violations).toEqual([]);
    await world.server.close();
    await world.repo.cleanup();
  });

  it('pushes, opens the PR, waits for checks, refuses a failing one by name, merges in order and rebases the next', async () => {
    const { client, server, repo, bare, wtA, wtB } = world;
    const text = pullRequestText({ issueId: 'CIA-541', issueTitle: 'Session exit skill', issueUrl: 'https://linear.app/acme/issue/CIA-541', phase: '1A', focus: 'exit protocol', planTitle: 'Dispatch console', branch: 'feature/a' });
    expect(text.title).toBe('CIA-541: Session exit skill');
    expect(text.body).toContain('Resolves [CIA-541](https://linear.app/acme/issue/CIA-541).');

    const a = await pushAndOpenPull(client, { cwd: repo.dir, branch: 'feature/a', base: 'main', text, draft: false });
    const b = await pushAndOpenPull(client, { cwd: repo.dir, branch: 'feature/b', base: 'main', text: { title: 'B', body: '' }, draft: true });
    expect([a, b]).toEqual([{ number: 1, created: true }, { number: 2, created: true }]);
    // Pushed for real: the bare repository has both branches at the worktrees' commits.
    expect(await sha(bare, 'refs/heads/feature/a')).toBe(await sha(wtA, 'HEAD'));
    // Opening again finds the open one instead of failing.
    expect(await pushAndOpenPull(client, { cwd: repo.dir, branch: 'feature/a', base: 'main', text, draft: false })).toEqual({ number: 1, created: false });

    let state = await client.pullState(1);
    expect(state).toMatchObject({ state: 'open', base: 'main', mergeable: true, mergeableState: 'clean', checks: [] });
    expect((await client.pullState(2)).state).toBe('draft');

    server.setCheck(state.headSha, 'ci/test', 'pending');
    state = await client.pullState(1);
    expect(state.checks).toEqual([{ name: 'ci/test', state: 'pending', url: expect.any(String) }]);
    expect(await mergePullWhenAllowed(client, 1, 'merge')).toMatchObject({ ok: false, reason: '#1 cannot be merged yet: check still running: ci/test.' });

    server.setCheck(state.headSha, 'ci/test', 'failure');
    const refused = await mergePullWhenAllowed(client, 1, 'merge');
    expect(refused).toMatchObject({ ok: false, reason: '#1 cannot be merged yet: failing check: ci/test.' });
    expect(await sha(bare, 'refs/heads/main')).toBe(await sha(repo.dir, 'main'));

    server.addReview(1, 'reviewer', 'CHANGES_REQUESTED', 'Please name the constant.');
    server.setCheck(state.headSha, 'ci/test', 'success');
    expect(await mergePullWhenAllowed(client, 1, 'merge')).toMatchObject({ ok: false, reason: '#1 cannot be merged yet: changes requested by reviewer.' });
    expect((await client.pullState(1)).requestedChanges).toEqual([{ author: 'reviewer', body: 'Please name the constant.' }]);
    server.addReview(1, 'reviewer', 'APPROVED');

    const merged = await mergePullWhenAllowed(client, 1, 'merge');
    expect(merged).toMatchObject({ ok: true, state: { state: 'merged' } });
    const mainAfter = await sha(bare, 'refs/heads/main');
    expect(merged.ok && merged.sha).toBe(mainAfter);
    expect((await gitIn(bare, 'log', '--format=%P', '-1', 'main')).trim().split(' ')).toHaveLength(2);

    // The next PR is now behind main: it is rebased in its worktree and pushed with a lease.
    expect((await client.pullState(2)).mergeableState).toBe('behind');
    const advanced = await advanceNextPull(client, { number: 2, base: 'main', mergedBranch: 'feature/a', worktreePath: wtB, sessionStatus: 'completed' });
    expect(advanced.kind).toBe('rebased');
    expect(await gitIn(bare, 'merge-base', '--is-ancestor', mainAfter, 'refs/heads/feature/b').then(() => true, () => false)).toBe(true);
    expect(await sha(bare, 'refs/heads/feature/b')).toBe(await sha(wtB, 'HEAD'));
    expect((await client.pullState(2)).mergeableState).toBe('clean');
    expect(server.log.some((l) => l.startsWith('PUT /repos/acme/widgets/pulls/1/merge'))).toBe(true);
  });

  it('a repository that turns rebase merging off: GitHub refuses it (405), the app names the methods it allows; allowed, a rebase merge replays the commits', async () => {
    const { client, server, repo, bare } = world;
    await pushAndOpenPull(client, { cwd: repo.dir, branch: 'feature/a', base: 'main', text: { title: 'A', body: '' }, draft: false });
    const mainBefore = await sha(bare, 'refs/heads/main');
    server.mergeMethods.rebase = false;
    const refused = await mergePullWhenAllowed(client, 1, 'rebase');
    expect(refused).toMatchObject({
      ok: false,
      allowedMethods: ['merge', 'squash'],
      reason: "GitHub refused to merge #1 with rebase: Rebase merges are not allowed on this repository. This repository allows merge commit, squash: set the queue's strategy to merge commit and merge again.",
    });
    expect(await sha(bare, 'refs/heads/main')).toBe(mainBefore);
    expect((await client.pullState(1)).state).toBe('open');

    server.mergeMethods.rebase = true;
    const merged = await mergePullWhenAllowed(client, 1, 'rebase');
    expect(merged).toMatchObject({ ok: true, state: { state: 'merged' } });
    // Linear history: main's new tip is A's commit replayed on the old main, with its message.
    expect((await gitIn(bare, 'log', '--format=%P %s', '-1', 'main')).trim()).toBe(`${mainBefore} A changes a`);
    expect((await gitIn(bare, 'show', 'main:src/a.ts')).trim()).toBe('export const a = 2;');
  });

  it('retargets a PR stacked on the branch that merged', async () => {
    const { client, repo } = world;
    await pushAndOpenPull(client, { cwd: repo.dir, branch: 'feature/a', base: 'main', text: { title: 'A', body: '' }, draft: false });
    await pushAndOpenPull(client, { cwd: repo.dir, branch: 'feature/b', base: 'feature/a', text: { title: 'B on A', body: '' }, draft: false });
    expect(await advanceNextPull(client, { number: 2, base: 'main', mergedBranch: 'feature/a', worktreePath: null, sessionStatus: 'completed' })).toEqual({ kind: 'retargeted', base: 'main' });
    expect((await client.pullState(2)).base).toBe('main');
  });

  it('the test server refuses, and records, a request the OpenAPI description does not allow', async () => {
    const octokit = new Octokit({ auth: 'ghp_test', baseUrl: world.server.baseUrl, log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } });
    await expect(octokit.request('GET /repos/{owner}/{repo}/pulls', { owner: 'acme', repo: 'widgets', state: 'merged' as unknown as 'open' /* deliberately outside the enum */ })).rejects.toMatchObject({ status: 400 });
    await expect(octokit.request('POST /repos/{owner}/{repo}/pulls', { owner: 'acme', repo: 'widgets', title: 'x', head: 'feature/a', base: 'main', labels: ['x'] })).rejects.toMatchObject({ status: 400 });
    expect(world.server.violations).toEqual([
      `GET /repos/{owner}/{repo}/pulls: query parameter 'state'="merged" must be equal to one of the allowed values`,
      "POST /repos/{owner}/{repo}/pulls: body field 'labels' is not in the description",
    ]);
    world.server.violations.length = 0;
  });

  it("sends no token to Settings' API URL until it is confirmed for that URL, and then works there", async () => {
    const { repo, server } = world;
    let reads = 0;
    const env = new EnvSecretStore({ GITHUB_TOKEN: 'ghp_test' }, 'GITHUB_TOKEN');
    const store = { ...env, describe: () => env.describe(), set: (k: string | null) => env.set(k), get: () => ((reads += 1), env.get()) };
    let cliAsked = 0;
    const cliToken = async () => ((cliAsked += 1), 'gho_cli');
    const before = server.log.length;
    const refused = await connectGithub(repo.dir, { store, apiUrlSetting: { url: server.baseUrl, confirmedFor: null }, cliToken });
    expect(refused).toEqual({ ok: false, reason: expect.stringMatching(/not sent there until you save a token again or confirm/) });
    const movedAway = await connectGithub(repo.dir, { store, apiUrlSetting: { url: server.baseUrl, confirmedFor: 'https://ghe.old.example/api/v3' }, cliToken });
    expect(movedAway.ok).toBe(false);
    // Not even read, let alone sent: no request reached the server.
    expect([reads, cliAsked, server.log.length - before]).toEqual([0, 0, 0]);
    const confirmed = await connectGithub(repo.dir, { store, apiUrlSetting: { url: `${server.baseUrl}/`, confirmedFor: server.baseUrl }, cliToken });
    if (!confirmed.ok) throw new Error(confirmed.reason);
    expect(await confirmed.client.findLatestPull('feature/a')).toBeNull();
    expect(server.log.length - before).toBe(1);
  });

  it('says why GitHub is not used: no remote, not GitHub, no token', async () => {
    const plain = await createTempRepo();
    const store = new EnvSecretStore({}, 'GITHUB_TOKEN');
    try {
      expect(await connectGithub(plain.dir, { store, cliToken: async () => null })).toEqual({ ok: false, reason: 'This repository has no origin remote: merges stay local.' });
      await plain.git('remote', 'add', 'origin', '/srv/git/widgets.git');
      expect(await connectGithub(plain.dir, { store, cliToken: async () => null })).toMatchObject({ ok: false, reason: expect.stringMatching(/not a GitHub repository URL/) });
      await plain.git('remote', 'set-url', 'origin', REMOTE);
      expect(await connectGithub(plain.dir, { store, cliToken: async () => null })).toMatchObject({ ok: false, reason: expect.stringMatching(/No GitHub token for github.com/) });
      expect(await connectGithub(plain.dir, { store, cliToken: async () => 'gho_cli' })).toMatchObject({ ok: true, tokenSource: 'gh-cli' });
    } finally {
      await plain.cleanup();
    }
  });
});
