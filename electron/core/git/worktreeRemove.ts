import { execGit } from './execGit';
import { gitResult, type GitResult } from './gitResult';
import type { GitRunner } from './gitRunner';

/**
 * `git worktree remove`: git itself refuses a worktree with uncommitted or untracked files unless
 * `force` (used only for the throwaway worktrees Switchyard made itself); `'locked'` removes a locked
 * one too (git wants `--force` twice for that).
 */
export function worktreeRemove(cwd: string, path: string, options: { force?: boolean | 'locked' } = {}, git: GitRunner = execGit): Promise<GitResult<void>> {
  const force = options.force === 'locked' ? ['--force', '--force'] : options.force ? ['--force'] : [];
  return gitResult(git, ['worktree', 'remove', ...force, path], { cwd }, () => undefined);
}
