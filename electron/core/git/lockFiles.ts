import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathExists } from '../fs/pathExists';

/** The lock files git leaves while it writes, in a worktree's own git dir and in the repository's common one. */
const WORKTREE_LOCKS = ['index.lock', 'HEAD.lock', 'ORIG_HEAD.lock', 'MERGE_HEAD.lock'];
const REPOSITORY_LOCKS = ['packed-refs.lock', 'config.lock', 'shallow.lock'];

/**
 * Lock files present now: another git command is writing here (or died while it did). The one list
 * both the dashboard and the merge engine read: index.lock, HEAD.lock, repository-wide locks, the
 * current branch's ref lock, and anything else ending in .lock at the top of the worktree's git dir.
 */
export async function findLockFiles(dirs: { gitDir: string | null; commonGitDir: string | null }, branch: string | null): Promise<string[]> {
  const candidates = new Set<string>();
  if (dirs.gitDir) for (const name of WORKTREE_LOCKS) candidates.add(join(dirs.gitDir, name));
  if (dirs.commonGitDir) {
    for (const name of REPOSITORY_LOCKS) candidates.add(join(dirs.commonGitDir, name));
    if (branch) candidates.add(join(dirs.commonGitDir, 'refs', 'heads', `${branch}.lock`));
  }
  const found: string[] = [];
  for (const path of candidates) if (await pathExists(path)) found.push(path);
  if (dirs.gitDir) {
    try {
      for (const name of await readdir(dirs.gitDir)) {
        const full = join(dirs.gitDir, name);
        if (name.endsWith('.lock') && !found.includes(full)) found.push(full);
      }
    } catch {
      /* git dir unreadable: reported through status */
    }
  }
  return found.sort();
}
