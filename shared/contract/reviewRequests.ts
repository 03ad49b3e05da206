import { z } from 'zod';
import { ReviewDiffSchema } from '../domain/review';
import { defineRequest } from './requestSpec';

/** Whose changes to review: a merge queue entry (queue + branch) or a session (its worktree's branch). */
export const ReviewSubjectSchema = z.union([
  z.object({ queueId: z.string().min(1).max(64), branch: z.string().min(1).max(250) }).strict(),
  z.object({ sessionId: z.string().min(1).max(4096) }).strict(),
]);
export type ReviewSubject = z.infer<typeof ReviewSubjectSchema>;

/** Requests of the review domain: read-only, nothing is checked out or written but git objects. */
export const reviewRequests = {
  'review.diff': defineRequest({
    summary: "A branch's changes against its base (exactly what a merge would bring), per file, with the predicted conflict hunks.",
    request: ReviewSubjectSchema,
    result: ReviewDiffSchema,
  }),
} satisfies Record<string, ReturnType<typeof defineRequest>>;
