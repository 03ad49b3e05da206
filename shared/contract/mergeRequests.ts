import { z } from 'zod';
import { BackupRefSchema, MergeErrorSchema, MergeOutcomeSchema, MergeStrategySchema, RebaseResultSchema, RemoveWorktreeResultSchema } from '../domain/merge';
import { MergeQueueViewSchema } from '../domain/mergeView';
import { defineRequest } from './requestSpec';

const queueId = z.string().min(1).max(64);
const branch = z.string().min(1).max(250);

/** Requests of the merge domain. Every one names its queue (`state.merge[queueId]`). */
export const mergeRequests = {
  'merge.refresh': defineRequest({
    summary: 'Re-read branches, the base and the conflict matrix now (one queue, or all).',
    request: z.object({ queueId: queueId.optional() }).strict(),
    result: z.object({ queues: z.number() }),
  }),
  'merge.setStrategy': defineRequest({
    summary: 'Merge commit, squash, or rebase + fast-forward for this queue.',
    request: z.object({ queueId, strategy: MergeStrategySchema }).strict(),
    result: MergeQueueViewSchema,
  }),
  'merge.setOrder': defineRequest({
    summary: "Reorder the queue (the same branches); the plan's own order comes back when the plan changes it.",
    request: z.object({ queueId, order: z.array(branch).min(1).max(100) }).strict(),
    result: MergeQueueViewSchema,
  }),
  'merge.mergeNext': defineRequest({
    summary: 'Merge the next branch in order, if it is ready.',
    request: z.object({ queueId }).strict(),
    result: MergeOutcomeSchema,
  }),
  'merge.mergeOutOfOrder': defineRequest({
    summary: 'Merge a branch ahead of its turn; the written reason is kept in the plan file.',
    request: z.object({ queueId, branch, reason: z.string().trim().min(8, 'Write why (at least 8 characters); it is kept in the plan file.').max(1000) }).strict(),
    result: MergeOutcomeSchema,
  }),
  'merge.rebase': defineRequest({
    summary: "Rebase a branch onto the current base in its own worktree (session stopped, tree clean).",
    request: z.object({ queueId, branch }).strict(),
    result: RebaseResultSchema,
  }),
  'merge.undo': defineRequest({
    summary: 'Move a branch back to a backup ref (only if it is still where you saw it).',
    request: z.object({ backupRef: z.string().min(1).max(500), expectedSha: z.string().regex(/^[0-9a-f]{40,64}$/).nullable().optional() }).strict(),
    result: z.object({ ok: z.boolean(), branch: z.string(), restoredSha: z.string().nullable(), backupRef: BackupRefSchema.nullable(), warnings: z.array(z.string()), error: MergeErrorSchema.nullable() }),
  }),
  'merge.revert': defineRequest({
    summary: "Take a merge back out with a new commit on the base (for when commits were made on top of it, so Undo would reset them away).",
    request: z.object({ backupRef: z.string().min(1).max(500) }).strict(),
    result: z.object({
      ok: z.boolean(),
      branch: z.string(),
      revertSha: z.string().nullable(),
      revertedSha: z.string().nullable(),
      backupRef: BackupRefSchema.nullable(),
      conflictFiles: z.array(z.string()),
      warnings: z.array(z.string()),
      error: MergeErrorSchema.nullable(),
    }),
  }),
  'merge.removeWorktree': defineRequest({
    summary: "Remove a merged branch's worktree and delete the branch (refused if anything is uncommitted or unmerged).",
    request: z.object({ queueId, branch }).strict(),
    result: RemoveWorktreeResultSchema,
  }),
  'merge.flagSemanticConflict': defineRequest({
    summary: 'Note both approaches in the plan file and hold the queue until you decide.',
    request: z.object({ queueId, branches: z.array(branch).min(2).max(10), note: z.string().trim().min(1, 'Say what clashes.').max(2000) }).strict(),
    result: MergeQueueViewSchema,
  }),
  'merge.flagCrossSessionConflict': defineRequest({
    summary: "§3 Cross-session: flag two sessions' conflicting work — a comment on the master plan issue naming both sessions and the files, the hold in the plan file, both sessions' merges held until the resolution is recorded.",
    request: z.object({ queueId, branches: z.array(branch).length(2), note: z.string().trim().max(2000) }).strict(),
    result: MergeQueueViewSchema,
  }),
  'merge.resolveSemanticConflict': defineRequest({
    summary: 'Record the decision on a semantic (or cross-session) conflict and release the queue (or the two sessions).',
    request: z.object({ queueId, holdId: z.string().regex(/^[0-9a-f]{8}$/), decision: z.string().trim().min(1, 'Write what you decided.').max(2000) }).strict(),
    result: MergeQueueViewSchema,
  }),
} satisfies Record<string, ReturnType<typeof defineRequest>>;
