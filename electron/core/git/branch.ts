import { execGit } from './execGit';
import { gitResult, type GitResult } from './gitResult';
import type { GitRunner } from './gitRunner';

/**
 * `git branch -d <name>`; with `force`, `-D` (even when not merged: only for a branch Switchyard made
 * itself and is taking back).
 */
export function deleteBranch(cwd: string, name: string, options: { force?: boolean } = {}, git: GitRunner = execGit): Promise<GitResult<void>> {
  return gitResult(git, ['branch', options.force ? '-D' : '-d', name], { cwd }, () => undefined);
}
