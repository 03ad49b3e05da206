import { z } from 'zod';
import { ApprovalResult, DispatchEdits, DispatchEvaluation, SufficiencyAnswer, SufficiencyState } from '../domain/planState';
import { defineRequest } from './requestSpec';

/** Requests of the dispatch domain. */
export const dispatchRequests = {
  'dispatch.evaluate': defineRequest({
    summary: 'Recompute violations, prompts and launch commands for edits to a dispatch table (nothing is written).',
    request: z.object({ planPath: z.string().min(1), edits: DispatchEdits }).strict(),
    result: DispatchEvaluation,
  }),
  'dispatch.approve': defineRequest({
    summary: 'Approve one batch: write its dispatch table, Session Registry rows and approval record, then create Linear sub-issues.',
    request: z
      .object({
        planPath: z.string().min(1),
        expectedHash: z.string().min(1),
        batch: z.number().int().positive(),
        edits: DispatchEdits,
        overrideReason: z.string().max(2000).nullable().optional(),
      })
      .strict(),
    result: ApprovalResult,
  }),
  'dispatch.reject': defineRequest({
    summary: 'Reject one batch with a reason (recorded in the plan file).',
    request: z.object({ planPath: z.string().min(1), batch: z.number().int().positive(), reason: z.string().min(1).max(2000) }).strict(),
    result: z.object({ planHash: z.string() }),
  }),
  'dispatch.setSufficiency': defineRequest({
    summary: 'Record the Research Sufficiency Assessment checklist in the plan file.',
    request: z
      .object({
        planPath: z.string().min(1),
        convergence: SufficiencyAnswer,
        coverage: SufficiencyAnswer,
        contradictions: SufficiencyAnswer,
        gaps: z.string().max(4000).default(''),
        /** The written human resolution of conflicting evidence. */
        resolution: z.string().max(4000).optional(),
      })
      .strict(),
    result: SufficiencyState,
  }),
  'dispatch.addFollowUpTrack': defineRequest({
    summary: 'Append a targeted follow-up research track for one named gap of an INSUFFICIENT assessment to the Phase Map, in a follow-up batch before the synthesis.',
    request: z
      .object({
        planPath: z.string().min(1),
        gap: z.string().min(1).max(500),
        /** The issue made for the follow-up track (`CIA-936`), when there is one. */
        issue: z.string().max(40).nullable().optional(),
        /** §1: more than 5 research sessions in one batch need an explicit justification (kept in the plan). */
        justification: z.string().max(2000).nullable().optional(),
      })
      .strict(),
    result: z.object({ phase: z.string(), batch: z.number().int(), newBatch: z.boolean(), planHash: z.string() }),
  }),
} satisfies Record<string, ReturnType<typeof defineRequest>>;
