import type { MergeError } from '../../../shared/domain/merge';
import { execGit } from '../git/execGit';
import { worktreeOfBranch } from './worktreeList';
import { inspectWorktree } from './worktreeState';

export interface CheckoutPlan {
  /** The worktree that has the branch checked out (null: none, nothing to update). */
  path: string | null;
  problem: MergeError | null;
}

function firstLine(text: string): string {
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
  await execGit(['update-index', '-q', '--refresh'], { cwd: wt.path });
  const dry = await execGit(['read-tree', '-m', '-u', '-n', from, to], { cwd: wt.path });
  if (dry.code !== 0) {
    return { path: wt.path, problem: { code: 'base-checkout-dirty', message: `${at} and updating its files would overwrite something: ${firstLine(dry.stderr)}` } };
  }
  return { path: wt.path, problem: null };
}

/** After the ref moved: bring that worktree's index and files from `from` to `to` (refuses to clobber). */
export async function syncCheckout(worktreePath: string, from: string, to: string): Promise<{ ok: boolean; message: string }> {
  await execGit(['update-index', '-q', '--refresh'], { cwd: worktreePath });
  const run = await execGit(['read-tree', '-m', '-u', from, to], { cwd: worktreePath });
  return run.code === 0 ? { ok: true, message: '' } : { ok: false, message: firstLine(run.stderr || run.stdout) };
}

/** Which tree the worktree's index holds now: 'from', 'to' or 'other'. */
export async function indexMatches(worktreePath: string, from: string, to: string): Promise<'from' | 'to' | 'other'> {
  if ((await execGit(['diff-index', '--cached', '--quiet', to, '--'], { cwd: worktreePath })).code === 0) return 'to';
  if ((await execGit(['diff-index', '--cached', '--quiet', from, '--'], { cwd: worktreePath })).code === 0) return 'from';
  return 'other';
}
