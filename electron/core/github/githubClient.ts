import { Octokit } from '@octokit/rest';
import { MARK_READY_FOR_REVIEW_MUTATION } from './githubGraphqlDocuments';
import type { PullCheck, PullRequestState } from '../../../shared/domain/github';
import type { GithubRepoRef } from './githubRemote';

export type MergeMethod = 'merge' | 'squash' | 'rebase';

export interface OpenPullInput {
  title: string;
  body: string;
  head: string;
  base: string;
  draft: boolean;
}

/**
 * The GitHub calls the merge queue makes, through @octokit/rest against `baseUrl` (api.github.com,
 * a GitHub Enterprise `/api/v3`, or the local test server). Each method is one REST operation the
 * OpenAPI-checked test server knows.
 */
export class GithubClient {
  private readonly octokit: Octokit;

  constructor(
    readonly repo: GithubRepoRef,
    options: { token: string; baseUrl: string },
  ) {
    this.octokit = new Octokit({ auth: options.token, baseUrl: options.baseUrl, userAgent: 'switchyard', log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } });
  }

  private get where() {
    return { owner: this.repo.owner, repo: this.repo.repo };
  }

  /** The newest pull request (open or not) whose head is `branch`, if any. */
  async findLatestPull(branch: string): Promise<number | null> {
    const { data } = await this.octokit.pulls.list({ ...this.where, head: `${this.repo.owner}:${branch}`, state: 'all', per_page: 10 });
    return data.reduce<number | null>((n, p) => (n === null || p.number > n ? p.number : n), null);
  }

  /** The newest pull request of each head branch of this repository (the 100 most recently created). */
  async latestPullsByBranch(): Promise<Map<string, number>> {
    const { data } = await this.octokit.pulls.list({ ...this.where, state: 'all', per_page: 100 });
    const latest = new Map<string, number>();
    for (const p of data) {
      if (p.head.repo?.full_name !== undefined && p.head.repo.full_name !== `${this.repo.owner}/${this.repo.repo}`) continue;
      if ((latest.get(p.head.ref) ?? 0) < p.number) latest.set(p.head.ref, p.number);
    }
    return latest;
  }

  /** The open pull request whose head is `branch` of this repository, if any. */
  async findOpenPull(branch: string): Promise<number | null> {
    const { data } = await this.octokit.pulls.list({ ...this.where, head: `${this.repo.owner}:${branch}`, state: 'open', per_page: 10 });
    return data[0]?.number ?? null;
  }

  async openPull(input: OpenPullInput): Promise<{ number: number; url: string }> {
    const { data } = await this.octokit.pulls.create({ ...this.where, title: input.title, body: input.body, head: input.head, base: input.base, draft: input.draft });
    return { number: data.number, url: data.html_url };
  }

  async setBase(number: number, base: string): Promise<void> {
    await this.octokit.pulls.update({ ...this.where, pull_number: number, base });
  }

  /** Merges through GitHub, only if the head is still `sha` (GitHub refuses otherwise). */
  async merge(number: number, method: MergeMethod, sha: string): Promise<{ sha: string }> {
    const { data } = await this.octokit.pulls.merge({ ...this.where, pull_number: number, merge_method: method, sha });
    return { sha: data.sha };
  }

  /** The merge methods the repository's settings allow, in GitHub's order (merge, squash, rebase). */
  async allowedMergeMethods(): Promise<MergeMethod[]> {
    const { data } = await this.octokit.repos.get(this.where);
    const allowed: Array<[MergeMethod, boolean | undefined]> = [
      ['merge', data.allow_merge_commit],
      ['squash', data.allow_squash_merge],
      ['rebase', data.allow_rebase_merge],
    ];
    // A switch GitHub leaves out of the answer is unknown, not "off": only an explicit false rules a method out.
    return allowed.filter(([, on]) => on !== false).map(([m]) => m);
  }

  /**
   * Marks a draft ready for review. REST has no endpoint for it: GitHub's GraphQL mutation
   * markPullRequestReadyForReview, on the pull request's node id. False when it was not a draft.
   */
  async markReadyForReview(number: number): Promise<boolean> {
    const { data } = await this.octokit.pulls.get({ ...this.where, pull_number: number });
    if (!data.draft) return false;
    const answer = await this.octokit.graphql<{ markPullRequestReadyForReview: { pullRequest: { isDraft: boolean } | null } | null }>(
      MARK_READY_FOR_REVIEW_MUTATION,
      { id: data.node_id },
    );
    return answer.markPullRequestReadyForReview?.pullRequest?.isDraft === false;
  }

  /** Review comments on lines of the diff, with the file each is on. */
  async reviewComments(number: number): Promise<Array<{ author: string; body: string; path: string; url: string }>> {
    const { data } = await this.octokit.pulls.listReviewComments({ ...this.where, pull_number: number, per_page: 100 });
    return data.map((c) => ({ author: c.user?.login ?? 'someone', body: c.body, path: c.path, url: c.html_url }));
  }

  /** The pull request with its reviews, check runs and commit statuses, folded into one state. */
  async pullState(number: number): Promise<PullRequestState> {
    const { data: pr } = await this.octokit.pulls.get({ ...this.where, pull_number: number });
    const [reviews, runs, status] = await Promise.all([
      this.octokit.pulls.listReviews({ ...this.where, pull_number: number, per_page: 100 }),
      this.octokit.checks.listForRef({ ...this.where, ref: pr.head.sha, per_page: 100 }),
      this.octokit.repos.getCombinedStatusForRef({ ...this.where, ref: pr.head.sha, per_page: 100 }),
    ]);
    const latest = new Map<string, { state: string; body: string }>();
    for (const r of reviews.data) {
      const author = r.user?.login ?? 'someone';
      if (r.state === 'COMMENTED' || r.state === 'PENDING') continue;
      latest.set(author, { state: r.state, body: r.body ?? '' });
    }
    const requestedChanges = [...latest].filter(([, r]) => r.state === 'CHANGES_REQUESTED').map(([author, r]) => ({ author, body: r.body }));
    const approved = [...latest.values()].some((r) => r.state === 'APPROVED');
    const checks: PullCheck[] = [
      ...runs.data.check_runs.map((run): PullCheck => ({
        name: run.name,
        state: run.status !== 'completed' ? 'pending' : ['success', 'neutral', 'skipped'].includes(run.conclusion ?? '') ? 'pass' : 'fail',
        url: run.html_url ?? null,
      })),
      ...status.data.statuses.map((s): PullCheck => ({ name: s.context, state: s.state === 'success' ? 'pass' : s.state === 'pending' ? 'pending' : 'fail', url: s.target_url ?? null })),
    ];
    const requested = (pr.requested_reviewers?.length ?? 0) > 0;
    return {
      number: pr.number,
      url: pr.html_url,
      state: pr.merged ? 'merged' : pr.state === 'closed' ? 'closed' : pr.draft ? 'draft' : 'open',
      headSha: pr.head.sha,
      base: pr.base.ref,
      reviewDecision: requestedChanges.length > 0 ? 'changes-requested' : approved ? 'approved' : requested ? 'review-required' : 'none',
      requestedChanges,
      checks,
      mergeable: pr.mergeable ?? null,
      mergeableState: pr.mergeable_state ?? 'unknown',
    };
  }
}
