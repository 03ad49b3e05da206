import { execGit } from './execGit';
import { gitResult, type GitResult } from './gitResult';

/**
 * `git worktree remove`: git itself refuses a worktree with uncommitted or untracked files unless
 * `force` (used only for the throwaway worktrees Switchyard made itself).
 */
export function worktreeRemove(cwd: string, path: string, options: { force?: boolean } = {}): Promise<GitResult<void>> {
  return gitResult(execGit, ['worktree', 'remove', ...(options.force ? ['--force'] : []), path], { cwd }, () => undefined);
}
