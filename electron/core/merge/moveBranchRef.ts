import { randomBytes } from 'node:crypto';
import type { BackupRef, MergeError } from '../../../shared/domain/merge';
import { branchRef } from '../git/branchRef';
import { moveRef } from '../git/updateRef';
import { deleteBackupRef, newBackupRefName, writeBackupRef } from './backupRefStore';
import { clearJournal, readJournal, writeJournal, type JournalEntry, type MoveStep } from './journalFile';
import { planCheckoutSync, syncCheckout } from './syncCheckout';

/** Thrown by the test-only fault injection to simulate the process dying after a step. */
export class SimulatedCrash extends Error {
  constructor(readonly step: MoveStep) {
    super(`simulated crash after step '${step}'`);
    this.name = 'SimulatedCrash';
  }
}

export interface MoveBranchInput {
  repoDir: string;
  branch: string;
  from: string;
  to: string;
  op: JournalEntry['op'];
  reason: string;
  detail?: Record<string, string>;
  /** Test-only: throw SimulatedCrash right after this step (journal left behind, as after a kill). */
  crashAfter?: MoveStep;
}

export interface MoveBranchResult {
  ok: boolean;
  backupRef: BackupRef | null;
  checkoutSynced: string | null;
  warnings: string[];
  error: MergeError | null;
}

/**
 * Moves `refs/heads/<branch>` from `from` to `to` without losing anything, journaled step by step:
 *   planned → backup ref written → ref moved (compare-and-swap) → checked-out worktree synced.
 * The caller holds the base lock. A ref that is no longer at `from` fails safely ('base-moved').
 */
export async function moveBranchRef(input: MoveBranchInput): Promise<MoveBranchResult> {
  const { repoDir, branch, from, to } = input;
  const fail = (error: MergeError, backupRef: BackupRef | null = null): MoveBranchResult => ({ ok: false, backupRef, checkoutSynced: null, warnings: [], error });
  if (await readJournal(repoDir, branch)) {
    return fail({ code: 'journal-pending', message: `an interrupted operation on '${branch}' must be recovered first` });
  }
  const checkout = await planCheckoutSync(repoDir, branch, from, to);
  if (checkout.problem) return fail(checkout.problem);

  const entry: JournalEntry = {
    id: randomBytes(6).toString('hex'),
    op: input.op,
    branch,
    from,
    to,
    backupRef: newBackupRefName(branch),
    checkout: checkout.path,
    step: 'planned',
    startedAt: new Date().toISOString(),
    detail: input.detail ?? {},
  };
  const step = async (s: MoveStep): Promise<void> => {
    entry.step = s;
    await writeJournal(repoDir, entry);
    if (input.crashAfter === s) throw new SimulatedCrash(s);
  };

  await step('planned');
  const backup = await writeBackupRef(repoDir, entry.backupRef, branch, from, input.reason);
  await step('backed-up');

  const cas = await moveRef(repoDir, branchRef(branch), to, from, `switchyard: ${input.reason}`);
  if (!cas.ok) {
    await deleteBackupRef(repoDir, backup.ref, from);
    await clearJournal(repoDir, branch);
    return fail({ code: 'base-moved', message: `'${branch}' moved while merging (nothing was changed; re-planning): ${cas.error}` });
  }
  await step('ref-moved');

  const warnings: string[] = [];
  let synced: string | null = null;
  if (checkout.path) {
    const sync = await syncCheckout(checkout.path, from, to);
    if (sync.ok) synced = checkout.path;
    else warnings.push(`'${branch}' moved, but its checkout at ${checkout.path} could not be updated (${sync.message}); run 'git status' there`);
  }
  await step('checkout-synced');
  await clearJournal(repoDir, branch);
  return { ok: true, backupRef: backup, checkoutSynced: synced, warnings, error: null };
}
