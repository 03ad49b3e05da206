import { access, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitFacts } from '../../../../shared/domain/session';
import { parseStatusV2, uncommittedPaths } from './parseStatus';
import { limitedGitRunner, type GitRunner } from './runGit';
import { withoutWorkflowState } from '../workflow/workflowFiles';

export interface GitFactsTarget {
  path: string;
  /** The worktree's own git dir (for MERGE_HEAD, rebase dirs, index.lock). */
  gitDir: string | null;
  commonGitDir: string | null;
}

export interface ReadGitFactsOptions {
  git?: GitRunner;
  /**
   * Each repository's `branch.*.switchyardBase` settings, read once per change of its config file
   * instead of one `git config` per worktree refresh (bench scenario 5).
   */
  baseConfigCache?: BaseConfigCache;
}

export function emptyGitFacts(error: string | null = null): GitFacts {
  return {
    branch: null,
    head: null,
    baseBranch: null,
    baseRef: null,
    ahead: 0,
    behind: 0,
    changedFiles: 0,
    uncommittedFiles: [],
    dirty: false,
    lastCommitAt: null,
    lastCommitSubject: null,
    mergeInProgress: false,
    rebaseInProgress: false,
    lockFiles: [],
    filesChangedVsBase: [],
    mergedIntoBase: false,
    error,
  };
}

const BASE_CANDIDATES = ['main', 'master', 'trunk'];

