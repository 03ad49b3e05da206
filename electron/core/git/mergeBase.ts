import { execGit } from './execGit';

/** `git merge-base --is-ancestor`: every commit of `ancestor` is in `descendant`. */
export async function isAncestor(cwd: string, ancestor: string, descendant: string): Promise<boolean> {
  const run = await execGit(['merge-base', '--is-ancestor', ancestor, descendant], { cwd });
  return run.code === 0;
}

/** The best common ancestor of two commits (`git merge-base a b`), or null when they share none. */
export async function mergeBaseOf(cwd: string, a: string, b: string): Promise<string | null> {
  const run = await execGit(['merge-base', a, b], { cwd });
  return run.code === 0 ? run.stdout.trim() || null : null;
}
