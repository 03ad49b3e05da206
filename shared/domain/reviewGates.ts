import { z } from 'zod';

/**
 * §3 Adversarial Review Integration, as a plan asks for it: which review gates apply (plan-wide
 * and per session), whether the pre-dispatch review has passed Gate 2 (or was waived with a
 * reason), and which sessions' post-session reviews are recorded. Read from the plan file only.
 */

export const ReviewTimingSchema = z.enum(['pre-dispatch', 'in-session', 'post-session']);
export type ReviewTiming = z.infer<typeof ReviewTimingSchema>;

/** A line of the plan that says something about review, with its 1-based line number. */
export const ReviewSourceSchema = z.object({ line: z.number(), text: z.string() });
export type ReviewSource = z.infer<typeof ReviewSourceSchema>;

export const ReviewRecordSchema = z.object({
  outcome: z.enum(['passed', 'failed', 'waived']),
  /** The person's words: the gate, a date, a link — or the waiver's reason. */
  note: z.string(),
  line: z.number(),
  text: z.string(),
});
export type ReviewRecord = z.infer<typeof ReviewRecordSchema>;

export const BatchReviewSchema = z.object({
  batch: z.number().int(),
  /** Every gate that applies to some session of the batch (plan-wide ones included). */
  timings: z.array(ReviewTimingSchema),
  /** Per session of the batch: the gates on it. */
  sessions: z.record(z.string(), z.array(ReviewTimingSchema)),
  /** The pre-dispatch review holds this batch (asked for and neither passed nor waived). */
  blocked: z.boolean(),
  /** One sentence for the person. */
  message: z.string(),
});
export type BatchReview = z.infer<typeof BatchReviewSchema>;

export const ReviewGateStateSchema = z.object({
  /** Plan-wide gates (a `Review:` line, a `## Review` section). */
  plan: z.array(ReviewTimingSchema),
  sources: z.array(ReviewSourceSchema),
  preDispatch: z.object({
    required: z.boolean(),
    /** The latest pass / fail / waiver record, if any. */
    record: ReviewRecordSchema.nullable(),
    /** Required and not passed nor waived: every batch waits. */
    blocking: z.boolean(),
  }),
  /** Session (label, phase, issue or branch as recorded) → its recorded post-session review. */
  postSession: z.record(z.string(), ReviewRecordSchema),
  batches: z.array(BatchReviewSchema),
});
export type ReviewGateState = z.infer<typeof ReviewGateStateSchema>;
