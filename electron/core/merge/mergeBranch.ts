import type { MergeError, MergeOutcome, MergeStrategy } from '../../../shared/domain/merge';
import { branchRef } from '../git/branchRef';
import { commitTree } from '../git/commitTree';
import { commitSubjects } from '../git/log';
import { isAncestor } from '../git/mergeBase';
import { mergeTrees } from '../git/mergeTree';
import { resolveCommit } from '../git/revParse';
import { withBaseLock, type BaseLockOptions } from './baseLock';
import { readJournal, type MoveStep } from './journalFile';
import { moveBranchRef } from './moveBranchRef';
import { replayCommits } from './replayCommits';
import { readRepoPolicy } from './repoPolicy';

export interface MergeBranchInput {
  repoDir: string;
  base: string;
  branch: string;
  strategy: MergeStrategy;
  /** The base head the plan was made against; if the base moved since, nothing happens ('base-moved'). */
  expectedBaseSha?: string | null;
  /** Recorded in the commit message and returned, when the branch is taken out of the declared order. */
  overrideReason?: string | null;
  /** 'report' (default): hooks are not run and the outcome says so. 'refuse': refuse when any exist. */
  hookPolicy?: 'report' | 'refuse';
  lock?: BaseLockOptions;
  /** Test-only: simulate a crash after this journal step. */
  crashAfter?: MoveStep;
}

type Planned = { ok: true; newSha: string; createsCommits: boolean; note: string } | { ok: false; error: MergeError; files: string[] };

async function planNewBase(input: MergeBranchInput, baseSha: string, branchSha: string): Promise<Planned> {
  const { repoDir, base, branch, strategy } = input;
  const override = input.overrideReason ? `\n\nMerged out of the declared order: ${input.overrideReason}\n` : '';
  if (strategy === 'rebase') {
    const replay = await replayCommits(repoDir, baseSha, branchSha);
    if (!replay.ok) return { ok: false, error: { code: replay.code, message: replay.message }, files: replay.files };
    const note = replay.fastForward
      ? `fast-forwarded '${base}' to '${branch}'`
      : `replayed ${replay.replayed} commit(s) of '${branch}' onto '${base}'${replay.skipped ? ` (${replay.skipped} already applied, dropped)` : ''}`;
    return { ok: true, newSha: replay.tip, createsCommits: !replay.fastForward, note };
  }
  const merged = await mergeTrees(repoDir, baseSha, branchSha);
  if (!merged.ok) return { ok: false, error: { code: 'git-failed', message: merged.error }, files: [] };
  if (merged.conflicts) {
    return {
      ok: false,
      error: { code: 'conflict', message: `'${branch}' conflicts with '${base}' in ${merged.files.join(', ')}: rebase it onto '${base}' first` },
      files: merged.files,
    };
  }
  if (strategy === 'merge') {
    const sha = await commitTree(repoDir, merged.tree, [baseSha, branchSha], `Merge branch '${branch}' into ${base}\n${override}`);
    return { ok: true, newSha: sha, createsCommits: true, note: `merged '${branch}' into '${base}'` };
  }
  const subjects = await commitSubjects(repoDir, `${baseSha}..${branchSha}`, { reverse: true });
  if (!subjects.ok) throw new Error(`git log failed: ${subjects.error}`);
  const count = subjects.value.length;
  const list = subjects.value.map((s) => `* ${s}`).join('\n').trim();
  const message = `${branch} (squashed ${count} commit${count === 1 ? '' : 's'})\n\n${list}\n${override}`;
  const sha = await commitTree(repoDir, merged.tree, [baseSha], message);
  return { ok: true, newSha: sha, createsCommits: true, note: `squashed '${branch}' into one commit on '${base}'` };
}

/**
 * Merges one branch into the base without checking anything out: the new base commit is built from
 * objects (merge-tree + commit-tree), the base ref moves by compare-and-swap after a backup ref, and
 * a clean worktree that has the base checked out is brought along (a dirty one makes us refuse).
 */
