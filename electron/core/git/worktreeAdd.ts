import { gitOk } from './execGit';

export interface WorktreeAddOptions {
  /** Create this new branch at `commitish` and check it out there (`-b`). */
  newBranch?: string;
  /** Check `commitish` out detached (`--detach`). */
  detach?: boolean;
  env?: Record<string, string>;
}

/** `git worktree add -q`: a new worktree at `path`; throws with git's words when git refuses. */
export async function worktreeAdd(cwd: string, path: string, commitish: string, options: WorktreeAddOptions = {}): Promise<void> {
  const args = ['worktree', 'add', '-q', ...(options.newBranch ? ['-b', options.newBranch] : []), ...(options.detach ? ['--detach'] : []), path, commitish];
  await gitOk(args, { cwd, ...(options.env ? { env: options.env } : {}) });
}
