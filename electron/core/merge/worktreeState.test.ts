import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, type TempRepo } from '../testing/tempRepo';
import { inspectWorktree } from './worktreeState';

describe('inspectWorktree (real repository)', () => {
  let repo: TempRepo;
  let wt: string;
  beforeAll(async () => {
    repo = await createTempRepo();
    await repo.commitAll('init');
    wt = await repo.addWorktree(join(await makeTempDir('switchyard-inspect-'), 'wt'), 'claude/inspect');
  });
  afterAll(() => repo.cleanup());

  it('reads branch, head and uncommitted files (untracked unless excluded)', async () => {
    await writeFile(join(wt, 'new file.txt'), 'x\n');
    try {
      const state = await inspectWorktree(wt);
      expect(state).toMatchObject({ exists: true, branch: 'claude/inspect', detached: false, dirtyFiles: ['new file.txt'], lockFiles: [] });
      expect(state.headSha).toMatch(/^[0-9a-f]{40}$/);
      expect((await inspectWorktree(wt, { untracked: false })).dirtyFiles).toEqual([]);
    } finally {
      await rm(join(wt, 'new file.txt'), { force: true });
    }
  });

  it("refuses on the dashboard's lock list: a config.lock of the repository counts, not only index.lock", async () => {
    const lock = join(repo.dir, '.git', 'config.lock');
    await writeFile(lock, '');
    try {
      expect((await inspectWorktree(wt)).lockFiles).toEqual([lock]);
    } finally {
      await rm(lock, { force: true });
    }
  });

  it('a detached HEAD has no branch; a folder that is gone does not exist', async () => {
    await repo.git('-C', wt, 'checkout', '-q', '--detach');
    try {
      expect(await inspectWorktree(wt)).toMatchObject({ exists: true, branch: null, detached: true });
    } finally {
      await repo.git('-C', wt, 'checkout', '-q', 'claude/inspect');
    }
    expect(await inspectWorktree(join(wt, 'gone'))).toMatchObject({ exists: false });
  });
});
