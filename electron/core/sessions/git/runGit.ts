import { execGit, type GitRun } from '../../git/execGit';
import { createLimiter, type Limiter } from '../../async/limiter';

/** Runs one read-only git command; injected so all git processes go through one limiter. */
export type GitRunner = (args: readonly string[], cwd: string) => Promise<GitRun>;

/** The app-wide default: at most 4 git processes at once. */
export const defaultGitLimiter: Limiter = createLimiter(4);

/** A runner that never throws: a git that cannot start becomes exit code 127 with the reason in stderr. */
export function limitedGitRunner(limiter: Limiter = defaultGitLimiter, timeoutMs = 30_000): GitRunner {
  return (args, cwd) =>
    limiter.run(async () => {
      try {
        return await execGit(args, { cwd, timeoutMs });
      } catch (error) {
        return { code: 127, stdout: '', stderr: error instanceof Error ? error.message : String(error) };
      }
    });
}
