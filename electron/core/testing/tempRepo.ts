import { mkdtemp, mkdir, writeFile, rm, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gitOk } from '../git/execGit';

/** A real git repository in a temp folder, for tests that must run against actual git behaviour. */
export interface TempRepo {
  dir: string;
  git(...args: string[]): Promise<string>;
  write(relPath: string, content: string): Promise<void>;
  commitAll(message: string): Promise<string>;
  /** Adds a worktree at `path` on a new branch `branch` from `from` (default HEAD). */
  addWorktree(path: string, branch: string, from?: string): Promise<string>;
  cleanup(): Promise<void>;
}

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Switchyard Test',
  GIT_AUTHOR_EMAIL: 'test@switchyard.invalid',
  GIT_COMMITTER_NAME: 'Switchyard Test',
  GIT_COMMITTER_EMAIL: 'test@switchyard.invalid',
};

export async function makeTempDir(prefix = 'switchyard-'): Promise<string> {
  // realpath: macOS /var → /private/var would otherwise break path comparisons with git's output.
  return realpath(await mkdtemp(join(tmpdir(), prefix)));
}

export async function createTempRepo(options: { dir?: string; branch?: string } = {}): Promise<TempRepo> {
  const dir = options.dir ?? (await makeTempDir('switchyard-repo-'));
  await mkdir(dir, { recursive: true });
  const run = (cwd: string, args: string[]) => gitOk(args, { cwd, env: IDENTITY });
  await run(dir, ['init', '-q', '-b', options.branch ?? 'main']);
  await run(dir, ['config', 'commit.gpgsign', 'false']);
  const repo: TempRepo = {
    dir,
    git: (...args) => run(dir, args),
    async write(relPath, content) {
      const full = join(dir, relPath);
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, content);
    },
    async commitAll(message) {
      await run(dir, ['add', '-A']);
      await run(dir, ['commit', '-q', '--allow-empty', '-m', message]);
      return (await run(dir, ['rev-parse', 'HEAD'])).trim();
    },
    async addWorktree(path, branch, from = 'HEAD') {
      await mkdir(dirname(path), { recursive: true });
      await run(dir, ['worktree', 'add', '-q', '-b', branch, path, from]);
      return path;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
  return repo;
}

/** Runs git in any folder (e.g. a worktree) with the test identity. */
export function gitIn(cwd: string, ...args: string[]): Promise<string> {
  return gitOk(args, { cwd, env: IDENTITY });
}
