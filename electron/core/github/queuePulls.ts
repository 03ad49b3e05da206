import { RpcFailure } from '../../../shared/contract/rpcResult';
import type { PullEntry } from '../../../shared/contract/githubRequests';
import { pullMergeBlocker } from '../../../shared/domain/github';
import type { MergeQueueView, MergeRowView } from '../../../shared/domain/mergeView';
import type { AppState } from '../../../shared/state/appState';
import { mergeStatusOf } from '../merge/service/sessionStatusMap';
import { connectWith, type GithubConnection, type GithubSettings } from './connectGithub';
import type { MergeMethod } from './githubClient';
import { advanceNextPull, mergePullWhenAllowed, pullRequestText, pushAndOpenPull } from './pullRequestFlow';
import { syncBaseFromRemote } from './syncBaseFromRemote';

export type { GithubSettings } from './connectGithub';

function queueOf(state: AppState, queueId: string): MergeQueueView {
  const queue = state.merge[queueId];
  if (!queue) throw new RpcFailure('not_found', 'That merge queue no longer exists (its plan or branches changed); the view will update.');
  return queue;
}

function rowOf(queue: MergeQueueView, branch: string): MergeRowView {
  const row = queue.rows.find((r) => r.branch === branch);
  if (!row) throw new RpcFailure('not_found', `'${branch}' is not in the queue into ${queue.base}.`);
  return row;
}

async function connect(queue: MergeQueueView, settings: GithubSettings): Promise<Extract<GithubConnection, { ok: true }>> {
  const connection = await connectWith(queue.repoDir, settings);
  if (!connection.ok) throw new RpcFailure('unavailable', connection.reason);
  return connection;
}

/** The first branch of the queue, in its order, that is not merged yet: the only one whose PR may merge. */
function nextUnmerged(queue: MergeQueueView, merged: ReadonlySet<string>): MergeRowView | null {
  return queue.rows.find((r) => r.verdict.kind !== 'merged' && !merged.has(r.branch)) ?? null;
}

/** The session behind a queue row is Done (or merged): its draft may leave draft. */
function sessionIsDone(row: MergeRowView): boolean {
  return row.sessionStatus === 'done' || row.sessionStatus === 'merged';
}

/** Every branch's pull request with what stands in the way of merging it (its turn, checks, reviews). */
export async function queuePulls(
  state: AppState,
  queueId: string,
  settings: GithubSettings,
): Promise<{ available: boolean; problem: string | null; entries: PullEntry[]; allowedMethods: MergeMethod[] | null }> {
  const queue = queueOf(state, queueId);
  const connection = await connectWith(queue.repoDir, settings);
  if (!connection.ok) return { available: false, problem: connection.reason, entries: [], allowedMethods: null };
  const { client } = connection;
  // Read with the entries, so the Merge view can say before a click that the strategy will be refused.
  const allowedMethods = client.allowedMergeMethods().catch(() => null);
  const entries = await Promise.all(
    queue.rows.map(async (row): Promise<PullEntry> => {
      try {
        const number = await client.findLatestPull(row.branch);
        if (number === null) return { branch: row.branch, pull: null, problem: null, mergeBlocker: 'no pull request yet', readyToMark: false };
        const pull = await client.pullState(number);
        const readyToMark = pull.state === 'draft' && sessionIsDone(row);
        return { branch: row.branch, pull, problem: null, mergeBlocker: readyToMark ? 'a draft, and its session is Done: mark it ready for review' : (pullMergeBlocker(pull) ?? postSessionBlocker(row, pull.reviewDecision)), readyToMark };
      } catch (error) {
        return { branch: row.branch, pull: null, problem: `GitHub did not answer: ${error instanceof Error ? error.message : String(error)}`, mergeBlocker: 'GitHub did not answer', readyToMark: false };
      }
    }),
  );
  const merged = new Set(entries.filter((e) => e.pull?.state === 'merged').map((e) => e.branch));
  const next = nextUnmerged(queue, merged);
  for (const e of entries) if (e.pull && e.pull.state !== 'merged' && next && e.branch !== next.branch && e.mergeBlocker === null) e.mergeBlocker = `not its turn: ${next.branch} merges first`;
  return { available: true, problem: null, entries, allowedMethods: await allowedMethods };
}

