import type { MergeSessionStatus, RebaseResult } from '../../../shared/domain/merge';
import { branchRef } from '../git/branchRef';
import { unmergedPaths } from '../git/diff';
import { rebase, rebaseAbort } from '../git/rebase';
import { resolveCommit } from '../git/revParse';
import { newBackupRefName, writeBackupRef } from './backupRefStore';
import { inspectWorktree } from './worktreeState';

export interface RebaseWorktreeInput {
  worktreePath: string;
  /** Branch (or any commit-ish) to rebase onto, usually the base after the previous merge. */
  onto: string;
  /** The session's status: only a session that is not working may be rebased under it. */
  sessionStatus: MergeSessionStatus;
}

/**
 * "Rebase onto new base" in the session's own worktree (the session that finished second rebases
 * onto the first). Only when the session is not working and the tree is clean; a backup ref is
 * written first; on conflict the rebase is aborted cleanly and the conflicting files returned.
 * Hooks run as in any `git rebase` (a failing pre-rebase hook stops it, and we say so).
 */
export async function rebaseWorktree(input: RebaseWorktreeInput): Promise<RebaseResult> {
  const { worktreePath, onto } = input;
  const result = (r: Partial<RebaseResult>): RebaseResult => ({
    ok: false,
    branch: null,
    oldSha: null,
    newSha: null,
    backupRef: null,
    conflictFiles: [],
    message: '',
    ...r,
  });
  if (input.sessionStatus === 'working' || input.sessionStatus === 'waiting-input') {
    return result({ message: `the session is ${input.sessionStatus === 'working' ? 'still working' : 'waiting for input'}; rebase when it has stopped` });
  }
  const wt = await inspectWorktree(worktreePath);
  if (!wt.exists) return result({ message: `worktree ${worktreePath} does not exist` });
  if (wt.detached || !wt.branch) return result({ message: `worktree ${worktreePath} is on a detached HEAD; check out the session's branch first` });
  const base = { branch: wt.branch, oldSha: wt.headSha };
  if (wt.rebaseInProgress || wt.mergeInProgress) return result({ ...base, message: 'a rebase or merge is already in progress there' });
  if (wt.lockFiles.length > 0) return result({ ...base, message: `a git lock file is present (${wt.lockFiles.join(', ')}): another git command is running there` });
  if (wt.dirtyFiles.length > 0) {
    return result({ ...base, message: `uncommitted changes in the worktree (${wt.dirtyFiles.slice(0, 5).join(', ')}); commit them first` });
  }
  const ontoSha = (await resolveCommit(worktreePath, branchRef(onto))) ?? (await resolveCommit(worktreePath, onto));
  if (!ontoSha || !wt.headSha) return result({ ...base, message: `'${onto}' is not a commit` });

  const backup = await writeBackupRef(worktreePath, newBackupRefName(wt.branch), wt.branch, wt.headSha, `before rebasing onto ${onto}`);
  const run = await rebase(worktreePath, ontoSha);
  if (run.ok) {
    const newSha = await resolveCommit(worktreePath, 'HEAD');
    return result({ ...base, ok: true, newSha, backupRef: backup, message: `rebased '${wt.branch}' onto ${onto}` });
  }
  const unmerged = await unmergedPaths(worktreePath);
  const conflictFiles = unmerged.ok ? unmerged.value : [];
  const after = await inspectWorktree(worktreePath);
  if (after.rebaseInProgress) await rebaseAbort(worktreePath);
  const said = run.output.split('\n').slice(0, 3).join(' ');
  const message =
    conflictFiles.length > 0
      ? `rebasing onto ${onto} conflicts in ${conflictFiles.join(', ')}; the rebase was aborted and the worktree is as before`
      : `git rebase refused (${said}); nothing changed`;
  return result({ ...base, backupRef: backup, conflictFiles, message });
}
