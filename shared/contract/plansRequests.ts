import { z } from 'zod';
import { MovedPrompts } from '../domain/planState';
import { defineRequest } from './requestSpec';

/** Requests of the plans domain. */
export const plansRequests = {
  'plans.rename': defineRequest({
    summary: 'Rename a plan file to its structured name and update references to it (refused if the name is taken).',
    request: z.object({ path: z.string().min(1), newFileName: z.string().min(4).max(200).optional() }).strict(),
    result: z.object({ newPath: z.string(), updatedFiles: z.array(z.string()) }),
  }),
  'plans.linkIssueIds': defineRequest({
    summary: "Turn a plan's plain issue ids into Linear links (nothing else in the file changes).",
    request: z.object({ path: z.string().min(1), expectedHash: z.string().min(1) }).strict(),
    result: z.object({ linked: z.number(), planHash: z.string() }),
  }),
  'plans.moveDispatchPrompts': defineRequest({
    summary:
      '§8.5: one Linear sub-issue under the master plan issue per prompt of a deprecated local dispatch file (idempotent; the file is kept byte for byte).',
    request: z
      .object({
        path: z.string().min(1),
        /** The master issue when the file names none (e.g. `CIA-540`). */
        masterIssueId: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,9}-\d+$/).optional(),
      })
      .strict(),
    result: MovedPrompts,
  }),
  'plans.markSessionFailed': defineRequest({
    summary:
      "§8 Failed sessions: set a session's Session Registry status to Failed with a brief reason, or record the human review of a failed session's output (later batches wait for it).",
    request: z
      .object({
        planPath: z.string().min(1),
        /** The session as the plan names it: label, phase, issue id or session name. */
        session: z.string().min(1).max(200),
        reason: z.string().min(1).max(500),
        /** true: a person reviewed the failed session's output and later batches may build on it. */
        reviewed: z.boolean().optional(),
      })
      .strict(),
    result: z.object({ planHash: z.string(), status: z.string() }),
  }),
  'plans.recordReview': defineRequest({
    summary:
      "§3 review gates: record that the pre-dispatch review passed Gate 2 (or waive it with a written reason), or that a session's post-session review passed; one line in the plan's review section.",
    request: z
      .object({
        planPath: z.string().min(1),
        timing: z.enum(['pre-dispatch', 'post-session']),
        outcome: z.enum(['passed', 'waived']),
        /** A link or note for a pass; the reason for a waiver. */
        note: z.string().max(1000),
        /** post-session: the session as the plan names it. */
        session: z.string().min(1).max(200).optional(),
      })
      .strict(),
    result: z.object({ planHash: z.string(), line: z.string() }),
  }),
} satisfies Record<string, ReturnType<typeof defineRequest>>;
