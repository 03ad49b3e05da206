import { mkdir, readdir, rm, rmdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { RpcFailure } from '../../../shared/contract/rpcResult';
import { deleteBranch } from '../git/branch';
import { checkBranchName } from '../git/checkRefFormat';
import { setConfig, unsetConfig } from '../git/config';
import { fetchAll } from '../git/fetch';
import type { GitFailure } from '../git/gitResult';
import { tolerantGit } from '../git/gitRunner';
import { listRemotes } from '../git/remote';
import { readRef, readRepoLocation, resolveCommit } from '../git/revParse';
import { countLeftRight } from '../git/revList';
import { symbolicRefShort } from '../git/symbolicRef';
import { tryWorktreeAdd } from '../git/worktreeAdd';
import { worktreeOfBranch } from '../git/worktreeList';
import { worktreePrune } from '../git/worktreePrune';
import { worktreeRemove } from '../git/worktreeRemove';

/**
 * The git side of a launch: fetch, check, `git worktree add -b <branch> <path> <base>`, and an undo
 * that removes exactly what this created. Refusals are checked before anything is created.
 */

export interface WorktreeRequest {
  repoPath: string;
  branch: string;
  worktreePath: string;
  /** Branch to start from; default the repository's checked-out branch. */
  base?: string | null;
}

export interface PreparedWorktree {
  path: string;
  branch: string;
  base: string;
  createdBranch: boolean;
  warnings: string[];
  /** Removes the worktree (and the branch, when this created it). Safe to call twice. */
  rollback(): Promise<void>;
}

// Steps whose failure the launch survives run on tolerantGit (30 s; a git that cannot start is a failure, not a throw).
const said = (failure: GitFailure): string => failure.output.split('\n').slice(0, 3).join(' ');

async function folderState(path: string): Promise<'missing' | 'empty' | 'non-empty' | 'not-a-folder'> {
  try {
    const entries = await readdir(path);
    return entries.length === 0 ? 'empty' : 'non-empty';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    return 'not-a-folder';
  }
}

/** Fetches when the repository has a remote; a failure is a warning (offline work still launches). */
async function fetchFirst(repoPath: string): Promise<string[]> {
  const remotes = await listRemotes(repoPath);
  if (!remotes.ok || remotes.value.length === 0) return [];
  const fetched = await fetchAll(repoPath, { timeoutMs: 20_000 }, tolerantGit);
  return fetched.ok ? [] : [`git fetch failed, launching from the local refs: ${said(fetched)}`];
}

/** Everything that would make the launch refuse, asked before anything is created. */
export async function checkWorktreeTarget(request: WorktreeRequest): Promise<{ base: string; branchExists: boolean }> {
  const { repoPath, branch, worktreePath } = request;
  const given = request.base?.trim() || '';
  // Independent questions, asked at once: a launch is waited for by a person.
  const [location, validName, head, baseCommit, branchSha, folder] = await Promise.all([
    readRepoLocation(repoPath, tolerantGit),
    checkBranchName(repoPath, branch, tolerantGit),
    given === '' ? symbolicRefShort(repoPath, 'HEAD', tolerantGit) : Promise.resolve(null),
    resolveCommit(repoPath, given === '' ? 'HEAD' : given, tolerantGit),
    readRef(repoPath, `refs/heads/${branch}`, tolerantGit),
    folderState(worktreePath),
  ]);
  // A bare repository has no work tree to branch from either.
  if ('error' in location || location.topLevel === null) throw new RpcFailure('refused', `${repoPath} is not a git repository: there is nothing to make a worktree from.`);
  if (!validName.ok) throw new RpcFailure('refused', `"${branch}" is not a valid branch name.`);
  const base = given !== '' ? given : head?.ok ? (head.value ?? '') : '';
  if (base === '') throw new RpcFailure('refused', `${repoPath} has a detached HEAD: check out the base branch the session should start from.`);
  if (baseCommit === null) throw new RpcFailure('refused', `The base "${base}" has no commit yet: commit something first.`);

  if (folder === 'non-empty') throw new RpcFailure('refused', `${worktreePath} already exists and is not empty: nothing was created (move it away, or finish the session that lives there).`);
  if (folder === 'not-a-folder') throw new RpcFailure('refused', `${worktreePath} exists and is not a folder: nothing was created.`);

  const exists = branchSha !== null;
  if (exists) {
    // The right side of base...branch: commits on the branch that the base does not have.
    const counted = await countLeftRight(repoPath, base, `refs/heads/${branch}`);
    const ahead = counted.ok ? counted.value.right : null;
    if (ahead === null || ahead > 0) {
      throw new RpcFailure('refused', `Branch ${branch} already exists with ${ahead ?? 'other'} commit(s) not on ${base}: it belongs to another session. Nothing was created.`);
    }
    const at = await worktreeOfBranch(repoPath, branch);
    if (at) throw new RpcFailure('refused', `Branch ${branch} is already checked out at ${at.path}. Nothing was created.`);
  }
  return { base, branchExists: exists };
}

/** Fetch, check, create. Throws RpcFailure('refused') with the reason, leaving nothing behind. */
export async function prepareWorktree(request: WorktreeRequest): Promise<PreparedWorktree> {
  // The fetch only moves remote-tracking refs, so the local checks need not wait for it.
  const [warnings, { base, branchExists }] = await Promise.all([fetchFirst(request.repoPath), checkWorktreeTarget(request)]);
  const { repoPath, branch, worktreePath } = request;
  const parent = dirname(worktreePath);
  const parentExisted = (await folderState(parent)) !== 'missing';
  await mkdir(parent, { recursive: true });
  const added = branchExists ? await tryWorktreeAdd(repoPath, worktreePath, branch) : await tryWorktreeAdd(repoPath, worktreePath, base, { newBranch: branch });
  if (!added.ok) {
    // git may have made the branch before failing on the folder: take back only what is ours.
    if (!branchExists) await deleteBranch(repoPath, branch, { force: true }, tolerantGit);
    await rm(worktreePath, { recursive: true, force: true }).catch(() => undefined);
    if (!parentExisted) await rmdir(parent).catch(() => undefined);
    throw new RpcFailure('refused', `git worktree add failed: ${said(added)}`);
  }
  // Where the Sessions view compares ahead/behind (core/sessions/git reads branch.*.switchyardBase).
  await setConfig(repoPath, `branch.${branch}.switchyardBase`, base).catch(() => null);
  let rolledBack = false;
  return {
    path: worktreePath,
    branch,
    base,
    createdBranch: !branchExists,
    warnings,
    async rollback() {
      if (rolledBack) return;
      rolledBack = true;
      await worktreeRemove(repoPath, worktreePath, { force: 'locked' }, tolerantGit);
      await rm(worktreePath, { recursive: true, force: true }).catch(() => undefined);
      await worktreePrune(repoPath, tolerantGit);
      if (!branchExists) {
        await deleteBranch(repoPath, branch, { force: true }, tolerantGit);
        await unsetConfig(repoPath, `branch.${branch}.switchyardBase`, tolerantGit);
      }
      if (!parentExisted) await rmdir(parent).catch(() => undefined);
    },
  };
}
