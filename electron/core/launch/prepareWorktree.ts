import { mkdir, readdir, rm, rmdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { RpcFailure } from '../../../shared/contract/rpcResult';
import { execGit, type GitRun } from '../git/execGit';

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

const git = (cwd: string, args: string[], timeoutMs = 30_000): Promise<GitRun> => execGit(args, { cwd, timeoutMs });
const said = (run: GitRun): string => (run.stderr || run.stdout).trim().split('\n').slice(0, 3).join(' ');

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
  const remotes = await git(repoPath, ['remote']);
  if (remotes.code !== 0 || remotes.stdout.trim() === '') return [];
  const run = await git(repoPath, ['fetch', '--quiet', '--all'], 20_000).catch((error: unknown) => ({ code: 1, stdout: '', stderr: String(error) }));
  return run.code === 0 ? [] : [`git fetch failed, launching from the local refs: ${said(run)}`];
}

/** Everything that would make the launch refuse, asked before anything is created. */
export async function checkWorktreeTarget(request: WorktreeRequest): Promise<{ base: string; branchExists: boolean }> {
  const { repoPath, branch, worktreePath } = request;
  const given = request.base?.trim() || '';
  // Independent questions, asked at once: a launch is waited for by a person.
  const [top, validName, head, baseCommit, branchRef, folder] = await Promise.all([
    git(repoPath, ['rev-parse', '--show-toplevel']).catch(() => null),
    git(repoPath, ['check-ref-format', '--branch', branch]).catch(() => null),
    given === '' ? git(repoPath, ['symbolic-ref', '--quiet', '--short', 'HEAD']).catch(() => null) : Promise.resolve(null),
    git(repoPath, ['rev-parse', '--verify', '--quiet', `${given === '' ? 'HEAD' : given}^{commit}`]).catch(() => null),
    git(repoPath, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]).catch(() => null),
    folderState(worktreePath),
  ]);
  if (!top || top.code !== 0) throw new RpcFailure('refused', `${repoPath} is not a git repository: there is nothing to make a worktree from.`);
  if (!validName || validName.code !== 0) throw new RpcFailure('refused', `"${branch}" is not a valid branch name.`);
  const base = given !== '' ? given : head?.code === 0 ? head.stdout.trim() : '';
  if (base === '') throw new RpcFailure('refused', `${repoPath} has a detached HEAD: check out the base branch the session should start from.`);
  if (!baseCommit || baseCommit.code !== 0) throw new RpcFailure('refused', `The base "${base}" has no commit yet: commit something first.`);

  if (folder === 'non-empty') throw new RpcFailure('refused', `${worktreePath} already exists and is not empty: nothing was created (move it away, or finish the session that lives there).`);
  if (folder === 'not-a-folder') throw new RpcFailure('refused', `${worktreePath} exists and is not a folder: nothing was created.`);

  const exists = branchRef?.code === 0;
  if (exists) {
    const ahead = await git(repoPath, ['rev-list', '--count', `${base}..refs/heads/${branch}`]);
    const count = Number(ahead.stdout.trim());
    if (ahead.code !== 0 || count > 0) {
      throw new RpcFailure('refused', `Branch ${branch} already exists with ${Number.isFinite(count) ? count : 'other'} commit(s) not on ${base}: it belongs to another session. Nothing was created.`);
    }
    const list = await git(repoPath, ['worktree', 'list', '--porcelain']);
    const at = list.stdout.split('\n\n').find((block) => block.split('\n').includes(`branch refs/heads/${branch}`));
    if (at) {
      const path = at.split('\n')[0]?.replace(/^worktree /, '') ?? '';
      throw new RpcFailure('refused', `Branch ${branch} is already checked out at ${path}. Nothing was created.`);
    }
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
  const args = branchExists ? ['worktree', 'add', '--quiet', worktreePath, branch] : ['worktree', 'add', '--quiet', '-b', branch, worktreePath, base];
  const added = await git(repoPath, args, 60_000);
  if (added.code !== 0) {
    // git may have made the branch before failing on the folder: take back only what is ours.
    if (!branchExists) await git(repoPath, ['branch', '-D', branch]).catch(() => null);
    await rm(worktreePath, { recursive: true, force: true }).catch(() => undefined);
    if (!parentExisted) await rmdir(parent).catch(() => undefined);
    throw new RpcFailure('refused', `git worktree add failed: ${said(added)}`);
  }
  // Where the Sessions view compares ahead/behind (core/sessions/git reads branch.*.switchyardBase).
  await git(repoPath, ['config', `branch.${branch}.switchyardBase`, base]).catch(() => null);
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
      await git(repoPath, ['worktree', 'remove', '--force', '--force', worktreePath]).catch(() => null);
      await rm(worktreePath, { recursive: true, force: true }).catch(() => undefined);
      await git(repoPath, ['worktree', 'prune']).catch(() => null);
      if (!branchExists) {
        await git(repoPath, ['branch', '-D', branch]).catch(() => null);
        await git(repoPath, ['config', '--unset', `branch.${branch}.switchyardBase`]).catch(() => null);
      }
      if (!parentExisted) await rmdir(parent).catch(() => undefined);
    },
  };
}
