import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';

async function realOrSelf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

/**
 * The git dir of a worktree without running git: `<path>/.git` when it is a folder, or the target of
 * its `gitdir:` line when it is a file (linked worktrees). Null when neither can be read.
 */
export async function resolveGitDir(worktreePath: string): Promise<string | null> {
  const dotGit = join(worktreePath, '.git');
  try {
    const s = await stat(dotGit);
    if (s.isDirectory()) return await realOrSelf(dotGit);
    const text = await readFile(dotGit, 'utf8');
    const m = /^gitdir:\s*(.+?)\s*$/m.exec(text);
    if (!m?.[1]) return null;
    return await realOrSelf(isAbsolute(m[1]) ? m[1] : resolve(worktreePath, m[1]));
  } catch {
    return null;
  }
}
