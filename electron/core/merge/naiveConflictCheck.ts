import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtemp } from 'node:fs/promises';
import { unmergedPaths } from '../git/diff';
import { mergeAbort, mergeNoCommit } from '../git/merge';
import { worktreeAdd } from '../git/worktreeAdd';
import { worktreeRemove } from '../git/worktreeRemove';

export interface NaiveConflictResult {
  conflicts: boolean;
  files: string[];
  error: string | null;
}

const IDENT = {
  GIT_AUTHOR_NAME: 'Switchyard',
  GIT_AUTHOR_EMAIL: 'switchyard@localhost',
  GIT_COMMITTER_NAME: 'Switchyard',
  GIT_COMMITTER_EMAIL: 'switchyard@localhost',
};

/**
 * The slow, obvious way (for the benchmark and to cross-check predictions in tests): a temporary
 * detached worktree at `a`, `git merge --no-commit --no-ff b`, read the unmerged paths, abort,
 * remove the worktree. Never touches the user's checkouts; does touch the worktree list briefly.
 */
export async function naiveConflictCheck(repoDir: string, a: string, b: string): Promise<NaiveConflictResult> {
  const dir = join(await mkdtemp(join(tmpdir(), 'switchyard-naive-')), 'wt');
  try {
    await worktreeAdd(repoDir, dir, a, { detach: true });
    const merge = await mergeNoCommit(dir, b, IDENT);
    const unmerged = await unmergedPaths(dir);
    if (!unmerged.ok) throw new Error(`git diff failed: ${unmerged.error}`);
    const files = unmerged.value;
    await mergeAbort(dir);
    if (!merge.ok && files.length === 0) {
      return { conflicts: false, files: [], error: merge.output.split('\n')[0] || 'merge failed' };
    }
    return { conflicts: files.length > 0, files, error: null };
  } finally {
    await worktreeRemove(repoDir, dir, { force: true });
    await rm(join(dir, '..'), { recursive: true, force: true });
  }
}
