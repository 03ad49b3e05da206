import { gitOk } from '../git/execGit';

/** Identity for throwaway helper commits that no ref ever points at. */
const SCRATCH_IDENT = {
  GIT_AUTHOR_NAME: 'Switchyard',
  GIT_AUTHOR_EMAIL: 'switchyard@localhost',
  GIT_AUTHOR_DATE: '@0 +0000',
  GIT_COMMITTER_NAME: 'Switchyard',
  GIT_COMMITTER_EMAIL: 'switchyard@localhost',
  GIT_COMMITTER_DATE: '@0 +0000',
};

/** `git commit-tree` (objects only; never signs, never runs hooks). Message goes through stdin. */
export async function commitTree(
  repoDir: string,
  tree: string,
  parents: readonly string[],
  message: string,
  env?: Record<string, string>,
): Promise<string> {
  const args = ['commit-tree', '--no-gpg-sign', tree, ...parents.flatMap((p) => ['-p', p])];
  return (await gitOk(args, { cwd: repoDir, input: message, ...(env ? { env } : {}) })).trim();
}

export function scratchCommit(repoDir: string, tree: string, parent: string): Promise<string> {
  return commitTree(repoDir, tree, [parent], 'switchyard scratch', SCRATCH_IDENT);
}

export interface CommitInfo {
  authorName: string;
  authorEmail: string;
  authorDate: string;
  message: string;
}

export async function commitInfo(repoDir: string, sha: string): Promise<CommitInfo> {
  const out = await gitOk(['log', '-1', '--format=%an%x00%ae%x00%ad%x00%B', '--date=raw', sha], { cwd: repoDir });
  const [authorName = '', authorEmail = '', authorDate = '', ...rest] = out.split('\0');
  return { authorName, authorEmail, authorDate, message: rest.join('\0').replace(/\n+$/, '\n') };
}
