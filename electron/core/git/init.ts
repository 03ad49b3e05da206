import { gitOk } from './execGit';

/** `git init -q -b <initialBranch>`: a new repository in `cwd`. */
export async function init(cwd: string, initialBranch: string, env?: Record<string, string>): Promise<void> {
  await gitOk(['init', '-q', '-b', initialBranch], { cwd, ...(env ? { env } : {}) });
}
