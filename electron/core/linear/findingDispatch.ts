import type { FindingDecision, FindingDispatchResult, FindingRoute, LinearAgent, ReviewFinding, ReviewFindings } from '../../../shared/domain/reviewFindings';
import { listAllUsers } from './userDirectory';
import { assembleFindings, findingsMarkerScope, type IssueChild, type IssueComment } from '../findings/assembleFindings';
import { renderDecisionsReply } from '../findings/decisionsReply';
import { defuseMentions, implementComment, isImplementComment, MentionRuleError } from '../findings/mentionComment';
import { LinearRequestError, type LinearGateway } from './linearGateway';
import { mapLinearError } from './mapLinearError';
import { parseRowMarker, subIssueDescription } from './subIssueMarker';

/**
 * §9 against Linear: read an issue's review findings (its comments, its children, the app users),
 * record decisions as a reply comment, and dispatch the agreed findings — one sub-issue each under
 * the reviewed issue (idempotent by marker), then one `@agent Implement:` comment per sub-issue for
 * the trivial/small ones (idempotent: an earlier dispatch comment on the sub-issue is found, not
 * repeated). Medium+ findings get their sub-issue and wait for a Claude Code session.
 */

export type FindingsGateway = Pick<LinearGateway, 'issueComments' | 'subIssueContext' | 'users' | 'createComment' | 'createIssue'>;

export class FindingsInputError extends Error {
  constructor(
    readonly kind: 'not_found' | 'refused',
    message: string,
  ) {
    super(message);
    this.name = 'FindingsInputError';
  }
}

interface IssueContext {
  id: string;
  identifier: string;
  teamId: string;
  children: (IssueChild & { title: string })[];
}

async function readComments(gateway: FindingsGateway, issueId: string): Promise<{ id: string; identifier: string; comments: IssueComment[] }> {
  const comments: IssueComment[] = [];
  let after: string | null = null;
  let id = issueId;
  let identifier = issueId;
  for (;;) {
    const { data } = await gateway.issueComments(issueId, after);
    id = data.issue.id;
    identifier = data.issue.identifier;
    for (const c of data.issue.comments.nodes) comments.push({ id: c.id, body: c.body, createdAt: c.createdAt, url: c.url, author: c.user?.name ?? null });
    const { hasNextPage, endCursor } = data.issue.comments.pageInfo;
    if (!hasNextPage || !endCursor) break;
    after = endCursor;
  }
  return { id, identifier, comments };
}

async function readContext(gateway: FindingsGateway, issueId: string): Promise<IssueContext> {
  const children: IssueContext['children'] = [];
  let after: string | null = null;
  for (;;) {
    const { data } = await gateway.subIssueContext(issueId, after);
    children.push(...data.issue.children.nodes);
    const { hasNextPage, endCursor } = data.issue.children.pageInfo;
    if (!hasNextPage || !endCursor) return { id: data.issue.id, identifier: data.issue.identifier, teamId: data.issue.team.id, children };
    after = endCursor;
  }
}

/** Active app users (agents): the only users an @mention dispatch may name. */
async function readAgents(gateway: FindingsGateway): Promise<LinearAgent[]> {
  return (await listAllUsers(gateway)).filter((u) => u.app && u.active).map((u) => ({ id: u.id, name: u.name, displayName: u.displayName }));
}

async function loadWithContext(gateway: FindingsGateway, issueId: string): Promise<{ findings: ReviewFindings; context: IssueContext }> {
  const [comments, context, agents] = await Promise.all([readComments(gateway, issueId), readContext(gateway, issueId), readAgents(gateway)]);
  return { findings: assembleFindings({ issueId: comments.id, identifier: comments.identifier, comments: comments.comments, children: context.children, agents }), context };
}

export async function loadReviewFindings(gateway: FindingsGateway, issueId: string): Promise<ReviewFindings> {
  return (await loadWithContext(gateway, issueId)).findings;
}

function tableOf(findings: ReviewFindings, tableKey: string) {
  const table = findings.tables.find((t) => t.key === tableKey);
  if (!table) throw new FindingsInputError('not_found', `That findings table is no longer on ${findings.identifier} (was its comment deleted?). Reload the findings.`);
  return table;
}

export interface DecisionInput {
  key: string;
  decision: FindingDecision;
}

/** Posts the person's decisions as a Decisions reply on the reviewed issue, then reads everything back. */
export async function recordDecisions(gateway: FindingsGateway, issueId: string, tableKey: string, decisions: readonly DecisionInput[]): Promise<ReviewFindings> {
  const before = await loadReviewFindings(gateway, issueId);
  const table = tableOf(before, tableKey);
  const lines = decisions.map((d) => {
    const finding = table.findings.find((f) => f.key === d.key);
    if (!finding) throw new FindingsInputError('not_found', `Finding ${d.key} is not in that table any more. Reload the findings.`);
    return { key: finding.key, title: finding.title, decision: d.decision };
  });
  if (!lines.length) throw new FindingsInputError('refused', 'Choose a decision for at least one finding first.');
  const tableIndex = Number(tableKey.slice(tableKey.lastIndexOf('#') + 1));
  await gateway.createComment(before.issueId, renderDecisionsReply(table.commentId, tableIndex, lines));
  return loadReviewFindings(gateway, issueId);
}

export interface RouteChoice {
  key: string;
  route: FindingRoute;
  /** The agent to @mention when `route` is `agent`. */
  agentId?: string | null;
}

const TITLE_MAX = 120;

