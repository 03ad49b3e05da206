import { RpcFailure } from '../../../shared/contract/rpcResult';
import type { PullRequestState } from '../../../shared/domain/github';
import { crossSessionTouches, type FeedbackItem, type OtherSession } from '../../../shared/domain/feedback';
import type { AppState } from '../../../shared/state/appState';
import { connectWith, type GithubSettings } from './connectGithub';

/**
 * The feedback on one session's own pull request: requested changes, review comments and failing
 * checks, each marked with the other sessions it also touches (§7: those go to the person).
 */
export async function sessionFeedback(state: AppState, sessionId: string, settings: GithubSettings): Promise<{ pull: PullRequestState | null; items: FeedbackItem[]; problem: string | null }> {
  const record = state.sessions[sessionId];
  if (!record) throw new RpcFailure('not_found', 'That session is gone (its worktree may have been removed).');
  const branch = record.git?.branch ?? record.worktree?.branch ?? null;
  const cwd = record.worktree?.path ?? null;
  if (!branch || !cwd) return { pull: null, items: [], problem: 'No branch to look up a pull request for.' };
  const connection = await connectWith(cwd, settings);
  if (!connection.ok) return { pull: null, items: [], problem: connection.reason };
  const { client } = connection;
  const number = await client.findLatestPull(branch);
  if (number === null) return { pull: null, items: [], problem: null };
  const [pull, comments] = await Promise.all([client.pullState(number), client.reviewComments(number)]);
  const repoRoot = record.worktree?.repoRoot;
  const others: OtherSession[] = Object.values(state.sessions)
    .filter((r) => r.id !== record.id && r.worktree?.repoRoot === repoRoot && r.status !== 'merged')
    .map((r) => ({ name: r.name, branch: r.git?.branch ?? null, issueId: r.issueId, files: r.git?.filesChangedVsBase ?? [] }));
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
  return { pull, items, problem: null };
}
