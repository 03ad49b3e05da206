import type { RemoveWorktreeResult } from '../../../shared/domain/merge';
import { branchRef } from '../git/branchRef';
import { isAncestor } from '../git/mergeBase';
import { mergeTrees } from '../git/mergeTree';
import { resolveCommit, treeOf } from '../git/revParse';
import { deleteRef } from '../git/updateRef';
import { listWorktrees } from '../git/worktreeList';
import { worktreeRemove } from '../git/worktreeRemove';
import { newBackupRefName, writeBackupRef } from './backupRefStore';
import { inspectWorktree } from './worktreeState';

/** True when the branch's changes are all in base: an ancestor, or merging it would change nothing (squash/rebase merged). */
export async function isMergedInto(repoDir: string, branchSha: string, baseSha: string): Promise<boolean> {
  if (await isAncestor(repoDir, branchSha, baseSha)) return true;
  const merged = await mergeTrees(repoDir, baseSha, branchSha);
  if (!merged.ok || merged.conflicts) return false;
  const baseTree = await treeOf(repoDir, baseSha).catch(() => '');
  return merged.tree === baseTree;
}

/**
 * Removes a session's worktree and deletes its branch, refusing (with reasons) if anything is
 * uncommitted or the branch is not merged into base. A backup ref is written before the branch goes.
 */
export async function removeWorktree(input: { repoDir: string; worktreePath: string; branch: string; base: string }): Promise<RemoveWorktreeResult> {
  const { repoDir, worktreePath, branch, base } = input;
  const reasons: string[] = [];
  const result = (r: Partial<RemoveWorktreeResult>): RemoveWorktreeResult => ({
    ok: false,
    removedWorktree: false,
    deletedBranch: false,
    backupRef: null,
    message: reasons.join('; '),
    reasons,
    ...r,
  });
  const listed = await listWorktrees(repoDir);
  const entry = (listed.ok ? listed.value : []).find((w) => w.path === worktreePath);
  const wt = await inspectWorktree(worktreePath);
  if (entry && wt.exists) {
    if (wt.dirtyFiles.length > 0) reasons.push(`uncommitted changes (${wt.dirtyFiles.slice(0, 5).join(', ')}${wt.dirtyFiles.length > 5 ? ', …' : ''})`);
    if (wt.rebaseInProgress || wt.mergeInProgress) reasons.push('a rebase or merge is in progress there');
    if (wt.lockFiles.length > 0) reasons.push('a git lock file is present (another git command may be running)');
    if (wt.branch !== branch) reasons.push(`it has ${wt.branch ? `'${wt.branch}'` : 'a detached HEAD'} checked out, not '${branch}'`);
  }
  const branchSha = await resolveCommit(repoDir, branchRef(branch));
  const baseSha = await resolveCommit(repoDir, branchRef(base));
  if (!baseSha) reasons.push(`base '${base}' does not exist`);
  if (branchSha && baseSha && !(await isMergedInto(repoDir, branchSha, baseSha))) reasons.push(`'${branch}' has work that is not merged into '${base}'`);
  if (wt.exists && wt.headSha && baseSha && wt.headSha !== branchSha && !(await isMergedInto(repoDir, wt.headSha, baseSha))) {
    reasons.push(`the worktree's HEAD has commits not merged into '${base}'`);
  }
  if (reasons.length > 0) return result({});

  let removedWorktree = false;
  if (entry) {
    const removed = await worktreeRemove(repoDir, worktreePath);
    if (!removed.ok) {
      reasons.push(`git worktree remove refused: ${removed.error}`);
      return result({});
    }
    removedWorktree = true;
  }
  if (!branchSha) return result({ ok: true, removedWorktree, message: `removed the worktree; branch '${branch}' was already gone` });
  const backupRef = await writeBackupRef(repoDir, newBackupRefName(branch), branch, branchSha, `before deleting merged branch ${branch}`);
  const del = await deleteRef(repoDir, branchRef(branch), branchSha);
  if (!del.ok) {
    reasons.push(`could not delete '${branch}' (it moved?): ${del.error}`);
    return result({ removedWorktree, backupRef });
  }
  return result({
    ok: true,
    removedWorktree,
    deletedBranch: true,
    backupRef,
    message: `removed ${removedWorktree ? 'the worktree and ' : ''}branch '${branch}' (backup: ${backupRef.ref})`,
  });
}
