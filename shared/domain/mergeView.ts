import { z } from 'zod';
import { BackupRefSchema, BranchVerdictSchema, MergeOutcomeSchema, MergeSessionStatusSchema, MergeStrategySchema, SuggestedOrderSchema } from './merge';
import { SessionStatus } from './session';

/**
 * What the Merge view shows for one merge queue (one master plan × repository × base branch):
 * the engine's state flattened into rows a person reads top to bottom, plus the things only the
 * service knows (which plan, the semantic-conflict holds, the last action's words).
 */

export const MergeRowViewSchema = z.object({
  branch: z.string(),
  /** The session as the plan calls it (`S-A`, `1A`), when the plan records it. */
  label: z.string().nullable().default(null),
  /** The plan declares this branch's place in the merge order. */
  declared: z.boolean().default(false),
  /** The branch the plan records, when the live session works on another one. */
  recordedBranch: z.string().nullable().default(null),
  /** Plan phase (`1A`) the branch belongs to, when known. */
  phase: z.string().nullable(),
  issueId: z.string().nullable(),
  sessionId: z.string().nullable(),
  sessionName: z.string().nullable(),
  /** The live registry's status (null when no session record has this branch). */
  sessionStatus: SessionStatus.nullable(),
  /** What the merge queue made of it. */
  mergeStatus: MergeSessionStatusSchema,
  sha: z.string().nullable(),
  ahead: z.number(),
  behind: z.number(),
  changedFiles: z.array(z.string()),
  worktreePath: z.string().nullable(),
  verdict: BranchVerdictSchema,
  /** "Rebase onto new base": offered when it could help and is allowed now; `reason` says why not otherwise. */
  rebase: z.object({ offered: z.boolean(), allowed: z.boolean(), reason: z.string() }),
  /** Remove worktree + branch: offered (never automatic) once the branch is merged. */
  removeOffered: z.boolean(),
  /** A semantic-conflict hold involving this branch. */
  heldBy: z.string().nullable(),
  /**
   * §3 post-session review asked for by the plan: the merge waits until it is recorded. Null when
   * the plan asks for none on this session.
   */
  postSessionReview: z.object({ passed: z.boolean(), record: z.string().nullable() }).nullable().default(null),
});
export type MergeRowView = z.infer<typeof MergeRowViewSchema>;

export const MatrixCellViewSchema = z.object({
  a: z.string(),
  b: z.string(),
  conflicts: z.boolean(),
  files: z.array(z.string()),
  error: z.string().nullable(),
});
export type MatrixCellView = z.infer<typeof MatrixCellViewSchema>;

export const SemanticHoldSchema = z.object({
  id: z.string(),
  branches: z.array(z.string()),
  note: z.string(),
  at: z.string(),
  /** semantic: the whole queue waits (§8); cross-session: the merges of these sessions wait (§3). */
  kind: z.enum(['semantic', 'cross-session']).default('semantic'),
  /** Cross-session: the files the sessions overlap in. */
  files: z.array(z.string()).default([]),
  /** Cross-session: what happened to the Linear comment on the master plan issue. */
  comment: z.string().nullable().default(null),
});
export type SemanticHold = z.infer<typeof SemanticHoldSchema>;

export const MergeActionNoteSchema = z.object({
  kind: z.enum(['merge', 'rebase', 'undo', 'revert', 'remove', 'semantic', 'recovery', 'refused']),
  ok: z.boolean(),
  message: z.string(),
  branch: z.string().nullable(),
  conflictFiles: z.array(z.string()),
  at: z.string(),
});
export type MergeActionNote = z.infer<typeof MergeActionNoteSchema>;

export const MergeQueueViewSchema = z.object({
  id: z.string(),
  planPath: z.string(),
  planTitle: z.string(),
  masterIssueId: z.string().nullable(),
  repoDir: z.string(),
  base: z.string(),
  baseHead: z.string().nullable(),
  strategy: MergeStrategySchema,
  /** Declared order (or the person's reordering of it). */
  order: z.array(z.string()),
  /** True when the order came from the plan's `Merge order` line / column rather than phase order. */
  orderDeclared: z.boolean(),
  /** Where the order comes from, in words, quoting the plan's line (or saying none is declared). */
  orderNote: z.string().default(''),
  /** Declared merge-order tokens that name no session of the plan. */
  unmatchedOrderTokens: z.array(z.string()).default([]),
  rows: z.array(MergeRowViewSchema),
  /** The branch the Merge button merges now. */
  next: z.string().nullable(),
  /** Every branch of the queue (completed or not) vs the base and each other: predictions, nothing touched. */
  matrix: z.object({ branches: z.array(z.string()), cells: z.array(MatrixCellViewSchema), computedAt: z.string() }).nullable(),
  suggested: SuggestedOrderSchema.nullable(),
  backups: z.array(BackupRefSchema),
  holds: z.array(SemanticHoldSchema),
  busy: z.boolean(),
  lastOutcome: MergeOutcomeSchema.nullable(),
  lastAction: MergeActionNoteSchema.nullable(),
  refreshedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type MergeQueueView = z.infer<typeof MergeQueueViewSchema>;
