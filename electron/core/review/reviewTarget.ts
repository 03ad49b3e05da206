import { RpcFailure } from '../../../shared/contract/rpcResult';
import type { ReviewSubject } from '../../../shared/contract/reviewRequests';
import type { AppState } from '../../../shared/state/appState';
import { BASE_CELL_NAME } from '../merge/matrixLookup';

/** Where to read a review from: a repository (or worktree) and the two revisions to compare. */
export interface ReviewTarget {
  cwd: string;
  base: string;
  baseRev: string;
  branch: string;
  headRev: string;
  /** Other branches of the same queue the matrix predicts a conflict with. */
  conflictingBranches: string[];
}

/**
 * Resolves a review subject against the state the person is looking at: a merge queue entry
 * compares the branch with the queue's base in the repository; a session compares its
 * worktree's HEAD with the base ref the registry found for it. Pure: state in, target out.
 */
export function reviewTarget(state: AppState, subject: ReviewSubject): ReviewTarget {
  if ('queueId' in subject) {
    const queue = state.merge[subject.queueId];
    if (!queue) throw new RpcFailure('not_found', 'That merge queue no longer exists (its plan or branches changed); the view will update.');
    if (!queue.rows.some((r) => r.branch === subject.branch)) throw new RpcFailure('not_found', `'${subject.branch}' is not in the queue into ${queue.base}.`);
    const conflictingBranches = (queue.matrix?.cells ?? [])
      .filter((c) => c.conflicts && (c.a === subject.branch || c.b === subject.branch) && c.a !== BASE_CELL_NAME)
      .map((c) => (c.a === subject.branch ? c.b : c.a));
    // The branches as they are now (not the view's last refresh): the review shows what merging would bring now.
    return { cwd: queue.repoDir, base: queue.base, baseRev: `refs/heads/${queue.base}`, branch: subject.branch, headRev: `refs/heads/${subject.branch}`, conflictingBranches };
  }
  const record = state.sessions[subject.sessionId];
  if (!record) throw new RpcFailure('not_found', 'That session is gone (its worktree may have been removed).');
  const path = record.worktree?.path;
  const baseRef = record.git?.baseRef;
  if (!path) throw new RpcFailure('unavailable', `${record.name} has no worktree to review.`);
  if (!baseRef) throw new RpcFailure('unavailable', `No base branch was found for ${record.name}, so there is nothing to compare it with.`);
  return {
    cwd: path,
    base: record.git?.baseBranch ?? baseRef,
    baseRev: baseRef,
    branch: record.git?.branch ?? record.worktree?.branch ?? 'HEAD',
    headRev: 'HEAD',
    conflictingBranches: [],
  };
}
