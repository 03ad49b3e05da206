import { RpcFailure } from '../../../shared/contract/rpcResult';
import type { ReviewDiff } from '../../../shared/domain/review';
import { branchRef } from '../git/branchRef';
import { resolveCommit } from '../git/revParse';
import { predictConflicts, type MergePartner } from './predictConflicts';
import { readBranchDiff } from './readBranchDiff';
import type { ReviewTarget } from './reviewTarget';

const FULL_SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** A commit id as is (the view already resolved it), anything else through rev-parse. */
function commitOf(cwd: string, rev: string): Promise<string | null> {
  return FULL_SHA.test(rev) ? Promise.resolve(rev) : resolveCommit(cwd, rev);
}

/** Reviews by commit ids, newest last: the same commits always give the same review, so reopening is instant. */
const cache = new Map<string, ReviewDiff>();
const CACHE_SIZE = 8;

/** The whole review of one branch: its merge-base diff and the conflicts merging it would meet. */
export async function readReviewDiff(target: ReviewTarget): Promise<ReviewDiff> {
  const started = performance.now();
  const revs = [target.baseRev, target.headRev, ...target.conflictingBranches.map(branchRef)];
  const [baseSha, headSha, ...others] = await Promise.all(revs.map((rev) => commitOf(target.cwd, rev)));
  if (!baseSha) throw new RpcFailure('not_found', `The base '${target.base}' does not exist (any more).`);
  if (!headSha) throw new RpcFailure('not_found', `The branch '${target.branch}' does not exist (any more).`);
  const partners: MergePartner[] = [{ name: target.base, sha: baseSha, isBase: true }];
  target.conflictingBranches.forEach((name, i) => {
    const sha = others[i];
    if (sha) partners.push({ name, sha, isBase: false });
  });
  const key = [target.cwd, target.branch, target.base, ...partners.map((p) => `${p.name}@${p.sha}`), headSha].join('\0');
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return { ...hit, computedMs: Math.round(performance.now() - started) };
  }
  const [diff, conflicts] = await Promise.all([readBranchDiff(target.cwd, baseSha, headSha), predictConflicts(target.cwd, headSha, partners)]);
  const review: ReviewDiff = { branch: target.branch, base: target.base, ...diff, conflicts, computedMs: Math.round(performance.now() - started) };
  cache.set(key, review);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value ?? '');
  return review;
}
