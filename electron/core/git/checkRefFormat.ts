import { execGit } from './execGit';
import { gitResult, type GitResult } from './gitResult';
import type { GitRunner } from './gitRunner';

/** `git check-ref-format --branch`: whether `name` may be a branch; the value is the name as git spells it. */
export function checkBranchName(cwd: string, name: string, git: GitRunner = execGit): Promise<GitResult<string>> {
  return gitResult(git, ['check-ref-format', '--branch', name], { cwd }, (out) => out.trim());
}
