import { LinearClient, LinearError } from '@linear/sdk';
import type { z } from 'zod';
import type { LinearConnectionState, RateBudget } from '../../../shared/domain/linear';
import { mapLinearError } from './mapLinearError';
import {
  COMMENT_CREATE_MUTATION,
  ISSUE_ASSIGN_MUTATION,
  ISSUE_COMMENTS_QUERY,
  ISSUE_CREATE_MUTATION,
  ISSUE_TEAM_STATES_QUERY,
  ISSUE_UPDATE_STATE_MUTATION,
  LABEL_CREATE_MUTATION,
  LABEL_LOOKUP_QUERY,
  PLAN_POLL_QUERY,
  SUB_ISSUE_CONTEXT_QUERY,
  TEAMS_QUERY,
  USERS_QUERY,
  VIEWER_QUERY,
} from './operations';
import {
  commentCreateResultSchema,
  issueAssignResultSchema,
  issueCommentsResultSchema,
  issueCreateResultSchema,
  issueTeamStatesResultSchema,
  issueUpdateStateResultSchema,
  labelCreateResultSchema,
  labelLookupResultSchema,
  planPollResultSchema,
  subIssueContextResultSchema,
  teamsResultSchema,
  usersResultSchema,
  viewerResultSchema,
  type CommentCreateResult,
  type IssueAssignResult,
  type IssueCommentsResult,
  type IssueCreateResult,
  type IssueTeamStatesResult,
  type IssueUpdateStateResult,
  type LabelCreateResult,
  type LabelLookupResult,
  type PlanPollResult,
  type SubIssueContextResult,
  type TeamsResult,
  type UsersResult,
  type ViewerResult,
} from './operationResults';
import { parseRateBudget, type HeaderSource } from './rateBudget';
import { LinearRequestTimeoutError } from './requestTimeoutError';

/**
 * The only module that talks to Linear: the real `LinearClient` from @linear/sdk, hand-written documents
 * through `client.client.rawRequest`, replies checked with zod, every failure turned into a
 * `LinearRequestError` carrying the UI connection state and whatever rate budget the reply reported.
 */

export interface LinearResult<T> {
  data: T;
  budget: RateBudget | null;
}

export class LinearRequestError extends Error {
  constructor(
    readonly connection: LinearConnectionState,
    readonly budget: RateBudget | null,
    override readonly cause: unknown,
  ) {
    super(connection.message);
    this.name = 'LinearRequestError';
  }
}

export interface PlanPollVariables {
  id: string;
  first: number;
  after?: string | null;
  /** ISO time: only children updated after it (incremental poll); absent for a full refresh. */
  updatedAfter?: string | null;
}

export interface IssueCreateInput {
  teamId: string;
  title: string;
  description: string;
  parentId: string;
  labelIds: string[];
  estimate?: number | null;
  assigneeId?: string | null;
  /** An agent (app user) to delegate the new issue to. */
  delegateId?: string | null;
  stateId?: string | null;
}

export interface IssueAssignment {
  assigneeId?: string | null;
  delegateId?: string | null;
}

export interface LabelCreateInput {
  name: string;
  teamId?: string | null;
  parentId?: string | null;
  isGroup?: boolean;
}

export interface LinearGateway {
  fetchPlanPage(vars: PlanPollVariables): Promise<LinearResult<PlanPollResult>>;
  viewer(): Promise<LinearResult<ViewerResult>>;
  teams(): Promise<LinearResult<TeamsResult>>;
  subIssueContext(masterIssueId: string, after?: string | null): Promise<LinearResult<SubIssueContextResult>>;
  findLabels(filter: Record<string, unknown>): Promise<LinearResult<LabelLookupResult>>;
  createLabel(input: LabelCreateInput): Promise<LinearResult<LabelCreateResult>>;
  createIssue(input: IssueCreateInput): Promise<LinearResult<IssueCreateResult>>;
  issueTeamStates(issueId: string): Promise<LinearResult<IssueTeamStatesResult>>;
  updateIssueState(issueId: string, stateId: string): Promise<LinearResult<IssueUpdateStateResult>>;
  /** One page of the workspace's users, app users (agents) included. */
  users(after?: string | null): Promise<LinearResult<UsersResult>>;
  /** Assign to a person and/or delegate to an agent; `null` clears, absent leaves as is. */
  assignIssue(issueId: string, to: IssueAssignment): Promise<LinearResult<IssueAssignResult>>;
  /** Posts a markdown comment on an issue (UUID or identifier). */
  createComment(issueId: string, body: string): Promise<LinearResult<CommentCreateResult>>;
  /** One page of an issue's comments, oldest first. */
  issueComments(issueId: string, after?: string | null): Promise<LinearResult<IssueCommentsResult>>;
  /** The most recent budget seen on any reply (success or failure). */
  lastBudget(): RateBudget | null;
}

