import { gitOk } from './execGit';

/** `git commit -q -m <message>`; `all` stages tracked changes first (`-a`). Hooks run as in any commit. */
export async function commit(cwd: string, message: string, options: { all?: boolean; env?: Record<string, string> } = {}): Promise<void> {
  await gitOk(['commit', '-q', ...(options.all ? ['-a'] : []), '-m', message], { cwd, ...(options.env ? { env: options.env } : {}) });
}
