import { fetchBranch } from '../git/fetch';
import { isAncestor } from '../git/mergeBase';
import { resolveCommit } from '../git/revParse';
import { withBaseLock } from '../merge/baseLock';
import { moveBranchRef } from '../merge/moveBranchRef';

/**
 * After GitHub merged a pull request, the local base catches up: origin's base is fetched and the
 * local branch fast-forwarded through the merge engine's own journaled move (backup ref, base
 * lock, checked-out worktree synced or refused). A local base with commits origin lacks is left alone.
 */
export async function syncBaseFromRemote(repoDir: string, base: string, env?: Record<string, string>): Promise<string | null> {
  await fetchBranch(repoDir, 'origin', base, env);
  const local = await resolveCommit(repoDir, `refs/heads/${base}`);
  const remote = await resolveCommit(repoDir, `refs/remotes/origin/${base}`);
  if (!local || !remote || local === remote) return null;
  if (!(await isAncestor(repoDir, local, remote))) return `Local ${base} has commits origin does not; it was not moved.`;
  const locked = await withBaseLock(repoDir, base, () => moveBranchRef({ repoDir, branch: base, from: local, to: remote, op: 'merge', reason: `fast-forward ${base} to origin after a GitHub merge` }));
  if (!locked.ok) return `Local ${base} was not moved: ${locked.message}`;
  if (!locked.value.ok) return `Local ${base} was not moved: ${locked.value.error?.message ?? 'refused'}`;
  return `Local ${base} moved to origin's ${remote.slice(0, 8)}.`;
}
