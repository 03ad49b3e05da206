import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, type TempRepo } from '../testing/tempRepo';
import { findLockFiles } from './lockFiles';
import { readGitDirs } from './revParse';

describe('findLockFiles (real repository)', () => {
  let repo: TempRepo;
  let wt: string;
  beforeAll(async () => {
    repo = await createTempRepo();
    await repo.commitAll('init');
    wt = await repo.addWorktree(join(await makeTempDir('switchyard-locks-'), 'wt'), 'claude/locks');
  });
  afterAll(() => repo.cleanup());

  it("finds the worktree's index.lock, the repository's config.lock and the branch's ref lock", async () => {
    const dirs = await readGitDirs(wt);
    if (!dirs) throw new Error('no git dirs');
    expect(dirs.commonGitDir).toBe(join(repo.dir, '.git'));
    const planted = [join(dirs.gitDir, 'index.lock'), join(dirs.commonGitDir, 'config.lock'), join(dirs.commonGitDir, 'refs', 'heads', 'claude', 'locks.lock')];
    await Promise.all(planted.map((p) => writeFile(p, '')));
    try {
      expect(await findLockFiles(dirs, 'claude/locks')).toEqual([...planted].sort());
    } finally {
      await Promise.all(planted.map((p) => rm(p, { force: true })));
    }
    expect(await findLockFiles(dirs, 'claude/locks')).toEqual([]);
  });

  it('in the main checkout (its git dir is the common one) finds index.lock and packed-refs.lock once each', async () => {
    const dirs = await readGitDirs(repo.dir);
    if (!dirs) throw new Error('no git dirs');
    const planted = [join(dirs.gitDir, 'index.lock'), join(dirs.commonGitDir, 'packed-refs.lock')];
    await Promise.all(planted.map((p) => writeFile(p, '')));
    try {
      expect(await findLockFiles(dirs, 'main')).toEqual([...planted].sort());
    } finally {
      await Promise.all(planted.map((p) => rm(p, { force: true })));
    }
  });
});