/** Pushes the branch and opens its PR: title and body from the dispatch row and the Linear issue; a draft until the session is done. */
export async function openQueuePull(state: AppState, queueId: string, branch: string, settings: GithubSettings): Promise<{ number: number; url: string; created: boolean }> {
  const queue = queueOf(state, queueId);
  const row = rowOf(queue, branch);
  const { client } = await connect(queue, settings);
  const linear = queue.masterIssueId ? state.linearPlans[queue.masterIssueId] : undefined;
  const issue = linear?.children.find((c) => c.identifier === row.issueId) ?? null;
  const text = pullRequestText({ issueId: row.issueId, issueTitle: issue?.title ?? null, issueUrl: issue?.url ?? null, phase: row.phase, focus: row.sessionName, planTitle: queue.planTitle, branch });
  const opened = await pushAndOpenPull(client, { cwd: queue.repoDir, branch, base: queue.base, text, draft: !sessionIsDone(row) });
  const pull = await client.pullState(opened.number);
  return { number: opened.number, url: pull.url, created: opened.created };
}

/**
 * The person's "Mark ready for review" on a draft whose session is Done. Not done unattended: the
 * GraphQL mutation is checked only against an excerpt of GitHub's schema (the full one is not
 * installed), and leaving draft notifies the reviewers — the person says when.
 */
export async function markQueuePullReady(state: AppState, queueId: string, branch: string, settings: GithubSettings): Promise<{ number: number; message: string }> {
  const queue = queueOf(state, queueId);
  const row = rowOf(queue, branch);
  if (!sessionIsDone(row)) throw new RpcFailure('refused', `${branch}'s session is not Done yet: its pull request stays a draft until it is.`);
  const { client } = await connect(queue, settings);
  const number = await client.findOpenPull(branch);
  if (number === null) throw new RpcFailure('not_found', `${branch} has no open pull request.`);
  const changed = await client.markReadyForReview(number);
  return { number, message: changed ? `#${number} is ready for review.` : `#${number} was not a draft.` };
}

/**
 * §3 Post-session: "async review on the session's PR before merge". When the plan asks for it, the
 * PR merges once it is approved on GitHub or the review is recorded in the plan.
 */
function postSessionBlocker(row: MergeRowView, reviewDecision: string): string | null {
  if (!row.postSessionReview || row.postSessionReview.passed || reviewDecision === 'approved') return null;
  return 'the plan asks for a post-session review: approve the PR, or record the review';
}

/** Merges the next PR in the declared order with the queue's strategy, then brings the one after it up to date. */
export async function mergeQueuePull(state: AppState, queueId: string, settings: GithubSettings): Promise<{ ok: boolean; message: string; allowedMethods: MergeMethod[] | null }> {
  const queue = queueOf(state, queueId);
  const { client } = await connect(queue, settings);
  const listed = await queuePulls(state, queueId, settings);
  const merged = new Set(listed.entries.filter((e) => e.pull?.state === 'merged').map((e) => e.branch));
  const next = nextUnmerged(queue, merged);
  if (!next) return { ok: false, message: 'Every branch of this queue is merged.', allowedMethods: null };
  const entry = listed.entries.find((e) => e.branch === next.branch);
  if (!entry?.pull) return { ok: false, message: `${next.branch} has no pull request yet: push and open it first.`, allowedMethods: null };
  const unreviewed = postSessionBlocker(next, entry.pull.reviewDecision);
  if (unreviewed) return { ok: false, message: `${next.branch}: ${unreviewed}.`, allowedMethods: null };
  const outcome = await mergePullWhenAllowed(client, entry.pull.number, queue.strategy as MergeMethod);
  if (!outcome.ok) return { ok: false, message: outcome.reason, allowedMethods: outcome.allowedMethods };
  const words = [`Merged #${entry.pull.number} (${next.branch}) into ${queue.base} on GitHub.`];
  // The local queue then sees the branch merged, and its own Merge button has nothing to merge twice.
  const synced = await syncBaseFromRemote(queue.repoDir, queue.base).catch((error: unknown) => `Local ${queue.base} was not updated: ${error instanceof Error ? error.message : String(error)}`);
  if (synced) words.push(synced);
  const after = queue.rows[queue.rows.indexOf(next) + 1];
  const afterPull = after ? listed.entries.find((e) => e.branch === after.branch)?.pull : null;
  if (after && afterPull && afterPull.state !== 'merged' && afterPull.state !== 'closed') {
    const advanced = await advanceNextPull(client, { number: afterPull.number, base: queue.base, mergedBranch: next.branch, worktreePath: after.worktreePath, sessionStatus: mergeStatusOf(after.sessionStatus) });
    if (advanced.kind === 'rebased') words.push(`#${afterPull.number} (${after.branch}) rebased onto the new ${queue.base} and pushed.`);
    else if (advanced.kind === 'retargeted') words.push(`#${afterPull.number} now targets ${queue.base}.`);
    else if (advanced.kind === 'failed') words.push(advanced.reason);
  }
  return { ok: true, message: words.join(' '), allowedMethods: null };
}
