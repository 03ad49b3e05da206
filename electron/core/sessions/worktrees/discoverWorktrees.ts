import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { WorktreeInfo, WorktreeSource } from '../../../../shared/domain/session';
import { tolerantGit, type GitRunner } from '../../git/gitRunner';
import { resolveGitDir } from '../../git/resolveGitDir';
import { readRepoLocation, type RepoLocation } from '../../git/revParse';
import { listWorktrees } from '../../git/worktreeList';

export interface DiscoverOptions {
  claudeHome: string;
  /** Known repositories (any folder inside them). */
  repos: readonly string[];
  /** Configured folders whose children are worktrees. */
  extraRoots: readonly string[];
  git?: GitRunner;
  /**
   * Answers of `git rev-parse` kept between discoveries, keyed by folder and checked against its
   * `.git` entry: the periodic re-discovery then spawns git only for folders that changed.
   */
  revParseCache?: RevParseCache;
}

export type RevParseCache = Map<string, { stamp: string; result: RepoLocation }>;

export interface DiscoveryWarning {
  path: string;
  message: string;
}

export interface RepoInfo {
  /** Main worktree path (or the bare repository's path). */
  root: string;
  commonGitDir: string;
}

export interface DiscoveryResult {
  worktrees: WorktreeInfo[];
  repos: RepoInfo[];
  warnings: DiscoveryWarning[];
  /** The folders whose children were scanned (existing or not), for the topology watcher. */
  roots: string[];
}

interface Candidate {
  path: string;
  sources: Set<WorktreeSource>;
}

/** Roots whose children are worktrees, in the order formats.md §1.4 lists them. */
export function worktreeRoots(options: Pick<DiscoverOptions, 'claudeHome' | 'repos' | 'extraRoots'>): Array<{
  root: string;
  source: WorktreeSource;
}> {
  return [
    { root: join(options.claudeHome, 'worktrees'), source: 'claude-home' as const },
    ...options.repos.map((r) => ({ root: join(r, '.claude', 'worktrees'), source: 'repo-claude-dir' as const })),
    ...options.extraRoots.map((r) => ({ root: r, source: 'configured-root' as const })),
  ];
}

