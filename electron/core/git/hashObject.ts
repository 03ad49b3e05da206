import { gitOk } from './execGit';

/** The empty tree's id in this repository's object format (sha1 or sha256), for diffs of unrelated histories. */
export async function emptyTreeId(cwd: string): Promise<string> {
  return (await gitOk(['hash-object', '-t', 'tree', '--stdin'], { cwd, input: '' })).trim();
}
