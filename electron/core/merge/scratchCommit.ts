import { commitTree } from '../git/commitTree';

/** Identity for throwaway helper commits that no ref ever points at. */
const SCRATCH_IDENT = {
  GIT_AUTHOR_NAME: 'Switchyard',
  GIT_AUTHOR_EMAIL: 'switchyard@localhost',
  GIT_AUTHOR_DATE: '@0 +0000',
  GIT_COMMITTER_NAME: 'Switchyard',
  GIT_COMMITTER_EMAIL: 'switchyard@localhost',
  GIT_COMMITTER_DATE: '@0 +0000',
};

/** A throwaway commit (fixed identity and date) that only a three-way merge-tree ever sees. */
export function scratchCommit(repoDir: string, tree: string, parent: string): Promise<string> {
  return commitTree(repoDir, tree, [parent], 'switchyard scratch', SCRATCH_IDENT);
}