async function realOrSelf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    return `${error.code}: ${error instanceof Error ? error.message : String(error)}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** rev-parse's answer with the common git dir through realpath, so it compares with discovered paths. */
async function revParse(git: GitRunner, cwd: string): Promise<RepoLocation | { error: string }> {
  const found = await readRepoLocation(cwd, git);
  if ('error' in found) return found;
  return { ...found, commonGitDir: await realOrSelf(found.commonGitDir) };
}

/** What identifies the folder's `.git` entry as it is now; null when there is none. */
async function dotGitStamp(dir: string): Promise<string | null> {
  try {
    const s = await stat(join(dir, '.git'));
    return `${s.dev}:${s.ino}:${s.mtimeMs}:${s.size}`;
  } catch {
    return null;
  }
}

async function revParseCached(git: GitRunner, cwd: string, cache: RevParseCache | undefined): Promise<RepoLocation | { error: string }> {
  if (!cache) return revParse(git, cwd);
  const stamp = await dotGitStamp(cwd);
  const hit = cache.get(cwd);
  if (stamp !== null && hit && hit.stamp === stamp) return hit.result;
  const result = await revParse(git, cwd);
  if (stamp !== null && !('error' in result)) cache.set(cwd, { stamp, result });
  else cache.delete(cwd);
  return result;
}

async function listChildren(root: string): Promise<{ dirs: string[]; error: string | null; missing: boolean }> {
  try {
    const entries = await readdir(root, { withFileTypes: true });
    return {
      dirs: entries.filter((e) => e.isDirectory() || e.isSymbolicLink()).map((e) => join(root, e.name)),
      error: null,
      missing: false,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { dirs: [], error: null, missing: true };
    return { dirs: [], error: errorText(error), missing: false };
  }
}

/**
 * Finds every worktree: the children of `<claudeHome>/worktrees`, of each known repo's
 * `.claude/worktrees` and of the configured roots, plus everything `git worktree list` reports for
 * every repository found along the way (the ground truth). Duplicates merge by real path. A folder
 * that is no git worktree, a corrupt repository or an unreadable folder becomes a warning.
 */
/** Candidates asked at once while their repositories are not known yet. */
const DISCOVERY_WAVE = 4;

export async function discoverWorktrees(options: DiscoverOptions): Promise<DiscoveryResult> {
  const git = options.git ?? tolerantGit;
  const warnings: DiscoveryWarning[] = [];
  const candidates = new Map<string, Candidate>();
  const roots = worktreeRoots(options);

  await Promise.all(
    roots.map(async ({ root, source }) => {
      const listed = await listChildren(root);
      if (listed.error) warnings.push({ path: root, message: `cannot read worktree folder: ${listed.error}` });
      for (const dir of listed.dirs) {
        const real = await realOrSelf(dir);
        const c = candidates.get(real) ?? { path: real, sources: new Set<WorktreeSource>() };
        c.sources.add(source);
        candidates.set(real, c);
      }
    }),
  );

  const byId = new Map<string, WorktreeInfo>();
  const repos: RepoInfo[] = [];
  // commonGitDir → a folder to run `git worktree list` in; each repository is listed once.
  const repoCwd = new Map<string, string>();
  const listRepo = async (commonGitDir: string, cwd: string): Promise<void> => {
    const listed = await listWorktrees(cwd, git);
    if (!listed.ok) {
      warnings.push({ path: cwd, message: `git worktree list failed: ${listed.error}` });
      return;
    }
    const entries = listed.value;
    const main = entries[0];
    if (!main) return;
    const repoRoot = await realOrSelf(main.path);
    repos.push({ root: repoRoot, commonGitDir });
    await Promise.all(
      entries.map(async (entry, index) => {
        const path = await realOrSelf(entry.path);
        const isMain = index === 0;
        const gitDir = entry.bare ? commonGitDir : entry.prunable ? null : await resolveGitDir(path);
        const info: WorktreeInfo = {
          id: path,
          path,
          repoRoot,
          commonGitDir,
          gitDir: gitDir ?? (isMain ? commonGitDir : null),
          branch: entry.branch,
          head: entry.head,
          detached: entry.detached,
          locked: entry.locked,
          prunable: entry.prunable,
          bare: entry.bare,
          isMain,
          source: ['git-worktree-list'],
        };
        byId.set(path, info);
      }),
    );
  };
  const listNew = async (found: ReadonlyMap<string, string>): Promise<void> => {
    const fresh = [...found].filter(([commonGitDir]) => !repoCwd.has(commonGitDir));
    for (const [commonGitDir, cwd] of fresh) repoCwd.set(commonGitDir, cwd);
    await Promise.all(fresh.map(([commonGitDir, cwd]) => listRepo(commonGitDir, cwd)));
  };

  const configured = new Map<string, string>();
  await Promise.all(
    options.repos.map(async (repo) => {
      const real = await realOrSelf(repo);
      const rp = await revParseCached(git, real, options.revParseCache).catch((e: unknown) => ({ error: errorText(e) }));
      if ('error' in rp) {
        warnings.push({ path: real, message: `not a git repository: ${rp.error}` });
        return;
      }
      if (!configured.has(rp.commonGitDir)) configured.set(rp.commonGitDir, real);
    }),
  );
  await listNew(configured);

  // A folder its repository's `git worktree list` already names needs no question of its own. The
  // rest are asked in small waves, since one answer lists the repository and usually covers the
  // others: tens of worktrees cost a handful of git processes, not one each (bench scenario 5).
  const check = async (c: Candidate, found: Map<string, string>): Promise<void> => {
    const rp = await revParseCached(git, c.path, options.revParseCache).catch((e: unknown) => ({ error: errorText(e) }));
    if ('error' in rp) {
      warnings.push({ path: c.path, message: `not a git worktree: ${rp.error}` });
      candidates.delete(c.path);
      return;
    }
    const top = rp.topLevel ? await realOrSelf(rp.topLevel) : null;
    if (top !== c.path) {
      warnings.push({
        path: c.path,
        message: top ? `not a git worktree: the folder lies inside the worktree ${top}` : 'not a git worktree: the folder is a bare repository',
      });
      candidates.delete(c.path);
      return;
    }
    if (!found.has(rp.commonGitDir)) found.set(rp.commonGitDir, c.path);
  };
  let unanswered = [...candidates.values()].filter((c) => !byId.has(c.path));
  while (unanswered.length > 0) {
    const wave = unanswered.slice(0, DISCOVERY_WAVE);
    const found = new Map<string, string>();
    await Promise.all(wave.map((c) => check(c, found)));
    await listNew(found);
    unanswered = unanswered.slice(DISCOVERY_WAVE).filter((c) => !byId.has(c.path));
  }

  for (const c of candidates.values()) {
    const known = byId.get(c.path);
    if (known) {
      known.source = [...new Set([...c.sources, ...known.source])].sort(sourceOrder);
    } else {
      warnings.push({ path: c.path, message: 'git worktree list of its repository does not list this folder' });
    }
  }

  const worktrees = [...byId.values()].sort((a, b) =>
    a.repoRoot === b.repoRoot ? Number(b.isMain) - Number(a.isMain) || a.path.localeCompare(b.path) : a.repoRoot.localeCompare(b.repoRoot),
  );
  for (const w of worktrees) {
    if (w.prunable) warnings.push({ path: w.path, message: 'worktree folder is gone (git marks it prunable)' });
  }
  repos.sort((a, b) => a.root.localeCompare(b.root));
  warnings.sort((a, b) => a.path.localeCompare(b.path) || a.message.localeCompare(b.message));
  return { worktrees, repos, warnings, roots: roots.map((r) => r.root) };
}

const SOURCE_ORDER: WorktreeSource[] = ['claude-home', 'repo-claude-dir', 'configured-root', 'git-worktree-list'];
function sourceOrder(a: WorktreeSource, b: WorktreeSource): number {
  return SOURCE_ORDER.indexOf(a) - SOURCE_ORDER.indexOf(b);
}

/** `<repo>-<issue>` folder names and the like: the folder's base name. */
export function worktreeFolderName(path: string): string {
  return basename(path) || basename(dirname(path));
}
