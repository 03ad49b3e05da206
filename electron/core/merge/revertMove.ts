import type { BackupRef, MergeError } from '../../../shared/domain/merge';
import { moveResultOf, parseBackupRefName } from './backupRefStore';
import { withBaseLock } from './baseLock';
import { branchRef } from '../git/branchRef';
import { commitTree } from '../git/commitTree';
import { commitInfo } from '../git/log';
import { isAncestor } from '../git/mergeBase';
import { mergeTrees } from '../git/mergeTree';
import { readRef } from '../git/revParse';
import { readJournal } from './journalFile';
import { moveBranchRef } from './moveBranchRef';
import { readRepoPolicy } from './repoPolicy';
import { scratchCommit } from './scratchCommit';

export interface RevertResult {
  ok: boolean;
  branch: string;
  /** The new commit on the branch that takes the move's changes back out. */
  revertSha: string | null;
  /** The commit whose changes were reverted (what the move had left the branch at). */
  revertedSha: string | null;
  backupRef: BackupRef | null;
  conflictFiles: string[];
  warnings: string[];
  error: MergeError | null;
}

/**
 * Takes a merge back out without moving history backwards: a new commit on top of the branch as it
 * is now (the person's own commits stay), whose tree is the current one minus the changes the move
 * brought in (a three-way merge with the merge commit as base and the pre-merge tree as "theirs").
 * Made like merges are: objects only, then a journaled compare-and-swap ref move that brings a clean
 * checkout along and refuses a dirty one. Refuses when the commits since touch the same lines.
 */
export async function revertMove(repoDir: string, backupRefName: string, backup: Pick<BackupRef, 'oldSha' | 'createdAt' | 'reason'>): Promise<RevertResult> {
  const parsed = parseBackupRefName(backupRefName);
  const branch = parsed?.branch ?? '';
  const fail = (error: MergeError, extra: Partial<RevertResult> = {}): RevertResult => ({
    ok: false,
    branch,
    revertSha: null,
    revertedSha: null,
    backupRef: null,
    conflictFiles: [],
    warnings: [],
    error,
    ...extra,
  });
  if (!parsed) return fail({ code: 'git-failed', message: `'${backupRefName}' is not a Switchyard backup ref` });
  const before = backup.oldSha;
  const leftAt = await moveResultOf(repoDir, { branch, ...backup });
  if (!leftAt) return fail({ code: 'git-failed', message: `the reflog of '${branch}' no longer says which commit this move made, so there is nothing safe to revert` });
  const locked = await withBaseLock(
    repoDir,
    branch,
    async (): Promise<RevertResult> => {
      if (await readJournal(repoDir, branch)) return fail({ code: 'journal-pending', message: `an interrupted operation on '${branch}' must be recovered first` });
      const current = await readRef(repoDir, branchRef(branch));
      if (!current) return fail({ code: 'base-missing', message: `'${branch}' does not exist` });
      if (!(await isAncestor(repoDir, leftAt, current))) {
        return fail({ code: 'not-mergeable', message: `'${branch}' no longer contains ${leftAt.slice(0, 10)} (it was reset or rewritten); there is nothing to revert` });
      }
      const policy = await readRepoPolicy(repoDir, 'merge');
      if (policy.signingRequired) {
        return fail({ code: 'signing-required', message: `this repo asks for signed commits and Switchyard does not sign: run 'git revert -m 1 ${leftAt.slice(0, 10)}' in a terminal` });
      }
      if (policy.identityMissing) return fail({ code: 'identity-missing', message: `git has no committer identity: ${policy.identityMissing}` });
      // "Apply leftAt→before on top of current": a scratch commit with the pre-merge tree whose parent is
      // the merge commit makes the merge commit the merge base (git merge-tree picks it itself).
      const undone = await scratchCommit(repoDir, `${before}^{tree}`, leftAt);
      const merged = await mergeTrees(repoDir, current, undone);
      if (!merged.ok) return fail({ code: 'git-failed', message: merged.error });
      if (merged.conflicts) {
        return fail(
          { code: 'conflict', message: `the commits made on '${branch}' since change the same lines as the merge (${merged.files.join(', ')}): revert it by hand ('git revert -m 1 ${leftAt.slice(0, 10)}')` },
          { conflictFiles: merged.files },
        );
      }
      const subject = (await commitInfo(repoDir, leftAt)).message.split('\n')[0] ?? backup.reason;
      const message = `Revert "${subject}"\n\nThis reverts the changes of commit ${leftAt} (${backup.reason}).\n'${branch}' had new commits on top of it, so Switchyard did not reset the branch; this commit takes the merge's changes back out and keeps everything after it.\n`;
      const revertSha = await commitTree(repoDir, merged.tree, [current], message);
      const moved = await moveBranchRef({ repoDir, branch, from: current, to: revertSha, op: 'revert', reason: `revert ${backup.reason}`, detail: { reverted: leftAt } });
      if (!moved.ok) return fail(moved.error ?? { code: 'git-failed', message: 'ref move failed' });
      return { ok: true, branch, revertSha, revertedSha: leftAt, backupRef: moved.backupRef, conflictFiles: [], warnings: moved.warnings, error: null };
    },
    { purpose: 'revert' },
  );
  return locked.ok ? locked.value : fail({ code: 'locked', message: locked.message });
}
