import { execGit } from './execGit';

/** `git merge-base --is-ancestor`: every commit of `ancestor` is in `descendant`. */
export async function isAncestor(cwd: string, ancestor: string, descendant: string): Promise<boolean> {
  const run = await execGit(['merge-base', '--is-ancestor', ancestor, descendant], { cwd });
  return run.code === 0;
}
