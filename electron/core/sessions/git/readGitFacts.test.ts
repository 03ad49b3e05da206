import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, gitIn, makeTempDir, type TempRepo } from '../../testing/tempRepo';
import { resolveGitDir } from '../../git/resolveGitDir';
import { chooseBase, readGitFacts, type BaseConfigCache, type RepositoryRefsCache } from './readGitFacts';

describe('chooseBase (pure)', () => {
  const refs = (...names: string[]) => names.map((refname) => ({ refname, symref: '' }));
  it.each([
    ['configured base wins', { branch: 'b', configuredBase: 'develop', refs: refs('refs/heads/develop', 'refs/heads/main') }, { baseBranch: 'develop', baseRef: 'develop' }],
    [
      "origin/HEAD's branch",
      { branch: 'b', configuredBase: null, refs: [...refs('refs/heads/master', 'refs/remotes/origin/trunk'), { refname: 'refs/remotes/origin/HEAD', symref: 'refs/remotes/origin/trunk' }] },
      { baseBranch: 'trunk', baseRef: 'origin/trunk' },
    ],
    ['main before master', { branch: 'b', configuredBase: null, refs: refs('refs/heads/master', 'refs/heads/main') }, { baseBranch: 'main', baseRef: 'main' }],
    ['only a remote master', { branch: 'b', configuredBase: null, refs: refs('refs/remotes/origin/master') }, { baseBranch: 'master', baseRef: 'origin/master' }],
    ['configured but missing falls back', { branch: 'b', configuredBase: 'gone', refs: refs('refs/heads/trunk') }, { baseBranch: 'trunk', baseRef: 'trunk' }],
    ['nothing', { branch: 'b', configuredBase: null, refs: [] }, null],
  ])('%s', (_n, input, expected) => expect(chooseBase(input)).toEqual(expected));
});

