import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtemp } from 'node:fs/promises';
import { execGit, gitOk } from '../git/execGit';

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
    await gitOk(['worktree', 'add', '-q', '--detach', dir, a], { cwd: repoDir });
    const merge = await execGit(['-c', 'core.hooksPath=/dev/null', 'merge', '--no-commit', '--no-ff', '-q', b], {
      cwd: dir,
      env: IDENT,
    });
    const unmerged = await gitOk(['diff', '--name-only', '-z', '--diff-filter=U'], { cwd: dir });
    const files = unmerged.split('\0').filter((f) => f !== '');
    await execGit(['merge', '--abort'], { cwd: dir });
    if (merge.code !== 0 && files.length === 0) {
      return { conflicts: false, files: [], error: (merge.stderr || merge.stdout).trim().split('\n')[0] ?? 'merge failed' };
    }
    return { conflicts: files.length > 0, files, error: null };
  } finally {
    await execGit(['worktree', 'remove', '--force', dir], { cwd: repoDir });
    await rm(join(dir, '..'), { recursive: true, force: true });
  }
}
