import { z } from 'zod';

/**
 * What a review shows for one branch: exactly what merging it would bring (the diff from the
 * merge-base with its base to the branch head), file by file, plus the conflict hunks git predicts.
 */

export const DiffFileStatusSchema = z.enum(['added', 'deleted', 'modified', 'renamed', 'copied', 'type-changed']);
export type DiffFileStatus = z.infer<typeof DiffFileStatusSchema>;

export const DiffHunkSchema = z.object({
  /** The `@@ -a,b +c,d @@ section` line as git wrote it. */
  header: z.string(),
  oldStart: z.number(),
  oldLines: z.number(),
  newStart: z.number(),
  newLines: z.number(),
  /** Body lines with git's one-character prefix kept: ' ' context, '+' added, '-' removed, '\' no-newline note. */
  lines: z.array(z.string()),
});
export type DiffHunk = z.infer<typeof DiffHunkSchema>;

export const DiffFileSchema = z.object({
  path: z.string(),
  /** The path before a rename or copy; null otherwise. */
  oldPath: z.string().nullable(),
  status: DiffFileStatusSchema,
  binary: z.boolean(),
  additions: z.number(),
  deletions: z.number(),
  /** Why the hunks are not included (too large, too many files); null when they are. */
  summarised: z.string().nullable(),
  hunks: z.array(DiffHunkSchema),
});
export type DiffFile = z.infer<typeof DiffFileSchema>;

export const ConflictHunkSchema = z.object({
  /** 1-based line of the `<<<<<<<` marker in the merged file git wrote. */
  line: z.number(),
  /** Lines just before and after the conflict, for orientation. */
  before: z.array(z.string()),
  ours: z.array(z.string()),
  /** The common ancestor's lines (diff3 / zdiff3 conflict style only). */
  base: z.array(z.string()).nullable(),
  theirs: z.array(z.string()),
  after: z.array(z.string()),
  oursLabel: z.string(),
  theirsLabel: z.string(),
});
export type ConflictHunk = z.infer<typeof ConflictHunkSchema>;

export const ConflictFileSchema = z.object({
  path: z.string(),
  hunks: z.array(ConflictHunkSchema),
  /** git's own words for this path (modify/delete, rename, binary): there may be no hunks to show. */
  messages: z.array(z.string()),
});
export type ConflictFile = z.infer<typeof ConflictFileSchema>;

export const PredictedConflictSchema = z.object({
  /** What the branch was merged with in memory: the base branch, or another branch of the queue. */
  against: z.string(),
  againstIsBase: z.boolean(),
  files: z.array(ConflictFileSchema),
  error: z.string().nullable(),
});
export type PredictedConflict = z.infer<typeof PredictedConflictSchema>;

export const ReviewDiffSchema = z.object({
  branch: z.string(),
  base: z.string(),
  headSha: z.string(),
  baseSha: z.string(),
  mergeBase: z.string().nullable(),
  files: z.array(DiffFileSchema),
  totals: z.object({ files: z.number(), additions: z.number(), deletions: z.number() }),
  /** Why some files carry no hunks (the whole-diff budget ran out); null when everything is there. */
  limited: z.string().nullable(),
  conflicts: z.array(PredictedConflictSchema),
  computedMs: z.number(),
});
export type ReviewDiff = z.infer<typeof ReviewDiffSchema>;
