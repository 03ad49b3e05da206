import { execGit } from './execGit';
import { gitResult, type GitResult } from './gitResult';
import type { GitRunner } from './gitRunner';

/** `git worktree prune`: forgets worktrees whose folders are gone. */
export function worktreePrune(cwd: string, git: GitRunner = execGit): Promise<GitResult<void>> {
  return gitResult(git, ['worktree', 'prune'], { cwd }, () => undefined);
}
