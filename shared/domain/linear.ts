import { z } from 'zod';

/** Linear data as Switchyard sees it: plan issues, connection health, rate budget, sub-issue creation. */

export const workflowStateTypeSchema = z.string(); // triage | backlog | unstarted | started | completed | canceled | duplicate

export const linearStateSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: workflowStateTypeSchema,
});
export type LinearState = z.infer<typeof linearStateSchema>;

export const linearUserRefSchema = z.object({ id: z.string(), name: z.string() });
export type LinearUserRef = z.infer<typeof linearUserRefSchema>;

export const linearLabelRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The label group this label belongs to (`exec` for `exec`→`tdd`), or null for a flat label. */
  parent: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type LinearLabelRef = z.infer<typeof linearLabelRefSchema>;

export const linearIssueSnapshotSchema = z.object({
  id: z.string(),
  identifier: z.string(),
  title: z.string(),
  url: z.string(),
  updatedAt: z.string(),
  estimate: z.number().nullable(),
  state: linearStateSchema,
  assignee: linearUserRefSchema.nullable(),
  /** The agent (app user) the issue is delegated to (§4: external agents); absent in older caches. */
  delegate: linearUserRefSchema.nullable().optional(),
  labels: z.array(linearLabelRefSchema),
});
export type LinearIssueSnapshot = z.infer<typeof linearIssueSnapshotSchema>;

export const linearConnectionKindSchema = z.enum([
  'not-configured',
  'ok',
  'bad-key',
  'no-access',
  'rate-limited',
  'offline',
  'linear-down',
  'error',
]);
export type LinearConnectionKind = z.infer<typeof linearConnectionKindSchema>;

export const linearConnectionStateSchema = z.object({
  kind: linearConnectionKindSchema,
  message: z.string(),
  /** ISO time when a rate limit lifts (only for `rate-limited`), else null. */
  until: z.string().nullable(),
});
export type LinearConnectionState = z.infer<typeof linearConnectionStateSchema>;

export const linearPlanStateSchema = z.object({
  masterIssueId: z.string(),
  master: linearIssueSnapshotSchema.nullable(),
  children: z.array(linearIssueSnapshotSchema),
  /** ISO time of the last successful fetch, or null if never fetched. */
  fetchedAt: z.string().nullable(),
  /** True when the data comes from the disk cache or the last poll failed. */
  stale: z.boolean(),
  connection: linearConnectionStateSchema,
});
export type LinearPlanState = z.infer<typeof linearPlanStateSchema>;

export const rateBudgetSchema = z.object({
  requestsLimit: z.number().nullable(),
  requestsRemaining: z.number().nullable(),
  /** Epoch milliseconds (normalised from seconds or milliseconds). */
  requestsResetAt: z.number().nullable(),
  complexityLimit: z.number().nullable(),
  complexityRemaining: z.number().nullable(),
  complexityResetAt: z.number().nullable(),
  /** `X-Complexity` of the request that produced this budget. */
  lastComplexity: z.number().nullable(),
});
export type RateBudget = z.infer<typeof rateBudgetSchema>;

export const subIssueCreationStatusSchema = z.enum(['pending', 'creating', 'created', 'exists', 'failed']);
export type SubIssueCreationStatus = z.infer<typeof subIssueCreationStatusSchema>;

export const subIssueCreationSchema = z.object({
  rowKey: z.string(),
  status: subIssueCreationStatusSchema,
  issueId: z.string().nullable(),
  identifier: z.string().nullable(),
  error: z.string().nullable(),
  /** Who the sub-issue went to (§4 Assignee): a person assigned, or an agent (app user) delegated to. */
  assignee: z.object({ name: z.string(), delegated: z.boolean() }).nullable().optional(),
  /** The Agent cell named nobody in Linear (or the users could not be read): left unassigned, and why. */
  assigneeWarning: z.string().nullable().optional(),
});
export type SubIssueCreation = z.infer<typeof subIssueCreationSchema>;

export const NOT_CONFIGURED: LinearConnectionState = {
  kind: 'not-configured',
  message: 'No Linear API key configured.',
  until: null,
};

/** One approved dispatch row to become a Linear sub-issue under the master issue. */
export const subIssueRowSchema = z.object({
  /** Stable key of the row within its plan (e.g. `1A`). */
  rowKey: z.string().min(1),
  /** `{N}{Letter}`, e.g. `1A`. */
  batch: z.string().min(1),
  focus: z.string().min(1),
  /** The dispatch prompt: becomes the description. */
  prompt: z.string(),
  /** e.g. `type:chore`, `type:spike`. */
  typeLabel: z.string().nullable(),
  /** e.g. `exec:tdd`. */
  execLabel: z.string().nullable(),
  /** Fibonacci points; sent as an Int. */
  estimate: z.number().nullable(),
  assigneeId: z.string().nullable(),
  /** The Agent cell as written: resolved to a Linear user when `assigneeId` is null (absent: leave unassigned). */
  agent: z.string().max(200).nullable().optional(),
  /** Title to use instead of `Batch {batch}: {focus}` (prompts moved from a local dispatch file). */
  title: z.string().min(1).max(250).optional(),
});
export type SubIssueRow = z.infer<typeof subIssueRowSchema>;
