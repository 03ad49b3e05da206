import { execGit } from './execGit';
import { gitResult, type GitResult } from './gitResult';
import type { GitRunner } from './gitRunner';
import { parseStatusV2, type ParsedStatus } from './parseStatus';

export interface StatusOptions {
  /** Also read the `# branch.*` headers (HEAD's sha and branch, upstream, ahead/behind). */
  branch?: boolean;
  untracked: 'all' | 'no';
}

/**
 * `git status --porcelain=v2 -z`: the one way anything here asks what a worktree has uncommitted.
 * Read-only: GIT_OPTIONAL_LOCKS=0 (execGit) keeps it from taking index.lock, and there is no --refresh.
 */
export function readStatus(cwd: string, options: StatusOptions, git: GitRunner = execGit): Promise<GitResult<ParsedStatus>> {
  const args = ['status', '--porcelain=v2', '-z', ...(options.branch ? ['--branch'] : []), `--untracked-files=${options.untracked}`];
  return gitResult(git, args, { cwd }, parseStatusV2);
}
