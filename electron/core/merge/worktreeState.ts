import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { execGit } from '../git/execGit';

export interface WorktreeState {
  path: string;
  exists: boolean;
  gitDir: string | null;
  headSha: string | null;
  branch: string | null;
  detached: boolean;
  /** Paths with uncommitted changes (tracked changes, and untracked files unless excluded). */
  dirtyFiles: string[];
  rebaseInProgress: boolean;
  mergeInProgress: boolean;
  /** Lock files that mean another git command is running (or crashed) here. */
  lockFiles: string[];
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Parses `git status --porcelain=v1 -z` into paths (renames contribute both names). */
export function parseStatusZ(out: string): string[] {
  const fields = out.split('\0');
  const paths: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] ?? '';
    if (f.length < 4) continue;
    const xy = f.slice(0, 2);
    paths.push(f.slice(3));
    if (xy.includes('R') || xy.includes('C')) {
      const from = fields[i + 1];
      if (from !== undefined) paths.push(from);
      i++;
    }
  }
  return paths;
}

/** Reads a worktree's state without taking any lock (GIT_OPTIONAL_LOCKS=0 via execGit). */
export async function inspectWorktree(path: string, options: { untracked?: boolean } = {}): Promise<WorktreeState> {
  const empty: WorktreeState = {
    path,
    exists: false,
    gitDir: null,
    headSha: null,
    branch: null,
    detached: false,
    dirtyFiles: [],
    rebaseInProgress: false,
    mergeInProgress: false,
    lockFiles: [],
  };
  try {
    if (!(await stat(path)).isDirectory()) return empty;
  } catch {
    return empty;
  }
  const gitDirRun = await execGit(['rev-parse', '--absolute-git-dir'], { cwd: path });
  if (gitDirRun.code !== 0) return empty;
  const gitDir = gitDirRun.stdout.trim();
  const head = await execGit(['rev-parse', '--verify', '-q', 'HEAD'], { cwd: path });
  const sym = await execGit(['symbolic-ref', '-q', 'HEAD'], { cwd: path });
  const branch = sym.code === 0 ? sym.stdout.trim().replace(/^refs\/heads\//, '') : null;
  const lockFiles: string[] = [];
  for (const name of ['index.lock', 'HEAD.lock']) {
    if (await exists(join(gitDir, name))) lockFiles.push(join(gitDir, name));
  }
  const rebaseInProgress = (await exists(join(gitDir, 'rebase-merge'))) || (await exists(join(gitDir, 'rebase-apply')));
  const mergeInProgress = (await exists(join(gitDir, 'MERGE_HEAD'))) || (await exists(join(gitDir, 'CHERRY_PICK_HEAD')));
  const untracked = options.untracked === false ? 'no' : 'all';
  const status = await execGit(['status', '--porcelain=v1', '-z', `--untracked-files=${untracked}`], { cwd: path });
  return {
    path,
    exists: true,
    gitDir,
    headSha: head.code === 0 ? head.stdout.trim() : null,
    branch,
    detached: sym.code !== 0,
    dirtyFiles: status.code === 0 ? parseStatusZ(status.stdout) : [],
    rebaseInProgress,
    mergeInProgress,
    lockFiles,
  };
}
