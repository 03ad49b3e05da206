import { execGit } from './execGit';

/** The best common ancestor of two commits (`git merge-base a b`), or null when they share none. */
export async function mergeBaseOf(cwd: string, a: string, b: string): Promise<string | null> {
  const run = await execGit(['merge-base', a, b], { cwd });
  return run.code === 0 ? run.stdout.trim() || null : null;
}
