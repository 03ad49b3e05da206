import { z } from 'zod';
import { findingDecisionSchema, findingDispatchResultSchema, findingRouteSchema, reviewFindingsSchema } from '../domain/reviewFindings';
import { defineRequest } from './requestSpec';

const issueId = z.string().trim().min(1).max(100);
const tableKey = z.string().min(1).max(200);
const findingKey = z.string().min(1).max(200);

/** Requests of review findings (rule book §9): read, decide, dispatch the agreed ones. */
export const findingsRequests = {
  'findings.load': defineRequest({
    summary: "An issue's review findings tables (from its Linear comments), with decisions, routes and sub-issues already made.",
    request: z.object({ issueId }).strict(),
    result: reviewFindingsSchema,
  }),
  'findings.decide': defineRequest({
    summary: 'Record decisions for a findings table as a "Decisions" reply comment on the reviewed issue.',
    request: z.object({ issueId, tableKey, decisions: z.array(z.object({ key: findingKey, decision: findingDecisionSchema }).strict()).min(1).max(200) }).strict(),
    result: reviewFindingsSchema,
  }),
  'findings.dispatch': defineRequest({
    summary: 'One sub-issue per agreed finding (idempotent), then one @agent Implement comment per trivial/small one.',
    request: z
      .object({
        issueId,
        tableKey,
        choices: z.array(z.object({ key: findingKey, route: findingRouteSchema, agentId: z.string().min(1).max(100).nullable().optional() }).strict()).max(200),
      })
      .strict(),
    result: z.object({ results: z.array(findingDispatchResultSchema), findings: reviewFindingsSchema }),
  }),
} satisfies Record<string, ReturnType<typeof defineRequest>>;
