import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcFailure } from '../../../shared/contract/rpcResult';
import { createTempRepo, gitIn, makeTempDir, type TempRepo } from '../testing/tempRepo';
import { prepareWorktree } from './prepareWorktree';

// The refusals and the undo of a launch's git side, each on a real repository.

let repo: TempRepo;
let scratch: string;

beforeEach(async () => {
  repo = await createTempRepo();
  await repo.write('README.md', 'hello\n');
  await repo.commitAll('first');
  scratch = await makeTempDir('switchyard-prepare-');
});

afterEach(async () => {
  await repo.cleanup();
  await rm(scratch, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RpcFailure);
  expect((error as RpcFailure).code).toBe('refused');
  return (error as RpcFailure).message;
}

const branches = async (dir: string): Promise<string[]> => (await gitIn(dir, 'for-each-ref', '--format=%(refname:short)', 'refs/heads')).split('\n').filter(Boolean);

describe('prepareWorktree refuses before creating anything', () => {
  it('a folder that is not a repository, or a bare one', async () => {
    const plain = join(scratch, 'plain');
    await mkdir(plain);
    expect(await refusal(prepareWorktree({ repoPath: plain, branch: 'x', worktreePath: join(scratch, 'wt') }))).toMatch(/is not a git repository/);
    const bare = join(scratch, 'bare.git');
    await gitIn(scratch, 'clone', '-q', '--bare', repo.dir, bare);
    expect(await refusal(prepareWorktree({ repoPath: bare, branch: 'x', worktreePath: join(scratch, 'wt') }))).toMatch(/is not a git repository/);
    expect(existsSync(join(scratch, 'wt'))).toBe(false);
  });

  it('an invalid branch name, a detached HEAD, a base without a commit', async () => {
    const worktreePath = join(scratch, 'wt');
    expect(await refusal(prepareWorktree({ repoPath: repo.dir, branch: 'bad..name', worktreePath }))).toBe('"bad..name" is not a valid branch name.');
    expect(await refusal(prepareWorktree({ repoPath: repo.dir, branch: 'ok', worktreePath, base: 'no-such-base' }))).toMatch(/The base "no-such-base" has no commit yet/);
    await repo.git('checkout', '-q', '--detach', 'HEAD');
    expect(await refusal(prepareWorktree({ repoPath: repo.dir, branch: 'ok', worktreePath }))).toMatch(/has a detached HEAD/);
    const empty = await createTempRepo({ dir: join(scratch, 'empty') });
    expect(await refusal(prepareWorktree({ repoPath: empty.dir, branch: 'ok', worktreePath }))).toMatch(/The base "main" has no commit yet/);
    expect(existsSync(worktreePath)).toBe(false);
    expect(await branches(repo.dir)).toEqual(['main']);
  });

  it('an existing branch that is checked out in another worktree', async () => {
    const other = await repo.addWorktree(join(scratch, 'other'), 'feature');
    const message = await refusal(prepareWorktree({ repoPath: repo.dir, branch: 'feature', worktreePath: join(scratch, 'wt') }));
    expect(message).toBe(`Branch feature is already checked out at ${other}. Nothing was created.`);
    expect(existsSync(join(scratch, 'wt'))).toBe(false);
  });
});

describe('prepareWorktree creates and takes back', () => {
  it('a new branch from the checked-out one, with a fetch warning when the remote is unreachable; rollback removes even a locked worktree', async () => {
    await repo.git('remote', 'add', 'origin', join(scratch, 'gone.git'));
    const worktreePath = join(scratch, 'nested', 'wt');
    const prepared = await prepareWorktree({ repoPath: repo.dir, branch: 'claude/new', worktreePath });
    expect(prepared).toMatchObject({ path: worktreePath, branch: 'claude/new', base: 'main', createdBranch: true });
    expect(prepared.warnings).toHaveLength(1);
    expect(prepared.warnings[0]).toMatch(/^git fetch failed, launching from the local refs: .+/);
    expect((await gitIn(worktreePath, 'rev-parse', '--abbrev-ref', 'HEAD')).trim()).toBe('claude/new');
    expect((await repo.git('config', 'branch.claude/new.switchyardBase')).trim()).toBe('main');

    await repo.git('worktree', 'lock', worktreePath);
    await prepared.rollback();
    await prepared.rollback(); // twice is safe
    expect(existsSync(join(scratch, 'nested'))).toBe(false);
    expect(await branches(repo.dir)).toEqual(['main']);
    expect(await repo.git('config', '--get-regexp', 'switchyardBase').catch(() => 'none')).toBe('none');
    expect((await repo.git('worktree', 'list', '--porcelain')).match(/^worktree /gm)).toHaveLength(1);
  });

  it('an existing branch with nothing of its own, fetched from a reachable remote; rollback keeps the branch', async () => {
    await gitIn(scratch, 'clone', '-q', '--bare', repo.dir, join(scratch, 'origin.git'));
    await repo.git('remote', 'add', 'origin', join(scratch, 'origin.git'));
    await repo.git('branch', 'reused');
    const worktreePath = join(scratch, 'wt');
    const prepared = await prepareWorktree({ repoPath: repo.dir, branch: 'reused', worktreePath });
    expect(prepared).toMatchObject({ branch: 'reused', base: 'main', createdBranch: false, warnings: [] });
    expect((await repo.git('rev-parse', '--verify', 'refs/remotes/origin/main')).trim()).toBe((await repo.git('rev-parse', 'HEAD')).trim());
    await prepared.rollback();
    expect(existsSync(worktreePath)).toBe(false);
    expect(await branches(repo.dir)).toEqual(['main', 'reused']);
  });

  it('git worktree add failing takes back the branch it made and says what git said', async () => {
    // A registered worktree whose folder was deleted: the folder check passes (missing), git refuses the path.
    const stale = await repo.addWorktree(join(scratch, 'stale'), 'other');
    await rm(stale, { recursive: true, force: true });
    const message = await refusal(prepareWorktree({ repoPath: repo.dir, branch: 'doomed', worktreePath: stale }));
    expect(message).toMatch(/^git worktree add failed: .*missing but already registered worktree/);
    expect(await branches(repo.dir)).toEqual(['main', 'other']);
    expect(existsSync(stale)).toBe(false);
  });
});
