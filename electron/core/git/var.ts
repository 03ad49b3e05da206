import { execGit } from './execGit';
import { gitResult, type GitResult } from './gitResult';

/** `git var GIT_COMMITTER_IDENT`: fails (with git's reason) when no committer identity is configured. */
export function committerIdent(cwd: string): Promise<GitResult<string>> {
  return gitResult(execGit, ['var', 'GIT_COMMITTER_IDENT'], { cwd }, (out) => out.trim());
}
