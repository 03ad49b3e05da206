import { stat } from 'node:fs/promises';
import { findLockFiles } from '../git/lockFiles';
import { readOperationState } from '../git/operationState';
import { uncommittedPaths } from '../git/parseStatus';
import { readGitDirs } from '../git/revParse';
import { readStatus } from '../git/status';
import { withoutWorkflowState } from '../sessions/workflow/workflowFiles';

export interface WorktreeState {
  path: string;
  exists: boolean;
  gitDir: string | null;
  headSha: string | null;
  branch: string | null;
  detached: boolean;
  /** Paths with uncommitted changes (tracked changes, and untracked files unless excluded). */
  dirtyFiles: string[];
  rebaseInProgress: boolean;
  mergeInProgress: boolean;
  /** Lock files that mean another git command is running (or crashed) here. */
  lockFiles: string[];
}

/** Reads a worktree's state without taking any lock (GIT_OPTIONAL_LOCKS=0 via execGit). */
export async function inspectWorktree(path: string, options: { untracked?: boolean } = {}): Promise<WorktreeState> {
  const empty: WorktreeState = {
    path,
    exists: false,
    gitDir: null,
    headSha: null,
    branch: null,
    detached: false,
    dirtyFiles: [],
    rebaseInProgress: false,
    mergeInProgress: false,
    lockFiles: [],
  };
  try {
    if (!(await stat(path)).isDirectory()) return empty;
  } catch {
    return empty;
  }
  const dirs = await readGitDirs(path);
  if (!dirs) return empty;
  // One status answers HEAD's sha, its branch (none when detached) and what is uncommitted.
  const status = await readStatus(path, { branch: true, untracked: options.untracked === false ? 'no' : 'all' });
  const head = status.ok ? status.value : null;
  const [operation, lockFiles] = await Promise.all([readOperationState(dirs.gitDir), findLockFiles(dirs, head?.head ?? null)]);
  return {
    path,
    exists: true,
    gitDir: dirs.gitDir,
    headSha: head?.oid ?? null,
    branch: head?.head ?? null,
    detached: head !== null && head.head === null,
    // The workflow's untracked state (.ccc-state.json, .claude/worktrees/) is no work a merge or rebase
    // could lose: the same rule the Sessions view applies, so both views agree a finished session is clean.
    dirtyFiles: head ? uncommittedPaths({ ...head, entries: withoutWorkflowState(head.entries) }) : [],
    rebaseInProgress: operation.rebase,
    mergeInProgress: operation.merge || operation.cherryPick,
    lockFiles,
  };
}
