import { execGit } from './execGit';
import { gitResult, type GitResult } from './gitResult';
import type { GitRunner } from './gitRunner';
import { parseWorktreeList, type WorktreeListEntry } from './parseWorktreeList';

/** `git worktree list --porcelain -z`: the repository's own list, main worktree (or bare repo) first. */
export function listWorktrees(cwd: string, git: GitRunner = execGit): Promise<GitResult<WorktreeListEntry[]>> {
  return gitResult(git, ['worktree', 'list', '--porcelain', '-z'], { cwd }, parseWorktreeList);
}

/** The worktree (main or linked) that has `branch` checked out, if any; none when git cannot list. */
export async function worktreeOfBranch(cwd: string, branch: string): Promise<WorktreeListEntry | null> {
  const listed = await listWorktrees(cwd);
  if (!listed.ok) return null;
  return listed.value.find((w) => w.branch === branch && !w.bare) ?? null;
}
