import { execGit } from '../git/execGit';

export interface WorktreeEntry {
  path: string;
  head: string | null;
  /** Short branch name (without refs/heads/), null when detached or bare. */
  branch: string | null;
  detached: boolean;
  bare: boolean;
  locked: boolean;
  /** Git says the folder is gone (the entry could be pruned). */
  prunable: boolean;
}

/** Parses `git worktree list --porcelain -z` (attributes NUL-terminated, records separated by an empty one). */
export function parseWorktreeList(out: string): WorktreeEntry[] {
  const entries: WorktreeEntry[] = [];
  let current: WorktreeEntry | null = null;
  for (const field of out.split('\0')) {
    if (field === '') {
      if (current) entries.push(current);
      current = null;
      continue;
    }
    const space = field.indexOf(' ');
    const key = space === -1 ? field : field.slice(0, space);
    const value = space === -1 ? '' : field.slice(space + 1);
    if (key === 'worktree') {
      if (current) entries.push(current);
      current = { path: value, head: null, branch: null, detached: false, bare: false, locked: false, prunable: false };
      continue;
    }
    if (!current) continue;
    if (key === 'HEAD') current.head = value;
    else if (key === 'branch') current.branch = value.replace(/^refs\/heads\//, '');
    else if (key === 'detached') current.detached = true;
    else if (key === 'bare') current.bare = true;
    else if (key === 'locked') current.locked = true;
    else if (key === 'prunable') current.prunable = true;
  }
  if (current) entries.push(current);
  return entries;
}

export async function listWorktrees(repoDir: string): Promise<WorktreeEntry[]> {
  const run = await execGit(['worktree', 'list', '--porcelain', '-z'], { cwd: repoDir });
  if (run.code !== 0) return [];
  return parseWorktreeList(run.stdout);
}

/** The worktree (main or linked) that has `branch` checked out, if any. */
export async function worktreeOfBranch(repoDir: string, branch: string): Promise<WorktreeEntry | null> {
  const all = await listWorktrees(repoDir);
  return all.find((w) => w.branch === branch && !w.bare) ?? null;
}
