import type { BackupRef, MergeError } from '../../../shared/domain/merge';
import { undoBlockedReason } from '../../../shared/domain/undoRule';
import { listBackupRefs, parseBackupRefName } from './backupRefStore';
import { withBaseLock } from './baseLock';
import { branchRef } from '../git/branchRef';
import { readRef, resolveCommit } from '../git/revParse';
import { moveBranchRef } from './moveBranchRef';

export { BACKUP_PREFIX, backupRefName, deleteBackupRef, listBackupRefs, newBackupRefName, parseBackupRefName, writeBackupRef } from './backupRefStore';

export interface UndoResult {
  ok: boolean;
  branch: string;
  restoredSha: string | null;
  /** Backup of the value the branch had just before the undo (so the undo is undoable too). */
  backupRef: BackupRef | null;
  warnings: string[];
  error: MergeError | null;
}

/**
 * Restores a branch to the sha a backup ref holds, by compare-and-swap: `expectedCurrent` is the
 * value the caller saw (e.g. the merge's newBaseSha). If the branch moved since, nothing happens.
 * When the reflog says where the move left the branch, undo runs only while the branch is exactly
 * there: a commit a person made on top is never reset away (`revertMove` is offered instead).
 * A clean checkout of the branch is brought along; a dirty one makes the undo refuse.
 */
export async function undo(repoDir: string, backupRef: string, expectedCurrent: string): Promise<UndoResult> {
  const parsed = parseBackupRefName(backupRef);
  const fail = (error: MergeError, branch = parsed?.branch ?? ''): UndoResult => ({
    ok: false,
    branch,
    restoredSha: null,
    backupRef: null,
    warnings: [],
    error,
  });
  if (!parsed) return fail({ code: 'git-failed', message: `'${backupRef}' is not a Switchyard backup ref` });
  const target = await readRef(repoDir, backupRef);
  if (!target) return fail({ code: 'git-failed', message: `backup ref '${backupRef}' no longer exists` });
  const branch = parsed.branch;
  const result = await withBaseLock(
    repoDir,
    branch,
    async (): Promise<UndoResult> => {
      const current = await readRef(repoDir, branchRef(branch));
      if (current !== expectedCurrent) {
        return fail({ code: 'base-moved', message: `'${branch}' is at ${current ?? 'nothing'}, not the expected ${expectedCurrent}; undo refused so nothing newer is lost` });
      }
      if (current === target) return { ok: true, branch, restoredSha: target, backupRef: null, warnings: [], error: null };
      const listed = (await listBackupRefs(repoDir, branch)).find((b) => b.ref === backupRef);
      const blocked = undoBlockedReason(branch, current, listed?.leftAt);
      if (blocked) return fail({ code: 'base-moved', message: blocked });
      if (!listed?.leftAt && (await resolveCommit(repoDir, `${current}^1`)) !== target) {
        // No reflog to say where the move left the branch (reflogs off or expired): reset only a
        // branch whose head sits right on the backup, i.e. nothing can have been added on top.
        return fail({ code: 'base-moved', message: `cannot tell where this move left '${branch}' (its reflog does not say) and its head is not directly on top of the backup, so undo could reset away someone's commits; revert it from a terminal instead` });
      }
      const moved = await moveBranchRef({ repoDir, branch, from: current, to: target, op: 'undo', reason: `undo to ${backupRef}` });
      if (!moved.ok) return fail(moved.error ?? { code: 'git-failed', message: 'undo failed' });
      return { ok: true, branch, restoredSha: target, backupRef: moved.backupRef, warnings: moved.warnings, error: null };
    },
    { purpose: 'undo' },
  );
  return result.ok ? result.value : fail({ code: 'locked', message: result.message });
}
