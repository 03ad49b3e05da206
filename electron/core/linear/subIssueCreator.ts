import type { SubIssueCreation, SubIssueRow } from '../../../shared/domain/linear';
import { assignmentFields, matchAgentUser, type AgentAssignee, type AgentUser } from './agentAssignee';
import { LabelResolver } from './labelResolver';
import { LinearRequestError, type LinearGateway } from './linearGateway';
import { mapLinearError } from './mapLinearError';
import { findExistingChild, subIssueDescription, subIssueTitle, type ExistingChild } from './subIssueMarker';

/**
 * Creates one Linear sub-issue per approved dispatch row under the master issue. Idempotent: existing
 * children are listed first and matched by the marker in their description, so a retry after a failure
 * halfway (or a crash, or a lost reply) never creates a duplicate.
 */

export type SubIssueGateway = Pick<LinearGateway, 'subIssueContext' | 'findLabels' | 'createLabel' | 'createIssue'>;

export interface SubIssueCreatorOptions {
  gateway: SubIssueGateway;
  masterIssueId: string;
  /** Identifies the plan version the rows came from; part of the marker. */
  planHash: string;
  onProgress?: (row: SubIssueCreation, all: SubIssueCreation[]) => void;
  now?: () => number;
  /** The workspace's users (read once per run, cached by the caller): who each row's Agent cell names. */
  users?: () => Promise<readonly AgentUser[]>;
}

/** Failures that will hit every remaining row too: stop and report them all. */
const FATAL_KINDS = new Set(['bad-key', 'rate-limited', 'offline', 'linear-down']);

interface MasterContext {
  /** The master's UUID (the caller may have given its identifier, e.g. ENG-1). */
  masterId: string;
  teamId: string;
  children: ExistingChild[];
}

interface ResolvedAssignee {
  fields: { assigneeId?: string; delegateId?: string };
  shown: { name: string; delegated: boolean } | null;
  warning: string | null;
}

function shownAssignee(match: AgentAssignee): ResolvedAssignee['shown'] {
  return match.kind === 'delegate' || match.kind === 'assign' ? { name: match.user.name, delegated: match.kind === 'delegate' } : null;
}

export class SubIssueCreator {
  private readonly rows = new Map<string, SubIssueRow>();
  private readonly status = new Map<string, SubIssueCreation>();
  private running: Promise<SubIssueCreation[]> = Promise.resolve([]);

  constructor(private readonly options: SubIssueCreatorOptions) {}

  results(): SubIssueCreation[] {
    return [...this.status.values()].map((s) => ({ ...s }));
  }

  /** Create (or find) a sub-issue for each row. Calls are serialised: a second call waits for the first. */
  run(rows: SubIssueRow[]): Promise<SubIssueCreation[]> {
    for (const row of rows) {
      this.rows.set(row.rowKey, row);
      const prev = this.status.get(row.rowKey);
      if (!prev || prev.status === 'failed' || prev.status === 'pending') {
        this.status.set(row.rowKey, { rowKey: row.rowKey, status: 'pending', issueId: null, identifier: null, error: null });
      }
    }
    const keys = rows.map((r) => r.rowKey);
    return this.enqueue(() => this.process(keys));
  }

  /** Retry only the rows that failed. */
  retryFailed(): Promise<SubIssueCreation[]> {
    return this.enqueue(() => {
      const keys = [...this.status.values()].filter((s) => s.status === 'failed').map((s) => s.rowKey);
      for (const k of keys) this.update(k, { status: 'pending', error: null });
      return this.process(keys);
    });
  }

  private enqueue(task: () => Promise<SubIssueCreation[]>): Promise<SubIssueCreation[]> {
    const next = this.running.then(task, task);
    this.running = next.catch(() => []);
    return next;
  }

  private update(rowKey: string, patch: Partial<SubIssueCreation>): void {
    const current = this.status.get(rowKey);
    if (!current) return;
    const updated = { ...current, ...patch };
    this.status.set(rowKey, updated);
    this.options.onProgress?.({ ...updated }, this.results());
  }

  private reason(error: unknown): { message: string; fatal: boolean } {
    const connection = error instanceof LinearRequestError ? error.connection : mapLinearError(error, (this.options.now ?? Date.now)());
    return { message: connection.message, fatal: FATAL_KINDS.has(connection.kind) };
  }

