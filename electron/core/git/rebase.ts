import { execGit } from './execGit';
import { gitResult, type GitResult } from './gitResult';

/** `git rebase --no-autostash <onto>` in a worktree, with editors that accept what git proposes. Hooks run as usual. `env`: e.g. the committer. */
export function rebase(cwd: string, onto: string, env: Record<string, string> = {}): Promise<GitResult<void>> {
  return gitResult(execGit, ['rebase', '--no-autostash', onto], { cwd, env: { ...env, GIT_EDITOR: 'true', GIT_SEQUENCE_EDITOR: 'true' } }, () => undefined);
}

/** `git rebase --abort`: back to where the rebase started. */
export async function rebaseAbort(cwd: string): Promise<void> {
  await execGit(['rebase', '--abort'], { cwd });
}
