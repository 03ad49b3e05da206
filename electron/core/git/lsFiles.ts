import { execGit } from './execGit';
import { gitResult, splitZ, type GitResult } from './gitResult';
import type { GitRunner } from './gitRunner';

/**
 * `git ls-files -z --others --ignored --exclude-from=<file>`: untracked files matching the
 * gitignore-style patterns in `excludeFrom`, repo-relative as git prints them.
 */
export function listIgnoredUntracked(cwd: string, excludeFrom: string, git: GitRunner = execGit): Promise<GitResult<string[]>> {
  return gitResult(git, ['ls-files', '-z', '--others', '--ignored', `--exclude-from=${excludeFrom}`], { cwd }, splitZ);
}
