import { execGit } from './execGit';
import { gitResult, type GitResult } from './gitResult';

/** `git merge --no-commit --no-ff -q <rev>` without hooks: leaves the result (or the conflicts) in the worktree. */
export function mergeNoCommit(cwd: string, rev: string, env?: Record<string, string>): Promise<GitResult<void>> {
  return gitResult(execGit, ['-c', 'core.hooksPath=/dev/null', 'merge', '--no-commit', '--no-ff', '-q', rev], { cwd, ...(env ? { env } : {}) }, () => undefined);
}

export async function mergeAbort(cwd: string): Promise<void> {
  await execGit(['merge', '--abort'], { cwd });
}
