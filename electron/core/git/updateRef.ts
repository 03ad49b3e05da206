import { execGit, gitOk } from './execGit';
import { gitResult, type GitResult } from './gitResult';

// Switchyard moves refs with plumbing only: no hook runs on its behalf (the merge view says which would have).
const NO_HOOKS = ['-c', 'core.hooksPath=/dev/null'];

/** Compare-and-swap: `ref` moves to `to` only if it is at `from` now; otherwise nothing changes. */
export function moveRef(cwd: string, ref: string, to: string, from: string, reason: string): Promise<GitResult<void>> {
  return gitResult(execGit, [...NO_HOOKS, 'update-ref', '-m', reason, ref, to, from], { cwd }, () => undefined);
}

/** Creates `ref` → `sha` only if `ref` does not exist yet (CAS against "absent"), with a reflog entry holding `reason`. */
export async function createRef(cwd: string, ref: string, sha: string, reason: string): Promise<void> {
  await gitOk([...NO_HOOKS, 'update-ref', '--create-reflog', '-m', reason, ref, sha, ''], { cwd });
}

/** Deletes `ref` only if it still points at `sha`. */
export function deleteRef(cwd: string, ref: string, sha: string): Promise<GitResult<void>> {
  return gitResult(execGit, [...NO_HOOKS, 'update-ref', '-d', ref, sha], { cwd }, () => undefined);
}
