import { RpcFailure } from '../../../shared/contract/rpcResult';
import type { ReviewDiff } from '../../../shared/domain/review';
import { branchRef, resolveCommit } from '../merge/gitRefs';
import { predictConflicts, type MergePartner } from './predictConflicts';
import { readBranchDiff } from './readBranchDiff';
import type { ReviewTarget } from './reviewTarget';

/** The whole review of one branch: its merge-base diff and the conflicts merging it would meet. */
export async function readReviewDiff(target: ReviewTarget): Promise<ReviewDiff> {
  const started = performance.now();
  const revs = [target.baseRev, target.headRev, ...target.conflictingBranches.map(branchRef)];
  const [baseSha, headSha, ...others] = await Promise.all(revs.map((rev) => resolveCommit(target.cwd, rev)));
  if (!baseSha) throw new RpcFailure('not_found', `The base '${target.base}' does not exist (any more).`);
  if (!headSha) throw new RpcFailure('not_found', `The branch '${target.branch}' does not exist (any more).`);
  const partners: MergePartner[] = [{ name: target.base, sha: baseSha, isBase: true }];
  target.conflictingBranches.forEach((name, i) => {
    const sha = others[i];
    if (sha) partners.push({ name, sha, isBase: false });
  });
  const [diff, conflicts] = await Promise.all([readBranchDiff(target.cwd, baseSha, headSha), predictConflicts(target.cwd, headSha, partners)]);
  return { branch: target.branch, base: target.base, ...diff, conflicts, computedMs: Math.round(performance.now() - started) };
}