  /**
   * §4 Assignee for each row that names its agent, from ONE read of the workspace's users. Users that
   * cannot be read leave the rows unassigned with the reason on each row; the sub-issues are still made.
   */
  private async resolveAssignees(keys: readonly string[]): Promise<Map<string, ResolvedAssignee>> {
    const out = new Map<string, ResolvedAssignee>();
    const rows = keys.map((k) => this.rows.get(k)).filter((r): r is SubIssueRow => r !== undefined && !r.assigneeId && r.agent !== undefined);
    if (rows.length === 0) return out;
    let users: readonly AgentUser[] | null = null;
    let problem: string | null = null;
    if (this.options.users) {
      try {
        users = await this.options.users();
      } catch (error) {
        problem = `Linear users could not be read (${this.reason(error).message}): left unassigned.`;
      }
    } else {
      problem = 'Linear users are not available here: left unassigned.';
    }
    for (const row of rows) {
      if (!users) {
        out.set(row.rowKey, { fields: {}, shown: null, warning: problem });
        continue;
      }
      const match = matchAgentUser(row.agent, users);
      out.set(row.rowKey, { fields: assignmentFields(match), shown: shownAssignee(match), warning: match.kind === 'unmatched' ? match.warning : null });
    }
    return out;
  }

  private async loadContext(): Promise<MasterContext> {
    const children: ExistingChild[] = [];
    let after: string | null = null;
    let teamId = '';
    let masterId = this.options.masterIssueId;
    for (;;) {
      const res = await this.options.gateway.subIssueContext(this.options.masterIssueId, after);
      teamId = res.data.issue.team.id;
      masterId = res.data.issue.id;
      children.push(...res.data.issue.children.nodes);
      const { hasNextPage, endCursor } = res.data.issue.children.pageInfo;
      if (!hasNextPage || !endCursor) break;
      after = endCursor;
    }
    return { masterId, teamId, children };
  }

  private async process(keys: string[]): Promise<SubIssueCreation[]> {
    const todo = keys.filter((k) => {
      const s = this.status.get(k)?.status;
      return s === 'pending';
    });
    if (!todo.length) return this.results();
    let ctx: MasterContext;
    try {
      ctx = await this.loadContext();
    } catch (error) {
      const { message } = this.reason(error);
      for (const k of todo) this.update(k, { status: 'failed', error: `Could not read the master issue: ${message}` });
      return this.results();
    }
    const labels = new LabelResolver(this.options.gateway, ctx.teamId);
    const { planHash } = this.options;
    const assignees = await this.resolveAssignees(todo);

    for (let i = 0; i < todo.length; i++) {
      const key = todo[i] as string;
      const row = this.rows.get(key);
      if (!row) continue;
      const existing = findExistingChild(ctx.children, planHash, row);
      if (existing) {
        this.update(key, { status: 'exists', issueId: existing.id, identifier: existing.identifier, error: null });
        continue;
      }
      this.update(key, { status: 'creating', error: null });
      try {
        const labelIds: string[] = [];
        for (const spec of [row.typeLabel, row.execLabel]) if (spec && spec.trim()) labelIds.push(await labels.resolve(spec));
        const description = subIssueDescription(row.prompt, planHash, row.rowKey);
        const to = assignees.get(key);
        const res = await this.options.gateway.createIssue({
          teamId: ctx.teamId,
          title: subIssueTitle(row),
          description,
          parentId: ctx.masterId,
          labelIds,
          estimate: row.estimate,
          assigneeId: row.assigneeId,
          ...(row.assigneeId ? {} : to?.fields),
        });
        const issue = res.data.issueCreate.issue;
        if (!res.data.issueCreate.success || !issue) throw new Error('Linear did not create the issue.');
        ctx.children.push({ id: issue.id, identifier: issue.identifier, title: subIssueTitle(row), description });
        this.update(key, { status: 'created', issueId: issue.id, identifier: issue.identifier, error: null, ...(to ? { assignee: to.shown, assigneeWarning: to.warning } : {}) });
      } catch (error) {
        const { message, fatal } = this.reason(error);
        this.update(key, { status: 'failed', error: message });
        if (fatal) {
          for (const rest of todo.slice(i + 1)) this.update(rest, { status: 'failed', error: `Not attempted: ${message}` });
          break;
        }
      }
    }
    return this.results();
  }
}
