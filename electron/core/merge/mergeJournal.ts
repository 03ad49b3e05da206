import { deleteBackupRef, writeBackupRef } from './backupRefStore';
import { withBaseLock } from './baseLock';
import { branchRef } from '../git/branchRef';
import { readRef } from '../git/revParse';
import { clearJournal, readAllJournals, readJournal, type JournalEntry } from './journalFile';
import { indexMatches, syncCheckout } from './syncCheckout';
import { inspectWorktree } from './worktreeState';

export { clearJournal, readAllJournals, readJournal, writeJournal, MOVE_STEPS } from './journalFile';
export type { JournalEntry, MoveStep } from './journalFile';

export interface RecoveryReport {
  branch: string;
  /** What was interrupted, in words: "merge of 's1' into 'main'", "undo on 'main'". */
  subject: string;
  op: JournalEntry['op'];
  stepReached: JournalEntry['step'];
  /** rolled-back: as before. rolled-forward: as after. superseded: the ref moved elsewhere since. */
  action: 'rolled-back' | 'rolled-forward' | 'superseded' | 'needs-attention' | 'skipped-locked';
  message: string;
}

async function ensureBackup(repoDir: string, entry: JournalEntry): Promise<void> {
  if ((await readRef(repoDir, entry.backupRef)) === null) {
    await writeBackupRef(repoDir, entry.backupRef, entry.branch, entry.from, `recovered ${entry.op}`);
  }
}

export function subjectOf(entry: Pick<JournalEntry, 'op' | 'branch' | 'detail'>): string {
  const merged = entry.detail.mergedBranch;
  if (entry.op === 'merge' && merged) return `merge of '${merged}' into '${entry.branch}'`;
  return `${entry.op} on '${entry.branch}'`;
}

async function recoverOne(repoDir: string, listed: JournalEntry): Promise<RecoveryReport | null> {
  // Re-read under the lock: another recovery (a queue refresh, a second window) may have finished it.
  const entry = await readJournal(repoDir, listed.branch);
  if (!entry || entry.id !== listed.id) return null;
  const report = (action: RecoveryReport['action'], message: string): RecoveryReport => ({
    branch: entry.branch,
    subject: subjectOf(entry),
    op: entry.op,
    stepReached: entry.step,
    action,
    message,
  });
  const current = await readRef(repoDir, branchRef(entry.branch));
  if (current === entry.from) {
    // The ref never moved: undo the backup we may have written; the repo is exactly as before.
    await deleteBackupRef(repoDir, entry.backupRef, entry.from);
    await clearJournal(repoDir, entry.branch);
    return report('rolled-back', `interrupted ${entry.op} on '${entry.branch}' rolled back; nothing had changed`);
  }
  if (current !== entry.to) {
    await ensureBackup(repoDir, entry);
    await clearJournal(repoDir, entry.branch);
    return report('superseded', `'${entry.branch}' moved elsewhere since the interrupted ${entry.op}; left as it is (backup ${entry.backupRef})`);
  }
  // The ref moved: finish — keep the backup, bring the checked-out worktree along.
  await ensureBackup(repoDir, entry);
  if (entry.checkout) {
    const wt = await inspectWorktree(entry.checkout, { untracked: false });
    if (wt.exists && wt.branch === entry.branch) {
      if (wt.lockFiles.length > 0) {
        return report('needs-attention', `'${entry.branch}' moved, but ${entry.checkout} has a git lock file (${wt.lockFiles.join(', ')}); remove it if no git command is running, then recover again`);
      }
      const state = await indexMatches(entry.checkout, entry.from, entry.to);
      if (state === 'from') {
        const sync = await syncCheckout(entry.checkout, entry.from, entry.to);
        if (!sync.ok) {
          await clearJournal(repoDir, entry.branch);
          return report('needs-attention', `'${entry.branch}' moved, but its checkout at ${entry.checkout} could not be updated: ${sync.message}`);
        }
      } else if (state === 'other') {
        await clearJournal(repoDir, entry.branch);
        return report('needs-attention', `'${entry.branch}' moved, but the index in ${entry.checkout} matches neither the old nor the new commit; check 'git status' there`);
      }
    }
  }
  await clearJournal(repoDir, entry.branch);
  return report('rolled-forward', `interrupted ${entry.op} on '${entry.branch}' completed`);
}

/**
 * On startup: finish or roll back every journaled ref move so each branch is as-before or as-after,
 * never half-way. Entries whose base is locked by a live process are left to that process.
 */
export async function recoverInterrupted(repoDir: string, options: { staleMs?: number } = {}): Promise<RecoveryReport[]> {
  const reports: RecoveryReport[] = [];
  for (const entry of await readAllJournals(repoDir)) {
    const done = await withBaseLock(repoDir, entry.branch, () => recoverOne(repoDir, entry), { purpose: 'recovery', ...options });
    if (!done.ok) reports.push({ branch: entry.branch, subject: subjectOf(entry), op: entry.op, stepReached: entry.step, action: 'skipped-locked', message: done.message });
    else if (done.value) reports.push(done.value);
  }
  return reports;
}
