import { gitOk } from './execGit';

/** `git commit-tree` (objects only; never signs, never runs hooks). The message goes through stdin. */
export async function commitTree(cwd: string, tree: string, parents: readonly string[], message: string, env?: Record<string, string>): Promise<string> {
  const args = ['commit-tree', '--no-gpg-sign', tree, ...parents.flatMap((p) => ['-p', p])];
  return (await gitOk(args, { cwd, input: message, ...(env ? { env } : {}) })).trim();
}
