import { z } from 'zod';

/** A pull request's state as the Merge queue shows it next to the entry. */
export const PullCheckSchema = z.object({
  name: z.string(),
  state: z.enum(['pass', 'fail', 'pending']),
  url: z.string().nullable(),
});
export type PullCheck = z.infer<typeof PullCheckSchema>;

export const PullRequestStateSchema = z.object({
  number: z.number(),
  url: z.string(),
  state: z.enum(['draft', 'open', 'closed', 'merged']),
  headSha: z.string(),
  base: z.string(),
  /** The latest review of each reviewer, folded as GitHub does. */
  reviewDecision: z.enum(['approved', 'changes-requested', 'review-required', 'none']),
  requestedChanges: z.array(z.object({ author: z.string(), body: z.string() })),
  checks: z.array(PullCheckSchema),
  /** null while GitHub is still computing it. */
  mergeable: z.boolean().nullable(),
  /** GitHub's mergeable_state: 'clean', 'behind', 'dirty' (conflicting), 'blocked', 'unstable', … */
  mergeableState: z.string(),
});
export type PullRequestState = z.infer<typeof PullRequestStateSchema>;

/** Folds the check list into the one word the merge decision needs. Pure. */
export function checksVerdict(checks: readonly PullCheck[]): 'pass' | 'fail' | 'pending' | 'none' {
  if (checks.length === 0) return 'none';
  if (checks.some((c) => c.state === 'fail')) return 'fail';
  if (checks.some((c) => c.state === 'pending')) return 'pending';
  return 'pass';
}

/** Why a pull request may not be merged now, or null when its checks and reviews allow it. Pure. */
export function pullMergeBlocker(pr: PullRequestState): string | null {
  if (pr.state === 'merged') return 'already merged';
  if (pr.state === 'closed') return 'the pull request is closed';
  if (pr.state === 'draft') return 'the pull request is a draft';
  const failing = pr.checks.filter((c) => c.state === 'fail').map((c) => c.name);
  if (failing.length > 0) return `failing check${failing.length === 1 ? '' : 's'}: ${failing.join(', ')}`;
  const pending = pr.checks.filter((c) => c.state === 'pending').map((c) => c.name);
  if (pending.length > 0) return `check${pending.length === 1 ? '' : 's'} still running: ${pending.join(', ')}`;
  if (pr.reviewDecision === 'changes-requested') return `changes requested by ${pr.requestedChanges.map((r) => r.author).join(', ') || 'a reviewer'}`;
  if (pr.reviewDecision === 'review-required') return 'a review is required';
  if (pr.mergeable === false || pr.mergeableState === 'dirty') return 'conflicts with the base branch';
  return null;
}
