import { execGit } from './execGit';
import { gitResult, type GitResult } from './gitResult';
import type { GitRunner } from './gitRunner';

/** The shas `ref`'s reflog holds, newest first (`git reflog show --format=%H <ref> --`). */
export function reflogShas(cwd: string, ref: string, git: GitRunner = execGit): Promise<GitResult<string[]>> {
  return gitResult(git, ['reflog', 'show', '--format=%H', ref, '--'], { cwd }, (out) => out.split('\n').filter(Boolean));
}
