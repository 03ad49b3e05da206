import { execGit, gitOk } from './execGit';
import { gitResult, type GitResult } from './gitResult';
import type { GitRunner } from './gitRunner';

/**
 * `git rev-list --left-right --count <left>...<right>`: commits only on the left side and only on the
 * right side (for `base...HEAD`: behind, then ahead).
 */
export function countLeftRight(cwd: string, left: string, right: string, git: GitRunner = execGit): Promise<GitResult<{ left: number; right: number }>> {
  return gitResult(git, ['rev-list', '--left-right', '--count', `${left}...${right}`], { cwd }, (out) => {
    const m = /^(\d+)\s+(\d+)/.exec(out.trim());
    return m ? { left: Number(m[1]), right: Number(m[2]) } : { left: 0, right: 0 };
  });
}

/** Commits of `range`, oldest first in topological order, each as `[sha, ...parents]`; throws when git refuses. */
export async function commitsWithParents(cwd: string, range: string): Promise<string[][]> {
  const out = await gitOk(['rev-list', '--reverse', '--topo-order', '--parents', range], { cwd });
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' '));
}
