import { gitDirEntries } from './gitDirEntries';

/** What git is in the middle of in one worktree, from the marker files it keeps in the worktree's git dir. */
export interface OperationState {
  merge: boolean;
  rebase: boolean;
  cherryPick: boolean;
}

export async function readOperationState(gitDir: string, entries?: ReadonlySet<string>): Promise<OperationState> {
  const names = entries ?? (await gitDirEntries(gitDir));
  return { merge: names.has('MERGE_HEAD'), rebase: names.has('rebase-merge') || names.has('rebase-apply'), cherryPick: names.has('CHERRY_PICK_HEAD') };
}
