import type { BranchFacts, ConflictMatrix, MergeSessionStatus } from '../../../shared/domain/merge';
import { branchRef } from '../git/branchRef';
import { isAncestor } from '../git/mergeBase';
import { resolveCommit } from '../git/revParse';
import { countLeftRight } from '../git/revList';
import { listWorktrees } from '../git/worktreeList';
import { BASE_CELL_NAME, cellBetween } from './matrixLookup';
import { mapLimit } from './mapLimit';
import { inspectWorktree } from './worktreeState';

/** What the caller (the session registry) knows about the session behind a branch. */
export interface SessionInfo {
  branch: string;
  status: MergeSessionStatus;
  /** The session's worktree; when omitted, the worktree that has the branch checked out. */
  worktreePath?: string | null;
}

/** Reads, from git and the file system, the facts the verdict rules need for each branch. */
export async function gatherBranchFacts(
  repoDir: string,
  base: string,
  sessions: readonly SessionInfo[],
  matrix: ConflictMatrix | null,
): Promise<BranchFacts[]> {
  const baseSha = await resolveCommit(repoDir, branchRef(base));
  const listed = await listWorktrees(repoDir);
  const worktrees = listed.ok ? listed.value : [];
  return mapLimit(sessions, 2, async (s): Promise<BranchFacts> => {
    const sha = await resolveCommit(repoDir, branchRef(s.branch));
    const listed = s.worktreePath ? worktrees.find((w) => w.path === s.worktreePath) : worktrees.find((w) => w.branch === s.branch);
    const path = s.worktreePath ?? listed?.path ?? null;
    const wt = path ? await inspectWorktree(path) : null;
    const facts: BranchFacts = {
      branch: s.branch,
      sessionStatus: s.status,
      exists: sha !== null,
      sha,
      worktreePath: path,
      worktreeMissing: path !== null && !(wt?.exists ?? false),
      dirty: (wt?.dirtyFiles.length ?? 0) > 0,
      dirtyFiles: wt?.dirtyFiles ?? [],
      rebaseInProgress: wt?.rebaseInProgress ?? false,
      lockFiles: wt?.lockFiles ?? [],
      detached: wt ? wt.exists && wt.detached && !wt.rebaseInProgress && wt.headSha !== sha : false,
      aheadOfBase: 0,
      behindBase: 0,
      mergedIntoBase: false,
    };
    if (!sha || !baseSha) return facts;
    const counted = await countLeftRight(repoDir, baseSha, sha);
    const counts = counted.ok ? { ahead: counted.value.right, behind: counted.value.left } : { ahead: 0, behind: 0 };
    const cell = cellBetween(matrix, BASE_CELL_NAME, s.branch);
    const treeContained =
      matrix !== null && matrix.baseHead === baseSha && cell !== null && cell.bSha === sha && !cell.conflicts && cell.mergedTree === matrix.baseTree;
    return {
      ...facts,
      aheadOfBase: counts.ahead,
      behindBase: counts.behind,
      mergedIntoBase: counts.ahead === 0 || treeContained || (await isAncestor(repoDir, sha, baseSha)),
    };
  });
}
