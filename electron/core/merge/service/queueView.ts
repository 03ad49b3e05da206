import type { BackupRef, BranchFacts, BranchVerdict, ConflictMatrix, MergeQueueState, SuggestedOrder } from '../../../../shared/domain/merge';
import type { MergeActionNote, MergeQueueView, MergeRowView, SemanticHold } from '../../../../shared/domain/mergeView';
import type { SessionRecord } from '../../../../shared/domain/session';
import type { PlannedBranch } from './mergeOrderFromPlan';
import { recordOfBranch, type QueueSpec } from './planQueues';
import type { OrderNote } from './orderNote';
import { mergeStatusOf } from './sessionStatusMap';
import { holdStopping } from '../../plans/semanticConflictLog';

export interface QueueViewInput {
  spec: QueueSpec;
  planTitle: string;
  masterIssueId: string | null;
  orderNote: OrderNote;
  state: MergeQueueState;
  records: readonly SessionRecord[];
  /** All branches of the queue vs base and each other (the engine's own matrix covers completed ones only). */
  preview: ConflictMatrix | null;
  changedFiles: Readonly<Record<string, string[]>>;
  backups: readonly BackupRef[];
  holds: readonly SemanticHold[];
  suggested: SuggestedOrder | null;
  lastAction: MergeActionNote | null;
  /** §3: the post-session review the plan asks for on a branch (null: none asked). */
  postSessionReview?: (branch: string) => MergeRowView['postSessionReview'];
}

function rebaseOffer(f: BranchFacts | undefined, v: BranchVerdict, base: string): MergeRowView['rebase'] {
  // A ready branch merges cleanly as it is; one that conflicts, or that waits while the base moves on, is offered a rebase.
  const wanted = v.kind === 'needs-rebase' || v.kind === 'will-conflict' || ((f?.behindBase ?? 0) > 0 && (v.kind === 'waiting-session' || v.kind === 'blocked'));
  if (!wanted || !f) return { offered: false, allowed: false, reason: '' };
  const no = (reason: string) => ({ offered: true, allowed: false, reason });
  if (f.sessionStatus === 'working') return no('the session is still working; rebase when it has stopped');
  if (f.sessionStatus === 'waiting-input') return no('the session is waiting for input; rebase when it has stopped');
  if (!f.worktreePath || f.worktreeMissing) return no('the branch has no worktree to rebase in');
  if (f.dirty) return no(`uncommitted changes in the worktree (${f.dirtyFiles.slice(0, 3).join(', ')}); commit them first`);
  if (f.rebaseInProgress) return no('a rebase is already in progress there');
  if (f.lockFiles.length > 0) return no('a git lock file is present there');
  if (f.detached) return no('the worktree is on a detached HEAD');
  return { offered: true, allowed: true, reason: `replays its commits onto the current '${base}' in its own worktree (a backup ref is written first)` };
}

/** A branch the plan records but no session has created yet reads "not started", never "gone". */
function notStartedVerdict(v: BranchVerdict, p: PlannedBranch | undefined): BranchVerdict {
  if (v.kind !== 'missing' || !p || p.started) return v;
  return { ...v, kind: 'not-started', reason: `not started yet: the plan records branch '${v.branch}', which no session has created` };
}

/** Pure: the engine's state and the service's extras as the rows and grid the Merge view draws. */
export function buildQueueView(input: QueueViewInput): MergeQueueView {
  const { spec, state } = input;
  const planned = new Map<string, PlannedBranch>(spec.branches.map((b) => [b.branch, b]));
  const facts = new Map(state.facts.map((f) => [f.branch, f]));
  const rows: MergeRowView[] = state.verdicts.map((engineVerdict) => {
    const f = facts.get(engineVerdict.branch);
    const p = planned.get(engineVerdict.branch);
    const verdict = notStartedVerdict(engineVerdict, p);
    const record = recordOfBranch(input.records, verdict.branch, spec.repoDir);
    const hold = input.holds.find((h) => h.branches.includes(verdict.branch));
    return {
      branch: verdict.branch,
      label: p?.label ?? null,
      declared: p?.declared ?? false,
      recordedBranch: p?.recordedBranch ?? null,
      phase: p?.phase ?? record?.phase ?? null,
      issueId: p?.issueId ?? record?.issueId ?? null,
      sessionId: record?.id ?? null,
      sessionName: record?.name ?? p?.sessionName ?? null,
      sessionStatus: record?.status ?? null,
      mergeStatus: f?.sessionStatus ?? mergeStatusOf(record?.status),
      sha: f?.sha ?? null,
      ahead: f?.aheadOfBase ?? 0,
      behind: f?.behindBase ?? 0,
      changedFiles: input.changedFiles[verdict.branch] ?? [],
      worktreePath: f?.worktreePath ?? null,
      verdict,
      rebase: rebaseOffer(f, verdict, spec.base),
      removeOffered: verdict.kind === 'merged' && f?.exists === true,
      heldBy: hold?.id ?? null,
      postSessionReview: input.postSessionReview?.(verdict.branch) ?? null,
    };
  });
  // A semantic hold stops the whole queue; a cross-session hold the merges of its own sessions (§3).
  const held = state.next !== null && (holdStopping(input.holds, state.next) !== null || input.postSessionReview?.(state.next)?.passed === false);
  const preview = input.preview;
  return {
    id: spec.id,
    planPath: spec.planPath,
    planTitle: input.planTitle,
    masterIssueId: input.masterIssueId,
    repoDir: spec.repoDir,
    base: spec.base,
    baseHead: state.matrix?.baseHead ?? preview?.baseHead ?? null,
    strategy: state.strategy,
    order: state.order,
    orderDeclared: input.orderNote.declared,
    orderNote: input.orderNote.note,
    unmatchedOrderTokens: input.orderNote.unmatched,
    rows,
    // A semantic-conflict hold stops the queue until the person decides (§8: escalate, never auto-resolve).
    next: held ? null : state.next,
    matrix: preview
      ? {
          branches: Object.keys(preview.branchHeads),
          cells: preview.cells.map((c) => ({ a: c.a, b: c.b, conflicts: c.conflicts, files: c.files, error: c.error })),
          computedAt: preview.computedAt,
        }
      : null,
    suggested: input.suggested,
    backups: [...input.backups],
    holds: [...input.holds],
    busy: state.busy,
    lastOutcome: state.lastOutcome,
    lastAction: input.lastAction,
    refreshedAt: state.refreshedAt,
    error: state.error,
  };
}
