import { constants } from 'node:fs';
import { copyFile, lstat, mkdir } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { listIgnoredUntracked } from '../git/lsFiles';

export const WORKTREE_INCLUDE = '.worktreeinclude';

/**
 * Copies into a new worktree the files the repository lists in `.worktreeinclude` (gitignore-style
 * patterns, e.g. `.env`): only files that match AND are untracked (usually ignored) in the main
 * checkout. Git does the matching (`ls-files --others --ignored --exclude-from`), so the patterns
 * mean exactly what they mean in a .gitignore. Returns the repo-relative paths copied.
 */
export async function copyWorktreeIncludes(repoPath: string, worktreePath: string): Promise<string[]> {
  const listFile = join(repoPath, WORKTREE_INCLUDE);
  try {
    if (!(await lstat(listFile)).isFile()) return [];
  } catch {
    return [];
  }
  const listed = await listIgnoredUntracked(repoPath, listFile);
  if (!listed.ok) throw new Error(`cannot read ${WORKTREE_INCLUDE}: ${listed.output}`);
  const copied: string[] = [];
  for (const rel of listed.value) {
    const clean = normalize(rel);
    if (clean.startsWith(`..${sep}`) || clean === '..') continue;
    const from = join(repoPath, clean);
    const info = await lstat(from).catch(() => null);
    if (!info?.isFile()) continue; // no symlinks, sockets or folders
    const to = join(worktreePath, clean);
    await mkdir(dirname(to), { recursive: true });
    try {
      await copyFile(from, to, constants.COPYFILE_EXCL);
      copied.push(rel);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return copied.sort();
}