export async function mergeBranch(input: MergeBranchInput): Promise<MergeOutcome> {
  const { repoDir, base, branch, strategy } = input;
  const outcome = (o: Partial<MergeOutcome>): MergeOutcome => ({
    ok: false,
    branch,
    strategy,
    oldBaseSha: null,
    newBaseSha: null,
    backupRefs: [],
    message: '',
    warnings: [],
    conflictFiles: [],
    overrideReason: input.overrideReason ?? null,
    error: null,
    ...o,
  });
  const refuse = (error: MergeError, extra: Partial<MergeOutcome> = {}): MergeOutcome =>
    outcome({ error, message: error.message, ...extra });

  const locked = await withBaseLock(
    repoDir,
    base,
    async (): Promise<MergeOutcome> => {
      if (await readJournal(repoDir, base)) {
        return refuse({ code: 'journal-pending', message: `an interrupted merge into '${base}' must be recovered first (recoverInterrupted)` });
      }
      const baseSha = await resolveCommit(repoDir, branchRef(base));
      if (!baseSha) return refuse({ code: 'base-missing', message: `base branch '${base}' does not exist` });
      if (input.expectedBaseSha && input.expectedBaseSha !== baseSha) {
        return refuse(
          { code: 'base-moved', message: `'${base}' moved since the plan was made (${input.expectedBaseSha.slice(0, 10)} → ${baseSha.slice(0, 10)}); re-planning` },
          { oldBaseSha: baseSha },
        );
      }
      const branchSha = await resolveCommit(repoDir, branchRef(branch));
      if (!branchSha) return refuse({ code: 'branch-missing', message: `branch '${branch}' does not exist` }, { oldBaseSha: baseSha });
      if (await isAncestor(repoDir, branchSha, baseSha)) {
        return outcome({ ok: true, oldBaseSha: baseSha, newBaseSha: baseSha, message: `'${branch}' is already in '${base}'; nothing to do` });
      }
      const policy = await readRepoPolicy(repoDir, strategy);
      const warnings: string[] = [];
      if (policy.hooksPresent.length > 0) {
        const names = policy.hooksPresent.join(', ');
        if (input.hookPolicy === 'refuse') {
          return refuse({ code: 'hook-refused', message: `this repo has hooks a normal merge would run (${names}); Switchyard does not run hooks, so it refuses: merge from a terminal` });
        }
        warnings.push(`hooks not run (Switchyard merges with plumbing): ${names}`);
      }
      const planned = await planNewBase(input, baseSha, branchSha).catch(
        (error: unknown): Planned => ({ ok: false, error: { code: 'git-failed', message: (error as Error).message }, files: [] }),
      );
      if (!planned.ok) return refuse(planned.error, { oldBaseSha: baseSha, conflictFiles: planned.files });
      if (planned.createsCommits && policy.signingRequired) {
        return refuse({
          code: 'signing-required',
          message: `this repo asks for signed commits (commit.gpgSign=true) and Switchyard does not sign: merge '${branch}' from a terminal, or turn signing off for this repo`,
        }, { oldBaseSha: baseSha });
      }
      if (planned.createsCommits && policy.identityMissing) {
        return refuse({ code: 'identity-missing', message: `git has no committer identity: ${policy.identityMissing}` }, { oldBaseSha: baseSha });
      }
      const moved = await moveBranchRef({
        repoDir,
        branch: base,
        from: baseSha,
        to: planned.newSha,
        op: 'merge',
        reason: `${strategy} ${branch} into ${base}`,
        detail: { mergedBranch: branch, strategy },
        ...(input.crashAfter ? { crashAfter: input.crashAfter } : {}),
      });
      if (!moved.ok) {
        return refuse(moved.error ?? { code: 'git-failed', message: 'ref move failed' }, { oldBaseSha: baseSha, warnings });
      }
      const synced = moved.checkoutSynced ? `; updated the checkout at ${moved.checkoutSynced}` : '';
      return outcome({
        ok: true,
        oldBaseSha: baseSha,
        newBaseSha: planned.newSha,
        backupRefs: moved.backupRef ? [moved.backupRef] : [],
        message: `${planned.note}${synced}`,
        warnings: [...warnings, ...moved.warnings],
      });
    },
    { purpose: `merge ${branch}`, ...input.lock },
  );
  if (!locked.ok) return refuse({ code: 'locked', message: locked.message });
  return locked.value;
}
