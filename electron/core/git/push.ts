import { gitOk } from './execGit';

/**
 * Pushes one branch to a remote under the same name (`git push <remote> refs/heads/b:refs/heads/b`).
 * `leaseSha`: after a rebase the remote branch is replaced only if it is still at that commit
 * (`--force-with-lease`), so someone else's push is never overwritten.
 */
export async function pushBranch(cwd: string, remote: string, branch: string, options: { leaseSha?: string | null; env?: Record<string, string> } = {}): Promise<void> {
  const ref = `refs/heads/${branch}`;
  const args = ['push', '--porcelain'];
  if (options.leaseSha !== undefined) args.push(`--force-with-lease=${ref}:${options.leaseSha ?? ''}`);
  args.push(remote, `${ref}:${ref}`);
  await gitOk(args, { cwd, ...(options.env ? { env: options.env } : {}) });
}
