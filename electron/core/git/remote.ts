import { execGit } from './execGit';
import { gitResult, type GitResult } from './gitResult';
import type { GitRunner } from './gitRunner';

/** `git remote`: the names of the repository's remotes (empty when it has none). */
export function listRemotes(cwd: string, git: GitRunner = execGit): Promise<GitResult<string[]>> {
  return gitResult(git, ['remote'], { cwd }, (out) =>
    out
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
}
