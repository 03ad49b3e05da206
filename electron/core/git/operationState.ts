import { access } from 'node:fs/promises';
import { join } from 'node:path';

/** What git is in the middle of in one worktree, from the marker files it keeps in the worktree's git dir. */
export interface OperationState {
  merge: boolean;
  rebase: boolean;
  cherryPick: boolean;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export async function readOperationState(gitDir: string): Promise<OperationState> {
  const [merge, rebaseMerge, rebaseApply, cherryPick] = await Promise.all(
    ['MERGE_HEAD', 'rebase-merge', 'rebase-apply', 'CHERRY_PICK_HEAD'].map((name) => exists(join(gitDir, name))),
  );
  return { merge: merge === true, rebase: rebaseMerge === true || rebaseApply === true, cherryPick: cherryPick === true };
}
