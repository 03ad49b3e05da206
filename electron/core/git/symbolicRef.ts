import { execGit } from './execGit';
import { gitFailure, type GitResult } from './gitResult';
import type { GitRunner } from './gitRunner';

/**
 * `git symbolic-ref --quiet --short <ref>`: the branch `ref` (default HEAD) points at, short (`main`).
 * Exit 1 means "not a symbolic ref" (a detached HEAD): null, not a failure.
 */
export async function symbolicRefShort(cwd: string, ref = 'HEAD', git: GitRunner = execGit): Promise<GitResult<string | null>> {
  const args = ['symbolic-ref', '--quiet', '--short', ref];
  const run = await git(args, { cwd });
  if (run.code === 0) return { ok: true, value: run.stdout.trim() || null };
  return run.code === 1 ? { ok: true, value: null } : gitFailure(args, run);
}
