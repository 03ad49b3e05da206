import { execGit, type ExecGitOptions, type GitRun } from './execGit';

/**
 * How a command module runs git: every read a workflow may inject takes one of these as its last
 * argument. The default is the shared runner (execGit, behind the one git process limit); the
 * dashboard passes `tolerantGit`, and tests wrap either to count processes.
 */
export type GitRunner = (args: readonly string[], options: ExecGitOptions) => Promise<GitRun>;

/**
 * For reads that must never throw (the dashboard): a git that cannot start (its folder is gone)
 * becomes exit code 127 with the reason in stderr; 30 s unless told otherwise.
 */
export const tolerantGit: GitRunner = async (args, options) => {
  try {
    return await execGit(args, { timeoutMs: 30_000, ...options });
  } catch (error) {
    return { code: 127, stdout: '', stderr: error instanceof Error ? error.message : String(error) };
  }
};
