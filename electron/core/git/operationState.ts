import { join } from 'node:path';
import { pathExists } from '../fs/pathExists';

/** What git is in the middle of in one worktree, from the marker files it keeps in the worktree's git dir. */
export interface OperationState {
  merge: boolean;
  rebase: boolean;
  cherryPick: boolean;
}

export async function readOperationState(gitDir: string): Promise<OperationState> {
  const [merge, rebaseMerge, rebaseApply, cherryPick] = await Promise.all(
    ['MERGE_HEAD', 'rebase-merge', 'rebase-apply', 'CHERRY_PICK_HEAD'].map((name) => pathExists(join(gitDir, name))),
  );
  return { merge: merge === true, rebase: rebaseMerge === true || rebaseApply === true, cherryPick: cherryPick === true };
}
