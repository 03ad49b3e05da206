import { execFile } from 'node:child_process';
import { createLimiter, type Limiter } from '../async/limiter';
import { GitSpawnWorker, type SpawnRequest } from './gitSpawnWorker';

// Private to electron/core/git/ (eslint): workflows call the command modules beside this file.

/** Result of one git invocation; exit codes are data (merge-tree exits 1 on conflicts), not exceptions. */
export interface GitRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecGitOptions {
  cwd: string;
  /** Extra environment; GIT_TERMINAL_PROMPT and locale are always pinned so output is parseable. */
  env?: Record<string, string>;
  input?: string;
  timeoutMs?: number;
  maxBuffer?: number;
}

/**
 * The one limit on git processes, shared by sessions, details and merge: at most 4 at once. That is
 * what the registry used on its own before (start-up reads of tens of worktrees, bench scenario 5);
 * on 2 cores more would only queue in the kernel, and merges no longer add processes on top of it.
 * Each slot is held for one process only, so nested calls can never deadlock.
 */
export const gitProcessLimiter: Limiter = createLimiter(4);

const BASE_ENV: Record<string, string> = {
  GIT_TERMINAL_PROMPT: '0',
  LC_ALL: 'C',
  GIT_OPTIONAL_LOCKS: '0',
};

/**
 * Runs git with arguments (never through a shell) and resolves with its exit code and output.
 * Rejects only when git cannot be started at all. GIT_OPTIONAL_LOCKS=0 keeps our read-only
 * `git status` calls from taking index.lock while a user's own git command runs.
 */
export function execGit(args: readonly string[], options: ExecGitOptions): Promise<GitRun> {
  return gitProcessLimiter.run(() => spawnGit(args, options));
}

function spawnGit(args: readonly string[], options: ExecGitOptions): Promise<GitRun> {
  return spawner.run({
    args,
    cwd: options.cwd,
    env: { ...BASE_ENV, ...options.env },
    input: options.input ?? null,
    timeoutMs: options.timeoutMs ?? 60_000,
    maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024,
  });
}

/** git started from this thread: the fallback when the spawn worker cannot run. */
function spawnDirect(request: SpawnRequest): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      request.args as string[],
      { cwd: request.cwd, env: { ...process.env, ...request.env }, timeout: request.timeoutMs, maxBuffer: request.maxBuffer, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error && typeof (error as NodeJS.ErrnoException).code === 'string') {
          reject(error);
          return;
        }
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
    if (request.input !== null) child.stdin?.end(request.input);
  });
}

// SWITCHYARD_GIT_SPAWN=direct keeps every git start on the calling thread (to compare, or if a
// platform's workers misbehave).
const spawner = process.env.SWITCHYARD_GIT_SPAWN === 'direct' ? { run: spawnDirect } : new GitSpawnWorker(spawnDirect);

/** Runs git and returns stdout, throwing a GitCommandError with git's own words on a non-zero exit. */
export async function gitOk(args: readonly string[], options: ExecGitOptions): Promise<string> {
  const run = await execGit(args, options);
  if (run.code !== 0) throw new GitCommandError(args, run);
  return run.stdout;
}

export class GitCommandError extends Error {
  readonly code: number;
  readonly stderr: string;
  readonly stdout: string;
  constructor(args: readonly string[], run: GitRun) {
    const said = (run.stderr || run.stdout).trim().split('\n').slice(0, 4).join(' ');
    super(`git ${args[0] ?? ''} failed (exit ${run.code}): ${said}`);
    this.name = 'GitCommandError';
    this.code = run.code;
    this.stderr = run.stderr;
    this.stdout = run.stdout;
  }

  /** True when git refused because another git process holds a lock file (index.lock, ref locks). */
  get isLockContention(): boolean {
    return /\.lock'?: File exists|Unable to create '.*\.lock'/i.test(this.stderr);
  }
}
