import { pullMergeBlocker, type PullRequestState } from '../../../shared/domain/github';
import type { MergeSessionStatus } from '../../../shared/domain/merge';
import { fetchBranch } from '../git/fetch';
import { pushBranch } from '../git/push';
import { rebaseWorktree } from '../merge/rebaseWorktree';
import type { GithubClient, MergeMethod } from './githubClient';

export interface PullRequestText {
  title: string;
  body: string;
}

/**
 * The title and body of a session's pull request, from its dispatch row and Linear issue: the
 * issue id leads the title (Linear links a PR that names it), and the body links back to the issue. Pure.
 */
export function pullRequestText(input: { issueId: string | null; issueTitle: string | null; issueUrl: string | null; phase: string | null; focus: string | null; planTitle: string | null; branch: string }): PullRequestText {
  const subject = input.issueTitle ?? input.focus ?? input.branch;
  const title = input.issueId ? `${input.issueId}: ${subject}` : subject;
  const lines = [
    input.issueId ? `Resolves ${input.issueUrl ? `[${input.issueId}](${input.issueUrl})` : input.issueId}.` : null,
    input.planTitle ? `Part of the plan **${input.planTitle}**${input.phase ? `, phase ${input.phase}` : ''}.` : null,
    input.focus && input.focus !== subject ? `Focus: ${input.focus}` : null,
    '',
    '_Opened by Switchyard from the merge queue._',
  ].filter((l): l is string => l !== null);
  return { title, body: lines.join('\n') };
}

/** Pushes the branch to origin and opens its pull request (or finds the one already open). */
export async function pushAndOpenPull(
  client: GithubClient,
  input: { cwd: string; branch: string; base: string; text: PullRequestText; draft: boolean; env?: Record<string, string> },
): Promise<{ number: number; created: boolean }> {
  await pushBranch(input.cwd, 'origin', input.branch, input.env ? { env: input.env } : {});
  const existing = await client.findOpenPull(input.branch);
  if (existing !== null) return { number: existing, created: false };
  const opened = await client.openPull({ title: input.text.title, body: input.text.body, head: input.branch, base: input.base, draft: input.draft });
  return { number: opened.number, created: true };
}

export type PullMergeOutcome =
  | { ok: true; sha: string; state: PullRequestState }
  /** `allowedMethods`: set when GitHub refused the method itself (the repository turns it off). */
  | { ok: false; reason: string; state: PullRequestState; allowedMethods: MergeMethod[] | null };

const METHOD_WORDS: Record<MergeMethod, string> = { merge: 'merge commit', squash: 'squash', rebase: 'rebase' };

/** A 405 from GitHub's merge endpoint: the method is turned off, or the PR cannot merge now. */
function refusal(error: unknown): string | null {
  const e = error as { status?: unknown; response?: { data?: { message?: unknown } }; message?: unknown };
  if (e?.status !== 405) return null;
  const message = e.response?.data?.message ?? e.message;
  return typeof message === 'string' ? message : 'Method Not Allowed';
}

/**
 * Merges a pull request through GitHub only when its checks and reviews allow it, pinned to the
 * head commit that was checked (GitHub refuses if the branch moved since).
 */
export async function mergePullWhenAllowed(client: GithubClient, number: number, method: MergeMethod): Promise<PullMergeOutcome> {
  const state = await client.pullState(number);
  const blocker = pullMergeBlocker(state);
  if (blocker) return { ok: false, reason: `#${number} cannot be merged yet: ${blocker}.`, state, allowedMethods: null };
  let merged: { sha: string };
  try {
    merged = await client.merge(number, method, state.headSha);
  } catch (error) {
    const refused = refusal(error);
    if (refused === null) throw error;
    const allowed = await client.allowedMergeMethods().catch(() => null);
    if (!allowed || allowed.includes(method)) return { ok: false, reason: `GitHub refused to merge #${number}: ${refused}`, state, allowedMethods: null };
    const instead = allowed.length > 0 ? ` This repository allows ${allowed.map((m) => METHOD_WORDS[m]).join(', ')}: set the queue's strategy to ${METHOD_WORDS[allowed[0] ?? 'merge']} and merge again.` : ' This repository allows no merge method to this token.';
    return { ok: false, reason: `GitHub refused to merge #${number} with ${METHOD_WORDS[method]}: ${refused}${instead}`, state, allowedMethods: allowed };
  }
  return { ok: true, sha: merged.sha, state: await client.pullState(number) };
}

export type AdvanceOutcome = { kind: 'retargeted'; base: string } | { kind: 'rebased'; newSha: string } | { kind: 'up-to-date' } | { kind: 'failed'; reason: string };

/**
 * After a pull request merged, the next one in the queue follows: a PR stacked on the merged
 * branch is retargeted to the base; one that is now behind the base is rebased in its own
 * worktree (the engine's rebaseWorktree: refused while its session works or the tree is dirty)
 * and pushed with a lease on the commit it replaced.
 */
export async function advanceNextPull(
  client: GithubClient,
  input: { number: number; base: string; mergedBranch: string; worktreePath: string | null; sessionStatus: MergeSessionStatus; env?: Record<string, string> },
): Promise<AdvanceOutcome> {
  const state = await client.pullState(input.number);
  if (state.base === input.mergedBranch) {
    await client.setBase(input.number, input.base);
    return { kind: 'retargeted', base: input.base };
  }
  if (state.mergeableState !== 'behind' && state.mergeableState !== 'dirty') return { kind: 'up-to-date' };
  if (!input.worktreePath) return { kind: 'failed', reason: `#${input.number} is behind ${input.base} and has no worktree to rebase in.` };
  await fetchBranch(input.worktreePath, 'origin', input.base, input.env);
  const rebased = await rebaseWorktree({ worktreePath: input.worktreePath, onto: `refs/remotes/origin/${input.base}`, sessionStatus: input.sessionStatus });
  if (!rebased.ok || !rebased.branch || !rebased.newSha) return { kind: 'failed', reason: `#${input.number}: ${rebased.message}` };
  await pushBranch(input.worktreePath, 'origin', rebased.branch, { leaseSha: state.headSha, ...(input.env ? { env: input.env } : {}) });
  return { kind: 'rebased', newSha: rebased.newSha };
}
