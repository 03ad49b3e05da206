import type { MergeError } from '../../../shared/domain/merge';
import { indexMatchesTree } from '../git/diffIndex';
import { readTreeMerge } from '../git/readTree';
import { refreshIndex } from '../git/updateIndex';
import { worktreeOfBranch } from '../git/worktreeList';
import { inspectWorktree } from './worktreeState';

export interface CheckoutPlan {
  /** The worktree that has the branch checked out (null: none, nothing to update). */
  path: string | null;
  problem: MergeError | null;
}

/** Up to three lines of what git said, on one line. */
function firstLines(text: string): string {
  return text.trim().split('\n').slice(0, 3).join(' ');
}

/**
 * Before a checked-out branch's ref moves from `from` to `to`: is its worktree clean, idle, and
 * would `read-tree -m -u from to` succeed (dry run; refuses to clobber untracked files)?
 */
export async function planCheckoutSync(repoDir: string, branch: string, from: string, to: string): Promise<CheckoutPlan> {
  const wt = await worktreeOfBranch(repoDir, branch);
  if (!wt || wt.prunable) return { path: null, problem: null };
  const state = await inspectWorktree(wt.path, { untracked: false });
  if (!state.exists) return { path: null, problem: null };
  const at = `'${branch}' is checked out in ${wt.path}`;
  if (state.lockFiles.length > 0) {
    return { path: wt.path, problem: { code: 'checkout-busy', message: `${at} and a git lock file is present (${state.lockFiles.join(', ')}): another git command is running there` } };
  }
  if (state.rebaseInProgress || state.mergeInProgress) {
    return { path: wt.path, problem: { code: 'checkout-busy', message: `${at} and a rebase/merge is in progress there` } };
  }
  if (state.dirtyFiles.length > 0) {
    return {
      path: wt.path,
      problem: { code: 'base-checkout-dirty', message: `${at} with uncommitted changes (${state.dirtyFiles.slice(0, 5).join(', ')}): commit or stash them first; Switchyard never overwrites local changes` },
    };
  }
  if (state.headSha !== from) {
    return { path: wt.path, problem: { code: 'base-moved', message: `${at} at ${state.headSha ?? '?'}, not at the expected ${from}` } };
  }
  await refreshIndex(wt.path);
  const dry = await readTreeMerge(wt.path, from, to, { dryRun: true });
  if (!dry.ok) {
    return { path: wt.path, problem: { code: 'base-checkout-dirty', message: `${at} and updating its files would overwrite something: ${firstLines(dry.output)}` } };
  }
  return { path: wt.path, problem: null };
}

/** After the ref moved: bring that worktree's index and files from `from` to `to` (refuses to clobber). */
export async function syncCheckout(worktreePath: string, from: string, to: string): Promise<{ ok: boolean; message: string }> {
  await refreshIndex(worktreePath);
  const run = await readTreeMerge(worktreePath, from, to);
  return run.ok ? { ok: true, message: '' } : { ok: false, message: firstLines(run.output) };
}

/** Which tree the worktree's index holds now: 'from', 'to' or 'other'. */
export async function indexMatches(worktreePath: string, from: string, to: string): Promise<'from' | 'to' | 'other'> {
  if (await indexMatchesTree(worktreePath, to)) return 'to';
  if (await indexMatchesTree(worktreePath, from)) return 'from';
  return 'other';
}
