import { execGit } from './execGit';
import { gitResult, type GitResult } from './gitResult';

/**
 * `git read-tree -m -u <from> <to>`: brings a worktree's index and files from one tree to the next,
 * refusing (and changing nothing) when that would overwrite a local change or an untracked file.
 * `dryRun` (-n) only asks whether it would succeed.
 */
export function readTreeMerge(cwd: string, from: string, to: string, options: { dryRun?: boolean } = {}): Promise<GitResult<void>> {
  return gitResult(execGit, ['read-tree', '-m', '-u', ...(options.dryRun ? ['-n'] : []), from, to], { cwd }, () => undefined);
}