describe('readGitFacts (real repos)', () => {
  let repo: TempRepo;
  let wtDir: string;
  let wt: string;
  const target = async (path: string) => ({ path, gitDir: await resolveGitDir(path), commonGitDir: join(repo.dir, '.git') });

  beforeAll(async () => {
    repo = await createTempRepo();
    await repo.write('a.txt', 'a\n');
    await repo.write('shared.ts', 'x\n');
    await repo.commitAll('init');
    wtDir = await makeTempDir('switchyard-wts-');
    wt = await repo.addWorktree(join(wtDir, 'repo-cia-1'), 'claude/cia-1-thing');
    await writeFile(join(wt, 'b.txt'), 'b\n');
    await writeFile(join(wt, 'shared.ts'), 'y\n');
    await gitIn(wt, 'add', '-A');
    await gitIn(wt, 'commit', '-q', '-m', 'work on b');
    await repo.write('main-only.txt', 'm\n');
    await repo.commitAll('main moves on');
  });
  afterAll(async () => {
    await repo.cleanup();
    await rm(wtDir, { recursive: true, force: true });
  });

  it('branch, head, base, ahead/behind, files vs base, last commit, clean', async () => {
    const f = await readGitFacts(await target(wt));
    expect(f).toMatchObject({
      branch: 'claude/cia-1-thing',
      baseBranch: 'main',
      baseRef: 'main',
      ahead: 1,
      behind: 1,
      changedFiles: 0,
      dirty: false,
      lastCommitSubject: 'work on b',
      filesChangedVsBase: ['b.txt', 'shared.ts'],
      mergedIntoBase: false,
      mergeInProgress: false,
      rebaseInProgress: false,
      lockFiles: [],
      error: null,
    });
    expect(f.head).toMatch(/^[0-9a-f]{40}$/);
    expect(Date.parse(f.lastCommitAt ?? '')).not.toBeNaN();
  });

  it('uncommitted and untracked files count; index.lock is listed', async () => {
    await writeFile(join(wt, 'a.txt'), 'changed\n');
    await mkdir(join(wt, 'new'), { recursive: true });
    await writeFile(join(wt, 'new', 'u.txt'), 'u\n');
    const t = await target(wt);
    await writeFile(join(t.gitDir ?? '', 'index.lock'), '');
    try {
      const f = await readGitFacts(t);
      expect(f.changedFiles).toBe(2);
      expect(f.uncommittedFiles).toEqual(['a.txt', 'new/u.txt']);
      expect(f.dirty).toBe(true);
      expect(f.lockFiles).toEqual([join(t.gitDir ?? '', 'index.lock')]);
    } finally {
      await rm(join(t.gitDir ?? '', 'index.lock'), { force: true });
      await gitIn(wt, 'checkout', '--', 'a.txt');
      await rm(join(wt, 'new'), { recursive: true, force: true });
    }
  });

  it('branch.<b>.switchyardBase overrides the base', async () => {
    await gitIn(repo.dir, 'branch', 'develop', 'HEAD~1');
    await gitIn(repo.dir, 'config', 'branch.claude/cia-1-thing.switchyardBase', 'develop');
    try {
      const f = await readGitFacts(await target(wt));
      expect(f).toMatchObject({ baseBranch: 'develop', ahead: 1, behind: 0 });
      // The per-repository cache gives the same answer, and sees the setting change.
      const baseConfigCache: BaseConfigCache = new Map();
      expect(await readGitFacts(await target(wt), { baseConfigCache })).toMatchObject({ baseBranch: 'develop', ahead: 1 });
      await gitIn(repo.dir, 'config', '--unset', 'branch.claude/cia-1-thing.switchyardBase');
      expect((await readGitFacts(await target(wt), { baseConfigCache })).baseBranch).toBe('main');
    } finally {
      await gitIn(repo.dir, 'config', '--unset-all', 'branch.claude/cia-1-thing.switchyardBase').catch(() => undefined);
    }
  });

  it('worktrees of one repository loading at once share one read of its configured bases', async () => {
    const baseConfigCache: BaseConfigCache = new Map();
    const calls: string[][] = [];
    const git = async (args: readonly string[], opts: { cwd: string }) => {
      calls.push([...args]);
      const { tolerantGit } = await import('../../git/gitRunner');
      return tolerantGit(args, opts);
    };
    const t = await target(wt);
    await Promise.all([1, 2, 3].map(() => readGitFacts(t, { baseConfigCache, git })));
    expect(calls.filter((a) => a[0] === 'config').length).toBe(1);
  });

  it('worktrees of one repository loading together share one refs read; a later refresh sees a later commit', async () => {
    const refsCache: RepositoryRefsCache = new Map();
    const calls: string[][] = [];
    const git = async (args: readonly string[], opts: { cwd: string }) => {
      calls.push([...args]);
      const { tolerantGit } = await import('../../git/gitRunner');
      return tolerantGit(args, opts);
    };
    const other = await repo.addWorktree(join(wtDir, 'repo-cia-2'), 'claude/cia-2-other');
    const [ta, tb] = [await target(wt), await target(other)];
    const [a, b] = await Promise.all([readGitFacts(ta, { refsCache, git }), readGitFacts(tb, { refsCache, git })]);
    expect(calls.filter((c) => c[0] === 'for-each-ref').length).toBe(1);
    expect(a.lastCommitSubject).toBe('work on b');
    expect(b).toMatchObject({ branch: 'claude/cia-2-other', baseBranch: 'main' });
    // A commit after that read: the next refresh must not be answered from the older read.
    await writeFile(join(other, 'c.txt'), 'c\n');
    await gitIn(other, 'add', 'c.txt');
    await gitIn(other, 'commit', '-q', '-m', 'later work');
    expect((await readGitFacts(await target(other), { refsCache, git })).lastCommitSubject).toBe('later work');
    expect(calls.filter((c) => c[0] === 'for-each-ref').length).toBe(2);
    await gitIn(repo.dir, 'worktree', 'remove', '--force', other);
  });

  it('a fresh branch with no commits is not "merged"; after merging into main it is', async () => {
    const fresh = await repo.addWorktree(join(wtDir, 'fresh'), 'claude/fresh');
    expect((await readGitFacts(await target(fresh))).mergedIntoBase).toBe(false);
    await gitIn(repo.dir, 'merge', '-q', '--no-edit', 'claude/cia-1-thing');
    const f = await readGitFacts(await target(wt));
    expect(f).toMatchObject({ ahead: 0, mergedIntoBase: true, filesChangedVsBase: [] });
  });

  it('merge in progress is seen', async () => {
    const m = await repo.addWorktree(join(wtDir, 'conflict'), 'claude/conflict', 'HEAD~2');
    await writeFile(join(m, 'shared.ts'), 'conflicting\n');
    await gitIn(m, 'commit', '-qam', 'conflict');
    await gitIn(m, 'merge', '-q', 'main').catch(() => undefined);
    const f = await readGitFacts(await target(m));
    expect(f.mergeInProgress).toBe(true);
    expect(f.uncommittedFiles).toContain('shared.ts');
  });

  it('main worktree on the base branch: no ahead/behind, no files vs base', async () => {
    const f = await readGitFacts({ path: repo.dir, gitDir: join(repo.dir, '.git'), commonGitDir: join(repo.dir, '.git') });
    expect(f).toMatchObject({ branch: 'main', baseBranch: 'main', ahead: 0, behind: 0, filesChangedVsBase: [], mergedIntoBase: false });
  });

  it('a folder that is gone gives error, never a throw', async () => {
    const f = await readGitFacts({ path: join(wtDir, 'nope'), gitDir: null, commonGitDir: null });
    expect(f.error).toBeTruthy();
  });
});
