import { RpcFailure } from '../../../shared/contract/rpcResult';
import type { DelegationResult } from '../../../shared/domain/launch';
import type { DispatchState } from '../../../shared/domain/planState';
import { agentInfo } from '../dispatch/agents';
import type { Delegated, DelegateInput, RowSubIssue } from '../linear/service/linearService';
import { subIssueTitle } from '../linear/subIssueMarker';
import type { SessionRegistryUpsert } from '../plans/planWriter';
import { plannedSessionName } from '../plans/service/dispatchRecord';
import type { StateStore } from '../state/stateStore';

/** Session Registry status of a row handed to an external agent. */
export const DELEGATED_STATUS = 'Delegated';

/** What delegating needs from Linear (the Linear service). */
export interface DelegateLinear {
  rowSubIssue(input: { planPath: string; masterIssueId: string; rowKey: string; title: string }): Promise<RowSubIssue | null>;
  delegate(input: DelegateInput): Promise<Delegated>;
}

export interface DelegateServiceOptions {
  store: StateStore;
  linear(): DelegateLinear | null;
  /** The plans owner's registry writer: one row, the person's other bytes untouched. */
  recordRegistryRow(planPath: string, row: SessionRegistryUpsert & { issueId: string }): Promise<{ sessionName: string }>;
  log(message: string): void;
}

/**
 * Approved external-agent row (Tembo, Cursor, Copilot, cto.new, Codex…) → handed to that agent on
 * its Linear sub-issue: delegated to the app user, or one `@agent Implement:` comment (§9); the
 * issue In Progress when the write-back setting is on; the Session Registry row says Delegated, with
 * the branch the agent's convention gives (Cursor `cursor/{issue-id}`; others name theirs in their PR).
 */
export class DelegateService {
  private readonly busy = new Set<string>();

  constructor(private readonly options: DelegateServiceOptions) {}

  async delegate(planPath: string, session: string): Promise<DelegationResult> {
    const key = `${planPath}#${session}`;
    if (this.busy.has(key)) throw new RpcFailure('refused', `${session} is being delegated already.`);
    this.busy.add(key);
    try {
      return await this.delegateOnce(planPath, session);
    } finally {
      this.busy.delete(key);
    }
  }

  private async delegateOnce(planPath: string, session: string): Promise<DelegationResult> {
    const dispatch: DispatchState | undefined = this.options.store.current.dispatch[planPath];
    if (!dispatch) throw new RpcFailure('not_found', `No dispatch table is known for ${planPath}.`);
    const row = dispatch.rows.find((r) => r.session === session);
    if (!row) throw new RpcFailure('not_found', `The dispatch table has no session ${session}.`);
    const agent = agentInfo(row.agent);
    if (!agent.external) throw new RpcFailure('refused', `${session} is a Claude Code session: launch it instead of delegating it.`);
    // The same gate as a local launch: only an approved batch (approval is where readiness is enforced).
    const state = dispatch.batchStates.find((b) => b.index === row.batch)?.state ?? 'draft';
    if (state !== 'approved') throw new RpcFailure('refused', `Batch ${row.batch} is ${state}, not approved: approve it in Dispatch (complete the earlier batches first) before delegating ${session}.`);
    const linear = this.options.linear();
    if (!linear) throw new RpcFailure('unavailable', 'Linear is not connected: add an API key in Settings → Linear, then delegate again.');
    const master = dispatch.masterIssue?.id ?? null;
    if (!master) throw new RpcFailure('refused', 'The plan has no **Parent issue:** line, so its rows have no sub-issues to delegate.');
    const focus = row.focus || row.phase;
    const sub = await linear.rowSubIssue({ planPath, masterIssueId: master, rowKey: row.session, title: subIssueTitle({ batch: row.session, focus }) });
    if (!sub) throw new RpcFailure('refused', `${session} has no Linear sub-issue yet under ${master}: approve the batch with Linear connected (or Retry failed), then delegate.`);

    const done = await linear.delegate({ issueId: sub.id, agent: row.agent, focus, prompt: dispatch.prompts[session]?.text ?? '' });
    const branch = row.branch ?? (agent.branchPrefix ? `${agent.branchPrefix}/${sub.identifier.toLowerCase()}` : '');
    const written = await this.options.recordRegistryRow(planPath, {
      // The row approval wrote is found by its issue; without one, the name approval would give it.
      sessionName: plannedSessionName(row.issueId ? row : { ...row, issueId: sub.identifier }),
      issueId: row.issueId,
      issue: row.issueId === '' ? sub.identifier : { id: row.issueId, url: row.issueUrl, title: null, linked: row.issueUrl !== null },
      phase: row.phase,
      agent: row.agent,
      worktree: 'n/a',
      branch,
      status: DELEGATED_STATUS,
    });
    this.options.log(`delegated ${session} (${sub.identifier}) to ${done.to} via ${done.via}`);
    return { session, issue: sub.identifier, via: done.via, to: done.to, commentPosted: done.commentPosted, movedToInProgress: done.movedToInProgress, registryName: written.sessionName, branch };
  }
}
