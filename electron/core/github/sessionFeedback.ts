import { RpcFailure } from '../../../shared/contract/rpcResult';
import type { PullRequestState } from '../../../shared/domain/github';
import { crossSessionTouches, type FeedbackItem, type OtherSession } from '../../../shared/domain/feedback';
import type { SessionRecord } from '../../../shared/domain/session';
import type { AppState } from '../../../shared/state/appState';
import { connectWith, type GithubSettings } from './connectGithub';
import type { GithubClient } from './githubClient';

export interface SessionPullFeedback {
  pull: PullRequestState | null;
  items: FeedbackItem[];
  problem: string | null;
}

const branchOf = (r: SessionRecord) => r.git?.branch ?? r.worktree?.branch ?? null;

/** The other live sessions of the same repository, whose files and names feedback may touch. */
function othersOf(state: AppState, record: SessionRecord): OtherSession[] {
  const repoRoot = record.worktree?.repoRoot;
  return Object.values(state.sessions)
    .filter((r) => r.id !== record.id && r.worktree?.repoRoot === repoRoot && r.status !== 'merged')
    .map((r) => ({ name: r.name, branch: branchOf(r), issueId: r.issueId, files: r.git?.filesChangedVsBase ?? [] }));
}

/** Requested changes, review comments and failing checks of pull request `number`, each marked with the other sessions it touches. */
async function feedbackOn(client: GithubClient, number: number, others: readonly OtherSession[]): Promise<{ pull: PullRequestState; items: FeedbackItem[] }> {
  const [pull, comments] = await Promise.all([client.pullState(number), client.reviewComments(number)]);
  const item = (kind: FeedbackItem['kind'], author: string, body: string, path: string | null, url: string | null): FeedbackItem => ({
    kind,
    author,
    body,
    path,
    url,
    alsoTouches: crossSessionTouches({ body, path }, others),
  });
  const items: FeedbackItem[] = [
    ...pull.requestedChanges.map((r) => item('changes-requested', r.author, r.body, null, pull.url)),
    ...comments.map((c) => item('comment', c.author, c.body, c.path, c.url)),
    ...pull.checks.filter((c) => c.state === 'fail').map((c) => item('failing-check', c.name, `${c.name} failed`, null, c.url)),
  ];
  return { pull, items };
}

/**
 * The feedback on one session's own pull request: requested changes, review comments and failing
 * checks, each marked with the other sessions it also touches (§7: those go to the person).
 */
export async function sessionFeedback(state: AppState, sessionId: string, settings: GithubSettings): Promise<SessionPullFeedback> {
  const record = state.sessions[sessionId];
  if (!record) throw new RpcFailure('not_found', 'That session is gone (its worktree may have been removed).');
  const branch = branchOf(record);
  const cwd = record.worktree?.path ?? null;
  if (!branch || !cwd) return { pull: null, items: [], problem: 'No branch to look up a pull request for.' };
  const connection = await connectWith(cwd, settings);
  if (!connection.ok) return { pull: null, items: [], problem: connection.reason };
  const number = await connection.client.findLatestPull(branch);
  if (number === null) return { pull: null, items: [], problem: null };
  return { ...(await feedbackOn(connection.client, number, othersOf(state, record))), problem: null };
}

/**
 * The same feedback for every session with a branch, for the Sessions rows: one connection and
 * one pull request list per repository, then only the sessions that have a pull request are read.
 * Sessions of a repository without GitHub are left out (their rows show nothing).
 */
export async function sessionsFeedback(state: AppState, settings: GithubSettings): Promise<Record<string, SessionPullFeedback>> {
  const byRepo = new Map<string, SessionRecord[]>();
  for (const r of Object.values(state.sessions)) {
    if (!r.worktree || !branchOf(r) || r.worktree.isMain) continue;
    const list = byRepo.get(r.worktree.repoRoot) ?? [];
    list.push(r);
    byRepo.set(r.worktree.repoRoot, list);
  }
  const out: Record<string, SessionPullFeedback> = {};
  await Promise.all(
    [...byRepo.values()].map(async (records) => {
      const first = records[0];
      if (!first?.worktree) return;
      const connection = await connectWith(first.worktree.path, settings);
      if (!connection.ok) return;
      const { client } = connection;
      let latest: Map<string, number>;
      try {
        latest = await client.latestPullsByBranch();
      } catch {
        return;
      }
      await Promise.all(
        records.map(async (record) => {
          const number = latest.get(branchOf(record) ?? '');
          if (number === undefined) return;
          try {
            out[record.id] = { ...(await feedbackOn(client, number, othersOf(state, record))), problem: null };
          } catch (error) {
            out[record.id] = { pull: null, items: [], problem: `GitHub did not answer: ${error instanceof Error ? error.message : String(error)}` };
          }
        }),
      );
    }),
  );
  return out;
}
