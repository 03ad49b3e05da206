import { join } from 'node:path';
import { pathExists } from '../fs/pathExists';
import { gitDirEntries } from './gitDirEntries';

/** The lock files git leaves while it writes in the repository's common git dir. */
const REPOSITORY_LOCKS = ['packed-refs.lock', 'config.lock', 'shallow.lock'];

/**
 * Lock files present now: another git command is writing here (or died while it did). The one list
 * both the dashboard and the merge engine read: anything ending in .lock at the top of the worktree's
 * git dir (index.lock, HEAD.lock, ORIG_HEAD.lock, MERGE_HEAD.lock…), the repository-wide locks, and
 * the current branch's ref lock. `entries` = the worktree git dir's names when the caller has them.
 */
export async function findLockFiles(
  dirs: { gitDir: string | null; commonGitDir: string | null },
  branch: string | null,
  entries?: ReadonlySet<string>,
): Promise<string[]> {
  const [own, common, branchLocked] = await Promise.all([
    entries ?? gitDirEntries(dirs.gitDir),
    dirs.commonGitDir && dirs.commonGitDir !== dirs.gitDir ? gitDirEntries(dirs.commonGitDir) : Promise.resolve(null),
    dirs.commonGitDir && branch ? pathExists(join(dirs.commonGitDir, 'refs', 'heads', `${branch}.lock`)) : Promise.resolve(false),
  ]);
  const found = new Set<string>();
  if (dirs.gitDir) for (const name of own) if (name.endsWith('.lock')) found.add(join(dirs.gitDir, name));
  if (dirs.commonGitDir) {
    // In the main checkout the worktree's git dir is the common one: its names were read above.
    const commonNames = common ?? (dirs.commonGitDir === dirs.gitDir ? own : new Set<string>());
    for (const name of REPOSITORY_LOCKS) if (commonNames.has(name)) found.add(join(dirs.commonGitDir, name));
    if (branchLocked) found.add(join(dirs.commonGitDir, 'refs', 'heads', `${branch}.lock`));
  }
  return [...found].sort();
}