/** Refs (from for-each-ref) plus the configured base → the base to compare with. Pure. */
export function chooseBase(input: {
  branch: string | null;
  configuredBase: string | null;
  /** `%(refname) %(symref)` lines of for-each-ref over refs/heads/* candidates and refs/remotes/origin/*. */
  refs: ReadonlyArray<{ refname: string; symref: string }>;
}): { baseBranch: string; baseRef: string } | null {
  const names = new Set(input.refs.map((r) => r.refname));
  const resolve = (name: string): { baseBranch: string; baseRef: string } | null => {
    const short = name.replace(/^refs\/heads\//, '').replace(/^refs\/remotes\/origin\//, '').replace(/^origin\//, '');
    if (name.startsWith('origin/') || name.startsWith('refs/remotes/origin/')) {
      if (names.has(`refs/heads/${short}`)) return { baseBranch: short, baseRef: short };
      if (names.has(`refs/remotes/origin/${short}`)) return { baseBranch: short, baseRef: `origin/${short}` };
      return null;
    }
    if (names.has(`refs/heads/${short}`)) return { baseBranch: short, baseRef: short };
    if (names.has(`refs/remotes/origin/${short}`)) return { baseBranch: short, baseRef: `origin/${short}` };
    return null;
  };
  if (input.configuredBase) {
    const configured = resolve(input.configuredBase);
    if (configured) return configured;
  }
  const originHead = input.refs.find((r) => r.refname === 'refs/remotes/origin/HEAD' && r.symref);
  if (originHead) {
    const viaOrigin = resolve(originHead.symref);
    if (viaOrigin) return viaOrigin;
  }
  for (const name of BASE_CANDIDATES) {
    const found = resolve(name);
    if (found) return found;
  }
  return null;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Lock files git leaves while it writes: index.lock, HEAD.lock, and ref locks of the current branch. */
export async function findLockFiles(target: GitFactsTarget, branch: string | null): Promise<string[]> {
  const candidates = new Set<string>();
  if (target.gitDir) {
    for (const name of ['index.lock', 'HEAD.lock', 'ORIG_HEAD.lock', 'MERGE_HEAD.lock']) candidates.add(join(target.gitDir, name));
  }
  if (target.commonGitDir) {
    for (const name of ['packed-refs.lock', 'config.lock', 'shallow.lock']) candidates.add(join(target.commonGitDir, name));
    if (branch) candidates.add(join(target.commonGitDir, 'refs', 'heads', `${branch}.lock`));
  }
  const found: string[] = [];
  for (const path of candidates) if (await exists(path)) found.push(path);
  // Anything else ending in .lock at the top of the worktree's git dir (e.g. a future lock name).
  if (target.gitDir) {
    try {
      for (const name of await readdir(target.gitDir)) {
        const full = join(target.gitDir, name);
        if (name.endsWith('.lock') && !found.includes(full)) found.push(full);
      }
    } catch {
      /* git dir unreadable: reported through status */
    }
  }
  return found.sort();
}

export type BaseConfigCache = Map<string, { stamp: string; bases: Map<string, string> }>;

const BASE_KEY = /^branch\.(.+)\.switchyardbase$/i;

/** Every branch's configured base in the repository, from one `git config --get-regexp`. */
async function configuredBases(git: GitRunner, cwd: string, commonGitDir: string | null, cache: BaseConfigCache): Promise<Map<string, string>> {
  let stamp = '';
  try {
    const s = commonGitDir ? await stat(join(commonGitDir, 'config')) : null;
    stamp = s ? `${s.ino}:${s.mtimeMs}:${s.size}` : '';
  } catch {
    stamp = '';
  }
  const hit = commonGitDir ? cache.get(commonGitDir) : undefined;
  if (stamp !== '' && hit && hit.stamp === stamp) return hit.bases;
  // Exit code 1 means "no such key": an empty map, not an error.
  const run = await git(['config', '--get-regexp', '^branch\\..*\\.switchyardbase$'], cwd);
  const bases = new Map<string, string>();
  for (const line of run.code === 0 ? run.stdout.split('\n') : []) {
    const space = line.indexOf(' ');
    const key = BASE_KEY.exec(space === -1 ? line : line.slice(0, space));
    const value = space === -1 ? '' : line.slice(space + 1).trim();
    if (key?.[1] && value) bases.set(key[1], value);
  }
  if (commonGitDir && stamp !== '' && run.code <= 1) cache.set(commonGitDir, { stamp, bases });
  return bases;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

function splitZ(text: string): string[] {
  return text.split('\0').filter((s) => s !== '');
}

/**
 * Reads what the dashboard shows about one worktree. Read-only (GIT_OPTIONAL_LOCKS=0 via execGit,
 * no `--refresh`, no fetch), and never throws: failures land in `error`.
 */
export async function readGitFacts(target: GitFactsTarget, options: ReadGitFactsOptions = {}): Promise<GitFacts> {
  const git = options.git ?? limitedGitRunner();
  const cwd = target.path;
  const statusRun = await git(['status', '--porcelain=v2', '-z', '--branch', '--untracked-files=all'], cwd);
  if (statusRun.code !== 0) {
    return emptyGitFacts(firstLine(statusRun.stderr) || `git status exited ${statusRun.code}`);
  }
  const status = parseStatusV2(statusRun.stdout);
  const branch = status.head;
  const head = status.oid;
  // Untracked workflow state (.ccc-state.json, .claude/worktrees/) is not the person's work.
  const uncommitted = uncommittedPaths({ ...status, entries: withoutWorkflowState(status.entries) });

  const [configuredBase, merge, rebaseMerge, rebaseApply, lockFiles] = await Promise.all([
    branch ? configuredBases(git, cwd, target.commonGitDir, options.baseConfigCache ?? new Map()).then((bases) => bases.get(branch) ?? null) : null,
    target.gitDir ? exists(join(target.gitDir, 'MERGE_HEAD')) : Promise.resolve(false),
    target.gitDir ? exists(join(target.gitDir, 'rebase-merge')) : Promise.resolve(false),
    target.gitDir ? exists(join(target.gitDir, 'rebase-apply')) : Promise.resolve(false),
    findLockFiles(target, branch),
  ]);
  const configuredShort = configuredBase?.replace(/^(refs\/heads\/|refs\/remotes\/origin\/|origin\/)/, '') ?? null;
  const baseCandidates = new Set([...BASE_CANDIDATES, ...(configuredShort ? [configuredShort] : [])].map((b) => `refs/heads/${b}`));
  const branchRef = branch ? `refs/heads/${branch}` : null;
  // One process answers both "which base refs exist" and "when was the branch's last commit"
  // (git processes are the cost of a refresh; see bench scenario 5).
  const refsRun = await git(
    ['for-each-ref', '--format=%(refname)%00%(symref)%00%(committerdate:iso-strict)%00%(contents:subject)', ...baseCandidates, ...(branchRef ? [branchRef] : []), 'refs/remotes/origin/'],
    cwd,
  );
  const refLines = refsRun.code === 0
    ? refsRun.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [refname = '', symref = '', committedAt = '', subject = ''] = line.split('\0');
          return { refname, symref, committedAt, subject };
        })
    : [];
  const refs = refLines
    .filter((r) => baseCandidates.has(r.refname) || r.refname.startsWith('refs/remotes/origin/'))
    .map(({ refname, symref }) => ({ refname, symref }));
  const branchLine = branchRef ? refLines.find((r) => r.refname === branchRef) : undefined;
  // A detached HEAD has no ref to ask: one more process for it.
  const logRun = head && !branchLine ? await git(['log', '-1', '--format=%cI%x00%s', 'HEAD'], cwd) : null;
  const base = chooseBase({ branch, configuredBase, refs });

  const facts = emptyGitFacts();
  facts.branch = branch;
  facts.head = head;
  facts.changedFiles = uncommitted.length;
  facts.uncommittedFiles = uncommitted;
  facts.dirty = uncommitted.length > 0;
  facts.mergeInProgress = merge;
  facts.rebaseInProgress = rebaseMerge || rebaseApply;
  facts.lockFiles = lockFiles;
  if (branchLine) {
    facts.lastCommitAt = branchLine.committedAt || null;
    facts.lastCommitSubject = branchLine.subject;
  } else if (logRun && logRun.code === 0) {
    const [at, subject] = logRun.stdout.replace(/\n$/, '').split('\0');
    facts.lastCommitAt = at || null;
    facts.lastCommitSubject = subject ?? null;
  }
  if (!base || !head) return facts;
  facts.baseBranch = base.baseBranch;
  facts.baseRef = base.baseRef;
  if (branch === base.baseRef || branch === base.baseBranch) return facts;

  const [countRun, diffRun] = await Promise.all([
    git(['rev-list', '--left-right', '--count', `${base.baseRef}...HEAD`], cwd),
    git(['diff', '--name-only', '-z', '--no-renames', `${base.baseRef}...HEAD`], cwd),
  ]);
  if (countRun.code === 0) {
    const m = /^(\d+)\s+(\d+)/.exec(countRun.stdout.trim());
    if (m) {
      facts.behind = Number(m[1]);
      facts.ahead = Number(m[2]);
    }
  } else {
    facts.error = firstLine(countRun.stderr) || null;
  }
  if (diffRun.code === 0) facts.filesChangedVsBase = splitZ(diffRun.stdout).sort();

  // ahead 0 means every commit of HEAD is in base: merged — unless the branch never had a commit of its
  // own (a fresh worktree). The branch's reflog tells: more than its creation entry = it moved.
  if (countRun.code === 0 && facts.ahead === 0 && branch) {
    const reflog = await git(['reflog', 'show', '--format=%H', `refs/heads/${branch}`, '--'], cwd);
    const moves = reflog.code === 0 ? reflog.stdout.split('\n').filter(Boolean) : [];
    facts.mergedIntoBase = moves.length > 1 && moves.some((sha) => sha !== moves[moves.length - 1]);
  }
  return facts;
}
