import { z } from 'zod';

/**
 * Merge-queue domain: how finished worktree branches are merged into a base branch in a declared
 * order (first merged becomes the base for the next; the session that finished second rebases).
 */

export const MergeStrategySchema = z.enum(['merge', 'squash', 'rebase']);
export type MergeStrategy = z.infer<typeof MergeStrategySchema>;

/** What the merge queue needs to know about the session that owns a branch. */
export const MergeSessionStatusSchema = z.enum(['working', 'waiting-input', 'completed', 'failed', 'abandoned', 'unknown']);
export type MergeSessionStatus = z.infer<typeof MergeSessionStatusSchema>;

export const VerdictKindSchema = z.enum([
  'ready',
  'waiting-turn',
  'waiting-session',
  'needs-rebase',
  'will-conflict',
  'blocked',
  'merged',
  /** The branch existed (its session started) and is gone now. */
  'missing',
  /** The plan records the branch but nothing has created it yet: the session has not started. */
  'not-started',
]);
export type VerdictKind = z.infer<typeof VerdictKindSchema>;

export const BranchVerdictSchema = z.object({
  branch: z.string(),
  kind: VerdictKindSchema,
  /** Plain words for a person: why this branch is (not) mergeable now. */
  reason: z.string(),
  /** The branch this one waits for (its turn, or the conflict partner merged before it). */
  waitsFor: z.string().nullable(),
  conflictFiles: z.array(z.string()),
  blockers: z.array(z.string()),
  /** True when `mergeOutOfOrder` (with a written reason) may take this branch now. */
  overridable: z.boolean(),
});
export type BranchVerdict = z.infer<typeof BranchVerdictSchema>;

export const ConflictCellSchema = z.object({
  /** 'base' or a branch name. */
  a: z.string(),
  b: z.string(),
  aSha: z.string().nullable(),
  bSha: z.string().nullable(),
  conflicts: z.boolean(),
  files: z.array(z.string()),
  /** Tree the merge produced (also when conflicted, with conflict markers); null on error. */
  mergedTree: z.string().nullable(),
  error: z.string().nullable(),
});
export type ConflictCell = z.infer<typeof ConflictCellSchema>;

export const ConflictMatrixSchema = z.object({
  base: z.string(),
  baseHead: z.string(),
  /** Tree of baseHead: a branch whose merge with base yields this tree adds nothing (already merged). */
  baseTree: z.string(),
  branchHeads: z.record(z.string(), z.string().nullable()),
  computedAt: z.string(),
  cells: z.array(ConflictCellSchema),
  durationMs: z.number(),
});
export type ConflictMatrix = z.infer<typeof ConflictMatrixSchema>;

export const BackupRefSchema = z.object({
  ref: z.string(),
  branch: z.string(),
  oldSha: z.string(),
  createdAt: z.string(),
  reason: z.string(),
  /** The commit the move left the branch at (the merge commit), from the reflog; undo resets only while the branch is still there. */
  leftAt: z.string().nullable().optional(),
});
export type BackupRef = z.infer<typeof BackupRefSchema>;

export const MergeErrorCodeSchema = z.enum([
  'base-moved',
  'conflict',
  'branch-missing',
  'base-missing',
  'base-checkout-dirty',
  'checkout-busy',
  'signing-required',
  'identity-missing',
  'cannot-rebase',
  'locked',
  'journal-pending',
  'not-mergeable',
  'override-reason-required',
  'hook-refused',
  'git-failed',
]);
export type MergeErrorCode = z.infer<typeof MergeErrorCodeSchema>;

export const MergeErrorSchema = z.object({ code: MergeErrorCodeSchema, message: z.string() });
export type MergeError = z.infer<typeof MergeErrorSchema>;

export const MergeOutcomeSchema = z.object({
  ok: z.boolean(),
  branch: z.string(),
  strategy: MergeStrategySchema,
  oldBaseSha: z.string().nullable(),
  newBaseSha: z.string().nullable(),
  backupRefs: z.array(BackupRefSchema),
  message: z.string(),
  /** Things a person should know even on success (hooks not run, checkout not updated, …). */
  warnings: z.array(z.string()),
  conflictFiles: z.array(z.string()),
  /** Set when the merge was taken out of the declared order; the caller records it in the plan. */
  overrideReason: z.string().nullable(),
  error: MergeErrorSchema.nullable(),
});
export type MergeOutcome = z.infer<typeof MergeOutcomeSchema>;

/** Facts about one branch that the pure verdict rules need (gathered by core from git). */
export const BranchFactsSchema = z.object({
  branch: z.string(),
  sessionStatus: MergeSessionStatusSchema,
  exists: z.boolean(),
  sha: z.string().nullable(),
  worktreePath: z.string().nullable(),
  worktreeMissing: z.boolean(),
  dirty: z.boolean(),
  dirtyFiles: z.array(z.string()),
  rebaseInProgress: z.boolean(),
  lockFiles: z.array(z.string()),
  detached: z.boolean(),
  aheadOfBase: z.number().int().nonnegative(),
  behindBase: z.number().int().nonnegative(),
  mergedIntoBase: z.boolean(),
});
export type BranchFacts = z.infer<typeof BranchFactsSchema>;

export const SuggestedOrderSchema = z.object({
  order: z.array(z.string()),
  /** Branches that would need a rebase (or conflict resolution) in the suggested order. */
  rebasesNeeded: z.array(z.string()),
  rebasesNeededInDeclared: z.array(z.string()),
  changed: z.boolean(),
  reason: z.string(),
});
export type SuggestedOrder = z.infer<typeof SuggestedOrderSchema>;

export const MergeQueueStateSchema = z.object({
  repoDir: z.string(),
  base: z.string(),
  strategy: MergeStrategySchema,
  order: z.array(z.string()),
  matrix: ConflictMatrixSchema.nullable(),
  facts: z.array(BranchFactsSchema),
  verdicts: z.array(BranchVerdictSchema),
  /** The one branch `mergeNext()` would merge now, if any. */
  next: z.string().nullable(),
  busy: z.boolean(),
  lastOutcome: MergeOutcomeSchema.nullable(),
  refreshedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type MergeQueueState = z.infer<typeof MergeQueueStateSchema>;

export const RebaseResultSchema = z.object({
  ok: z.boolean(),
  branch: z.string().nullable(),
  oldSha: z.string().nullable(),
  newSha: z.string().nullable(),
  backupRef: BackupRefSchema.nullable(),
  conflictFiles: z.array(z.string()),
  message: z.string(),
});
export type RebaseResult = z.infer<typeof RebaseResultSchema>;

export const RemoveWorktreeResultSchema = z.object({
  ok: z.boolean(),
  removedWorktree: z.boolean(),
  deletedBranch: z.boolean(),
  backupRef: BackupRefSchema.nullable(),
  message: z.string(),
  reasons: z.array(z.string()),
});
export type RemoveWorktreeResult = z.infer<typeof RemoveWorktreeResultSchema>;
