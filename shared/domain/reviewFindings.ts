import { z } from 'zod';

/**
 * Review findings (rule book §9): the findings tables of a review decision record (RDR) posted as a
 * Linear comment, the Decision a person gives each finding, and what dispatching the agreed ones did.
 */

export const FINDING_DECISIONS = ['agree', 'override', 'defer', 'reject'] as const;
export const findingDecisionSchema = z.enum(FINDING_DECISIONS);
export type FindingDecision = z.infer<typeof findingDecisionSchema>;

/** Who implements an agreed finding: an agent by @mention (trivial/small), or a Claude Code session (medium+). */
export const findingRouteSchema = z.enum(['agent', 'claude-code']);
export type FindingRoute = z.infer<typeof findingRouteSchema>;

export const modelVoteSchema = z.object({ model: z.string(), agrees: z.boolean().nullable() });
export type ModelVote = z.infer<typeof modelVoteSchema>;

/** §3 multi-model consensus: 2/3 agreement to include, 3/3 for a critical finding. */
export const findingConsensusSchema = z.object({
  agreeing: z.number().int(),
  voting: z.number().int(),
  critical: z.boolean(),
  met: z.boolean(),
  words: z.string(),
});
export type FindingConsensus = z.infer<typeof findingConsensusSchema>;

export const reviewFindingSchema = z.object({
  /** Stable within its table: the `#`/ID cell, else `row-<n>`. Part of the sub-issue marker. */
  key: z.string(),
  /** What the table calls it (`F3`, `3`), or the row number. */
  label: z.string(),
  title: z.string(),
  severity: z.string().nullable(),
  effort: z.string().nullable(),
  location: z.string().nullable(),
  recommendation: z.string().nullable(),
  /** Every other non-empty cell, by its header (for the sub-issue description). */
  details: z.array(z.object({ column: z.string(), value: z.string() })),
  decision: findingDecisionSchema.nullable(),
  /** Where the decision came from: the RDR's own Decision column, or a later "Decisions" reply. */
  decisionSource: z.enum(['table', 'reply']).nullable(),
  /** A Decision cell we could not read (kept so the person sees it). */
  decisionText: z.string().nullable(),
  votes: z.array(modelVoteSchema),
  consensus: findingConsensusSchema.nullable(),
  route: findingRouteSchema,
  routeReason: z.string(),
  /** The sub-issue already created for it (found by its marker), if any. */
  subIssue: z.object({ id: z.string(), identifier: z.string() }).nullable(),
});
export type ReviewFinding = z.infer<typeof reviewFindingSchema>;

export const findingTableSchema = z.object({
  /** `<commentId>#<table index in the comment>`. */
  key: z.string(),
  commentId: z.string(),
  commentUrl: z.string(),
  author: z.string().nullable(),
  createdAt: z.string(),
  heading: z.string().nullable(),
  columns: z.array(z.string()),
  findings: z.array(reviewFindingSchema),
  /** When the latest Decisions reply for this table was posted, or null. */
  decidedAt: z.string().nullable(),
});
export type FindingTable = z.infer<typeof findingTableSchema>;

export const linearAgentSchema = z.object({ id: z.string(), name: z.string(), displayName: z.string() });
export type LinearAgent = z.infer<typeof linearAgentSchema>;

export const reviewFindingsSchema = z.object({
  issueId: z.string(),
  identifier: z.string(),
  tables: z.array(findingTableSchema),
  /** App users (agents) that can be @mentioned; the default is Tembo when it is there. */
  agents: z.array(linearAgentSchema),
  defaultAgentId: z.string().nullable(),
});
export type ReviewFindings = z.infer<typeof reviewFindingsSchema>;

export const findingDispatchResultSchema = z.object({
  key: z.string(),
  title: z.string(),
  status: z.enum(['created', 'exists', 'failed']),
  subIssue: z.object({ id: z.string(), identifier: z.string(), url: z.string().nullable() }).nullable(),
  route: findingRouteSchema,
  /** The @mention comment: posted now, found from an earlier run, or none (Claude Code route). */
  mention: z.object({ agent: z.string(), status: z.enum(['posted', 'exists', 'failed']), body: z.string(), url: z.string().nullable() }).nullable(),
  error: z.string().nullable(),
});
export type FindingDispatchResult = z.infer<typeof findingDispatchResultSchema>;
