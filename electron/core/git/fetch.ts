import { execGit, gitOk } from './execGit';
import { gitResult, type GitResult } from './gitResult';
import type { GitRunner } from './gitRunner';

/** `git fetch --quiet --all`: moves only remote-tracking refs; a bounded wait, since a remote may hang. */
export function fetchAll(cwd: string, options: { timeoutMs?: number } = {}, git: GitRunner = execGit): Promise<GitResult<void>> {
  return gitResult(git, ['fetch', '--quiet', '--all'], { cwd, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) }, () => undefined);
}

/** Fetches one branch of a remote into its remote-tracking ref (`refs/remotes/<remote>/<branch>`). */
export async function fetchBranch(cwd: string, remote: string, branch: string, env?: Record<string, string>): Promise<void> {
  await gitOk(['fetch', '--quiet', '--no-tags', remote, `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`], { cwd, ...(env ? { env } : {}) });
}