export function findingSubIssueTitle(finding: Pick<ReviewFinding, 'label' | 'title'>): string {
  const title = finding.title.replace(/\s+/g, ' ').trim();
  const head = `Review ${finding.label}: `;
  return head + (title.length + head.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - head.length - 1).trimEnd()}…` : title);
}

/** The sub-issue description: the finding's details, where it came from, and who implements it. */
export function findingSubIssueBody(finding: ReviewFinding, reviewed: { identifier: string; commentUrl: string }, route: FindingRoute, agents: readonly LinearAgent[]): string {
  const safe = (s: string): string => defuseMentions(s.replace(/\s*\n\s*/g, ' '), agents);
  const lines = [`Review finding **${safe(finding.label)}** on ${reviewed.identifier} ([the review comment](${reviewed.commentUrl})), agreed in Switchyard.`, '', `- **Finding:** ${safe(finding.title)}`];
  const add = (label: string, value: string | null): void => {
    if (value) lines.push(`- **${label}:** ${safe(value)}`);
  };
  add('Severity', finding.severity);
  add('Effort', finding.effort);
  add('Location', finding.location);
  add('Recommendation', finding.recommendation);
  for (const d of finding.details) add(d.column, d.value);
  if (finding.consensus) add('Consensus', finding.consensus.words);
  lines.push('', route === 'agent' ? `**Implemented by:** an agent by @mention (trivial/small finding).` : `**Implemented by:** a Claude Code session (medium+ finding).`);
  return lines.join('\n');
}

/** Failures that will hit every remaining finding too: stop and say so, as sub-issue creation does. */
const FATAL_KINDS = new Set(['bad-key', 'rate-limited', 'offline', 'linear-down']);
function isFatal(error: unknown): boolean {
  return error instanceof LinearRequestError && FATAL_KINDS.has(error.connection.kind);
}

function reason(error: unknown): string {
  if (error instanceof LinearRequestError) return error.connection.message;
  return mapLinearError(error, Date.now()).message;
}

export interface DispatchOutcome {
  results: FindingDispatchResult[];
  findings: ReviewFindings;
}

/**
 * One sub-issue per agreed finding of the table, then one @mention comment per agent-routed sub-issue.
 * Findings not decided `agree` are never dispatched, whatever the request says.
 */
export async function dispatchAgreedFindings(gateway: FindingsGateway, issueId: string, tableKey: string, choices: readonly RouteChoice[]): Promise<DispatchOutcome> {
  const { findings, context } = await loadWithContext(gateway, issueId);
  const table = tableOf(findings, tableKey);
  const agreed = table.findings.filter((f) => f.decision === 'agree');
  if (!agreed.length) throw new FindingsInputError('refused', 'No finding of this table is decided "agree": record the decisions first.');
  const tableIndex = Number(tableKey.slice(tableKey.lastIndexOf('#') + 1));
  const scope = findingsMarkerScope(table.commentId, tableIndex);
  const results: FindingDispatchResult[] = [];
  let stopped: string | null = null;
  for (const finding of agreed) {
    const choice = choices.find((c) => c.key === finding.key);
    const route = choice?.route ?? finding.route;
    const agent = route === 'agent' ? findings.agents.find((a) => a.id === (choice?.agentId ?? findings.defaultAgentId)) : undefined;
    const result: FindingDispatchResult = { key: finding.key, title: finding.title, status: 'failed', subIssue: null, route, mention: null, error: null };
    results.push(result);
    if (stopped) {
      result.error = `Not attempted: ${stopped}`;
      continue;
    }
    if (route === 'agent' && !agent) {
      result.error = 'No agent (Linear app user) to @mention: pick one, or leave the finding to a Claude Code session.';
      continue;
    }
    try {
      // By marker; by exact title as a fallback in case an editor dropped the marker.
      const existing = finding.subIssue ?? context.children.find((c) => c.title === findingSubIssueTitle(finding) && !parseRowMarker(c.description)) ?? null;
      if (existing) {
        result.status = 'exists';
        result.subIssue = { id: existing.id, identifier: existing.identifier, url: null };
      } else {
        const description = subIssueDescription(findingSubIssueBody(finding, { identifier: findings.identifier, commentUrl: table.commentUrl }, route, findings.agents), scope, finding.key);
        const { data } = await gateway.createIssue({ teamId: context.teamId, title: findingSubIssueTitle(finding), description, parentId: context.id, labelIds: [] });
        const issue = data.issueCreate.issue;
        if (!data.issueCreate.success || !issue) throw new Error('Linear did not create the issue.');
        result.status = 'created';
        result.subIssue = { id: issue.id, identifier: issue.identifier, url: issue.url };
      }
    } catch (error) {
      result.error = reason(error);
      if (isFatal(error)) stopped = result.error;
      continue;
    }
    if (route !== 'agent' || !agent || !result.subIssue) continue;
    let body = '';
    try {
      body = implementComment(agent, finding, findings.agents);
      const earlier = (await readComments(gateway, result.subIssue.id)).comments.find((c) => isImplementComment(c.body, findings.agents));
      if (earlier) {
        result.mention = { agent: agent.name, status: 'exists', body: earlier.body, url: earlier.url };
      } else {
        const { data } = await gateway.createComment(result.subIssue.id, body);
        result.mention = { agent: agent.name, status: 'posted', body, url: data.commentCreate.comment.url };
      }
    } catch (error) {
      result.mention = { agent: agent.name, status: 'failed', body, url: null };
      result.error = `The sub-issue is there, the @mention was not posted: ${error instanceof MentionRuleError ? error.message : reason(error)}`;
      if (isFatal(error)) stopped = reason(error);
    }
  }
  return { results, findings: await loadReviewFindings(gateway, issueId) };
}
