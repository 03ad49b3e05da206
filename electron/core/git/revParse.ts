import { resolve } from 'node:path';
import { execGit, gitOk } from './execGit';
import type { GitRunner } from './gitRunner';

/** Where a folder sits in git's eyes (`rev-parse --git-common-dir --is-bare-repository --show-toplevel`). */
export interface RepoLocation {
  /** The worktree's top folder; null for a bare repository. */
  topLevel: string | null;
  /** Absolute, as git printed it (not yet through realpath). */
  commonGitDir: string;
  isBare: boolean;
}

export async function readRepoLocation(cwd: string, git: GitRunner = execGit): Promise<RepoLocation | { error: string }> {
  const run = await git(['rev-parse', '--path-format=absolute', '--git-common-dir', '--is-bare-repository', '--show-toplevel'], { cwd });
  const lines = run.stdout.split('\n').map((l) => l.trim());
  // In a bare repo --show-toplevel fails (exit 128) after printing the first two answers.
  const commonGitDir = lines[0];
  const isBare = lines[1] === 'true';
  if (!commonGitDir || (run.code !== 0 && !isBare)) {
    return { error: run.stderr.trim().split('\n')[0] || `git rev-parse exited ${run.code}` };
  }
  return { topLevel: isBare ? null : (lines[2] ?? null) || null, commonGitDir, isBare };
}

/** The worktree's own git dir and the repository's common one, both absolute; null outside a repository. */
export async function readGitDirs(cwd: string): Promise<{ gitDir: string; commonGitDir: string } | null> {
  const run = await execGit(['rev-parse', '--path-format=absolute', '--absolute-git-dir', '--git-common-dir'], { cwd });
  const [gitDir, commonGitDir] = run.stdout.split('\n').map((l) => l.trim());
  return run.code === 0 && gitDir && commonGitDir ? { gitDir, commonGitDir: resolve(cwd, commonGitDir) } : null;
}

/** The commit `rev` names, or null when it names none. */
export async function resolveCommit(cwd: string, rev: string, git: GitRunner = execGit): Promise<string | null> {
  const run = await git(['rev-parse', '--verify', '-q', `${rev}^{commit}`], { cwd });
  return run.code === 0 ? run.stdout.trim() : null;
}

/** The sha a fully-qualified ref points at, or null when it does not exist (no peeling, no DWIM). */
export async function readRef(cwd: string, fullRef: string, git: GitRunner = execGit): Promise<string | null> {
  const run = await git(['rev-parse', '--verify', '-q', fullRef], { cwd });
  return run.code === 0 ? run.stdout.trim() : null;
}

export async function treeOf(cwd: string, rev: string): Promise<string> {
  return (await gitOk(['rev-parse', `${rev}^{tree}`], { cwd })).trim();
}

export async function gitCommonDir(cwd: string): Promise<string> {
  const out = (await gitOk(['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd })).trim();
  return resolve(cwd, out);
}
