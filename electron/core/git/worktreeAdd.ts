import { execGit, gitOk } from './execGit';
import { gitResult, type GitResult } from './gitResult';

export interface WorktreeAddOptions {
  /** Create this new branch at `commitish` and check it out there (`-b`). */
  newBranch?: string;
  /** Check `commitish` out detached (`--detach`). */
  detach?: boolean;
  env?: Record<string, string>;
}

function worktreeAddArgs(path: string, commitish: string, options: WorktreeAddOptions): string[] {
  return ['worktree', 'add', '-q', ...(options.newBranch ? ['-b', options.newBranch] : []), ...(options.detach ? ['--detach'] : []), path, commitish];
}

/** `git worktree add -q`: a new worktree at `path`; throws with git's words when git refuses. */
export async function worktreeAdd(cwd: string, path: string, commitish: string, options: WorktreeAddOptions = {}): Promise<void> {
  await gitOk(worktreeAddArgs(path, commitish, options), { cwd, ...(options.env ? { env: options.env } : {}) });
}

/** The same command with git's refusal as data, for a caller that must undo its own steps before saying why. */
export function tryWorktreeAdd(cwd: string, path: string, commitish: string, options: WorktreeAddOptions = {}): Promise<GitResult<void>> {
  return gitResult(execGit, worktreeAddArgs(path, commitish, options), { cwd, ...(options.env ? { env: options.env } : {}) }, () => undefined);
}
