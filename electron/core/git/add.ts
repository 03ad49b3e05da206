import { gitOk } from './execGit';

/** `git add -A`: stages every change of the worktree, new files included. */
export async function addAll(cwd: string, env?: Record<string, string>): Promise<void> {
  await gitOk(['add', '-A'], { cwd, ...(env ? { env } : {}) });
}
