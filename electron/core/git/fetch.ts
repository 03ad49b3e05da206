import { gitOk } from './execGit';

/** Fetches one branch of a remote into its remote-tracking ref (`refs/remotes/<remote>/<branch>`). */
export async function fetchBranch(cwd: string, remote: string, branch: string, env?: Record<string, string>): Promise<void> {
  await gitOk(['fetch', '--quiet', '--no-tags', remote, `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`], { cwd, ...(env ? { env } : {}) });
}
