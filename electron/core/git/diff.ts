import { execGit } from './execGit';
import { gitResult, splitZ, type GitResult } from './gitResult';
import type { GitRunner } from './gitRunner';

/**
 * `git diff --name-only -z <range>`: the paths a range changes, in git's order. `noRenames` lists a
 * renamed file under both names' change (as a delete and an add) instead of its new name only.
 */
export function diffNames(cwd: string, range: string, options: { noRenames?: boolean } = {}, git: GitRunner = execGit): Promise<GitResult<string[]>> {
  return gitResult(git, ['diff', '--name-only', '-z', ...(options.noRenames ? ['--no-renames'] : []), range], { cwd }, splitZ);
}

/** Paths left unmerged by a merge, rebase or cherry-pick that stopped on conflicts. */
export function unmergedPaths(cwd: string): Promise<GitResult<string[]>> {
  return gitResult(execGit, ['diff', '--name-only', '-z', '--diff-filter=U'], { cwd }, splitZ);
}
