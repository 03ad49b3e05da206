import type { ExecGitOptions, GitRun } from './execGit';
import type { GitRunner } from './gitRunner';

/** A typed answer of a command that may fail as data: the value, or git's own first words. */
export type GitResult<T> = { ok: true; value: T } | GitFailure;

export interface GitFailure {
  ok: false;
  code: number;
  /** First line of stderr, or `git <command> exited <code>` when git said nothing. */
  error: string;
  /** Everything git printed (stderr, or stdout when stderr is empty), trimmed. */
  output: string;
}

export function gitFailure(args: readonly string[], run: GitRun): GitFailure {
  const sub = args.find((a, i) => !a.startsWith('-') && args[i - 1] !== '-c') ?? '';
  const error = run.stderr.trim().split('\n')[0]?.trim() || `git ${sub} exited ${run.code}`;
  return { ok: false, code: run.code, error, output: (run.stderr || run.stdout).trim() };
}

/** Runs git; exit 0 gives `parse(stdout)`, anything else the failure. */
export async function gitResult<T>(git: GitRunner, args: readonly string[], options: ExecGitOptions, parse: (stdout: string) => T): Promise<GitResult<T>> {
  const run = await git(args, options);
  return run.code === 0 ? { ok: true, value: parse(run.stdout) } : gitFailure(args, run);
}

/** NUL-separated names (`-z` output), empty fields dropped. */
export function splitZ(text: string): string[] {
  return text.split('\0').filter((s) => s !== '');
}
