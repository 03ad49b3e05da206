import { z } from 'zod';
import { linearLabelRefSchema, linearStateSchema, linearUserRefSchema } from '../../../shared/domain/linear';

/** Shapes of the replies to the documents in operations.ts (checked at runtime with zod). */

const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

export const issueNodeSchema = z.object({
  id: z.string(),
  identifier: z.string(),
  title: z.string(),
  url: z.string(),
  updatedAt: z.string(),
  estimate: z.number().nullable(),
  state: linearStateSchema,
  assignee: linearUserRefSchema.nullable(),
  /** The agent (app user) the issue is delegated to. */
  delegate: linearUserRefSchema.nullable().optional(),
  labels: z.object({ nodes: z.array(linearLabelRefSchema) }),
});
export type IssueNode = z.infer<typeof issueNodeSchema>;

export const planPollResultSchema = z.object({
  issue: issueNodeSchema.extend({
    children: z.object({ nodes: z.array(issueNodeSchema), pageInfo }),
  }),
});
export type PlanPollResult = z.infer<typeof planPollResultSchema>;

export const viewerResultSchema = z.object({
  viewer: z.object({ id: z.string(), name: z.string(), displayName: z.string(), email: z.string() }),
});
export type ViewerResult = z.infer<typeof viewerResultSchema>;

export const teamsResultSchema = z.object({
  teams: z.object({ nodes: z.array(z.object({ id: z.string(), key: z.string(), name: z.string() })) }),
});
export type TeamsResult = z.infer<typeof teamsResultSchema>;

export const subIssueContextResultSchema = z.object({
  issue: z.object({
    id: z.string(),
    identifier: z.string(),
    team: z.object({ id: z.string(), key: z.string() }),
    children: z.object({
      nodes: z.array(z.object({ id: z.string(), identifier: z.string(), title: z.string(), description: z.string().nullable() })),
      pageInfo,
    }),
  }),
});
export type SubIssueContextResult = z.infer<typeof subIssueContextResultSchema>;

export const labelNodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  isGroup: z.boolean(),
  parent: z.object({ id: z.string(), name: z.string() }).nullable(),
  team: z.object({ id: z.string() }).nullable(),
});
export type LabelNode = z.infer<typeof labelNodeSchema>;

export const labelLookupResultSchema = z.object({ issueLabels: z.object({ nodes: z.array(labelNodeSchema) }) });
export type LabelLookupResult = z.infer<typeof labelLookupResultSchema>;

export const labelCreateResultSchema = z.object({
  issueLabelCreate: z.object({ success: z.boolean(), issueLabel: labelNodeSchema }),
});
export type LabelCreateResult = z.infer<typeof labelCreateResultSchema>;

export const issueCreateResultSchema = z.object({
  issueCreate: z.object({
    success: z.boolean(),
    issue: z.object({ id: z.string(), identifier: z.string(), url: z.string() }).nullable(),
  }),
});
export type IssueCreateResult = z.infer<typeof issueCreateResultSchema>;

export const workflowStateNodeSchema = linearStateSchema.extend({ position: z.number() });
export type WorkflowStateNode = z.infer<typeof workflowStateNodeSchema>;

export const issueTeamStatesResultSchema = z.object({
  issue: z.object({
    id: z.string(),
    state: linearStateSchema,
    team: z.object({ id: z.string(), states: z.object({ nodes: z.array(workflowStateNodeSchema) }) }),
  }),
});
export type IssueTeamStatesResult = z.infer<typeof issueTeamStatesResultSchema>;

export const issueUpdateStateResultSchema = z.object({
  issueUpdate: z.object({
    success: z.boolean(),
    issue: z.object({ id: z.string(), state: linearStateSchema }).nullable(),
  }),
});
export type IssueUpdateStateResult = z.infer<typeof issueUpdateStateResultSchema>;

export const linearUserNodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  email: z.string(),
  active: z.boolean(),
  app: z.boolean(),
});
export type LinearUserNode = z.infer<typeof linearUserNodeSchema>;

export const usersResultSchema = z.object({ users: z.object({ nodes: z.array(linearUserNodeSchema), pageInfo }) });
export type UsersResult = z.infer<typeof usersResultSchema>;

export const issueAssignResultSchema = z.object({
  issueUpdate: z.object({
    success: z.boolean(),
    issue: z.object({ id: z.string(), identifier: z.string(), assignee: linearUserRefSchema.nullable(), delegate: linearUserRefSchema.nullable() }).nullable(),
  }),
});
export type IssueAssignResult = z.infer<typeof issueAssignResultSchema>;

export const commentCreateResultSchema = z.object({
  commentCreate: z.object({ success: z.boolean(), comment: z.object({ id: z.string(), url: z.string(), createdAt: z.string() }) }),
});
export type CommentCreateResult = z.infer<typeof commentCreateResultSchema>;

export const linearCommentNodeSchema = z.object({
  id: z.string(),
  body: z.string(),
  createdAt: z.string(),
  url: z.string(),
  user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }).nullable(),
});
export type LinearCommentNode = z.infer<typeof linearCommentNodeSchema>;

export const issueCommentsResultSchema = z.object({
  issue: z.object({ id: z.string(), identifier: z.string(), comments: z.object({ nodes: z.array(linearCommentNodeSchema), pageInfo }) }),
});
export type IssueCommentsResult = z.infer<typeof issueCommentsResultSchema>;