export interface LinearGatewayOptions {
  apiKey: string;
  /** Defaults to Linear's production API; http is accepted for 127.0.0.1/localhost (test server). */
  apiUrl?: string;
  now?: () => number;
  /** Give up waiting for a reply after this long (default 20 s). */
  timeoutMs?: number;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new LinearRequestTimeoutError(ms)), ms);
    t.unref?.();
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

function errorHeaders(error: unknown): HeaderSource | null {
  if (!(error instanceof LinearError)) return null;
  const h = error.raw?.response?.headers;
  return h ?? null;
}

function buildIssueCreateVariables(input: IssueCreateInput): Record<string, unknown> {
  const v: Record<string, unknown> = {
    teamId: input.teamId,
    title: input.title,
    description: input.description,
    parentId: input.parentId,
    labelIds: input.labelIds,
  };
  if (input.estimate !== undefined && input.estimate !== null) v.estimate = Math.round(input.estimate);
  if (input.assigneeId) v.assigneeId = input.assigneeId;
  if (input.delegateId) v.delegateId = input.delegateId;
  if (input.stateId) v.stateId = input.stateId;
  return v;
}

export function createLinearGateway(options: LinearGatewayOptions): LinearGateway {
  const client = new LinearClient({ apiKey: options.apiKey, apiUrl: options.apiUrl });
  const now = options.now ?? (() => Date.now());
  const timeoutMs = options.timeoutMs ?? 20_000;
  let last: RateBudget | null = null;

  async function request<T>(document: string, variables: Record<string, unknown>, schema: z.ZodType<T>): Promise<LinearResult<T>> {
    try {
      const res = await withTimeout(client.client.rawRequest<unknown, Record<string, unknown>>(document, variables), timeoutMs);
      const budget = res.headers ? parseRateBudget(res.headers, now()) : null;
      if (budget) last = budget;
      return { data: schema.parse(res.data), budget };
    } catch (error) {
      const headers = errorHeaders(error);
      const budget = headers ? parseRateBudget(headers, now()) : null;
      if (budget) last = budget;
      throw new LinearRequestError(mapLinearError(error, now()), budget, error);
    }
  }

  return {
    fetchPlanPage: (vars) =>
      request(
        PLAN_POLL_QUERY,
        {
          id: vars.id,
          first: vars.first,
          after: vars.after ?? null,
          childFilter: vars.updatedAfter ? { updatedAt: { gt: vars.updatedAfter } } : null,
        },
        planPollResultSchema,
      ),
    viewer: () => request(VIEWER_QUERY, {}, viewerResultSchema),
    teams: () => request(TEAMS_QUERY, {}, teamsResultSchema),
    subIssueContext: (id, after) => request(SUB_ISSUE_CONTEXT_QUERY, { id, after: after ?? null }, subIssueContextResultSchema),
    findLabels: (filter) => request(LABEL_LOOKUP_QUERY, { filter }, labelLookupResultSchema),
    createLabel: (input) => {
      const v: Record<string, unknown> = { name: input.name };
      if (input.teamId) v.teamId = input.teamId;
      if (input.parentId) v.parentId = input.parentId;
      if (input.isGroup) v.isGroup = true;
      return request(LABEL_CREATE_MUTATION, { input: v }, labelCreateResultSchema);
    },
    createIssue: (input) => request(ISSUE_CREATE_MUTATION, { input: buildIssueCreateVariables(input) }, issueCreateResultSchema),
    issueTeamStates: (id) => request(ISSUE_TEAM_STATES_QUERY, { id }, issueTeamStatesResultSchema),
    updateIssueState: (id, stateId) => request(ISSUE_UPDATE_STATE_MUTATION, { id, input: { stateId } }, issueUpdateStateResultSchema),
    users: (after) => request(USERS_QUERY, { after: after ?? null }, usersResultSchema),
    assignIssue: (id, to) => {
      const input: Record<string, unknown> = {};
      if (to.assigneeId !== undefined) input.assigneeId = to.assigneeId;
      if (to.delegateId !== undefined) input.delegateId = to.delegateId;
      return request(ISSUE_ASSIGN_MUTATION, { id, input }, issueAssignResultSchema);
    },
    createComment: (issueId, body) => request(COMMENT_CREATE_MUTATION, { input: { issueId, body } }, commentCreateResultSchema),
    issueComments: (id, after) => request(ISSUE_COMMENTS_QUERY, { id, after: after ?? null }, issueCommentsResultSchema),
    lastBudget: () => last,
  };
}
