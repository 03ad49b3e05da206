import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitFacts } from '../../../../shared/domain/session';
import { configEntries } from '../../git/config';
import { diffNames } from '../../git/diff';
import type { GitResult } from '../../git/gitResult';
import { tolerantGit, type GitRunner } from '../../git/gitRunner';
import { forEachRef } from '../../git/forEachRef';
import { gitDirEntries } from '../../git/gitDirEntries';
import { findLockFiles } from '../../git/lockFiles';
import { lastCommit } from '../../git/log';
import { readOperationState } from '../../git/operationState';
import { uncommittedPaths } from '../../git/parseStatus';
import { reflogShas } from '../../git/reflog';
import { countLeftRight } from '../../git/revList';
import { readStatus } from '../../git/status';
import { withoutWorkflowState } from '../workflow/workflowFiles';

export interface GitFactsTarget {
  path: string;
  /** The worktree's own git dir (for MERGE_HEAD, rebase dirs, index.lock). */
  gitDir: string | null;
  commonGitDir: string | null;
}

export interface ReadGitFactsOptions {
  /** Default: tolerantGit (the shared git limit; a folder that is gone is an error, never a throw). */
  git?: GitRunner;
  /**
   * Each repository's `branch.*.switchyardBase` settings, read once per change of its config file
   * instead of one `git config` per worktree refresh (bench scenario 5).
   */
  baseConfigCache?: BaseConfigCache;
  /**
   * Each repository's branch and origin refs, shared by its worktrees: a read that started after this
   * call began is as fresh as one of its own, so worktrees loading together ask git once per
   * repository instead of once each (bench scenario 5).
   */
  refsCache?: RepositoryRefsCache;
}

interface RefLine {
  refname: string;
  symref: string;
  committedAt: string;
  subject: string;
}

/** Per common git dir: the newest refs read and when (in call order) it started. */
export type RepositoryRefsCache = Map<string, { startedSeq: number; read: Promise<GitResult<RefLine[]>> }>;

let callSeq = 0;

const REF_FIELDS = { refname: '%(refname)', symref: '%(symref)', committedAt: '%(committerdate:iso-strict)', subject: '%(contents:subject)' } as const;

function repositoryRefs(git: GitRunner, cwd: string, commonGitDir: string | null, calledAt: number, cache: RepositoryRefsCache | undefined): Promise<GitResult<RefLine[]>> {
  const shared = commonGitDir && cache ? cache.get(commonGitDir) : undefined;
  if (shared && shared.startedSeq > calledAt) return shared.read;
  const startedSeq = ++callSeq;
  const read = forEachRef(cwd, REF_FIELDS, ['refs/heads/', 'refs/remotes/origin/'], git);
  if (commonGitDir && cache) {
    cache.set(commonGitDir, { startedSeq, read });
    // A failed read is not shared: the next caller asks again.
    void read.then((r) => {
      if (!r.ok && cache.get(commonGitDir)?.read === read) cache.delete(commonGitDir);
    });
  }
  return read;
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

/** Per repository (common git dir): the config file's stamp and its bases — a promise, so worktrees loading at once share one read. */
export type BaseConfigCache = Map<string, { stamp: string; bases: Promise<Map<string, string>> }>;

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
  const bases = configEntries(cwd, '^branch\\..*\\.switchyardbase$', git).then((read) => {
    const out = new Map<string, string>();
    for (const { key, value } of read.ok ? read.value : []) {
      const name = BASE_KEY.exec(key)?.[1];
      if (name && value) out.set(name, value);
    }
    // A failed read is not remembered: the next refresh asks again.
    if (!read.ok && commonGitDir && cache.get(commonGitDir)?.bases === bases) cache.delete(commonGitDir);
    return out;
  });
  if (commonGitDir && stamp !== '') cache.set(commonGitDir, { stamp, bases });
  return bases;
}

/**
 * Reads what the dashboard shows about one worktree. Read-only (GIT_OPTIONAL_LOCKS=0 via execGit,
 * no `--refresh`, no fetch), and never throws: failures land in `error`.
 */
export async function readGitFacts(target: GitFactsTarget, options: ReadGitFactsOptions = {}): Promise<GitFacts> {
  const git = options.git ?? tolerantGit;
  const cwd = target.path;
  const calledAt = ++callSeq;
  const read = await readStatus(cwd, { branch: true, untracked: 'all' }, git);
  if (!read.ok) return emptyGitFacts(read.error);
  const status = read.value;
  const branch = status.head;
  const head = status.oid;
  // Untracked workflow state (.ccc-state.json, .claude/worktrees/) is not the person's work.
  const uncommitted = uncommittedPaths({ ...status, entries: withoutWorkflowState(status.entries) });

  // One read of the worktree's git dir answers both "what is git in the middle of" and "which locks".
  const gitDirNames = gitDirEntries(target.gitDir);
  const [configuredBase, operation, lockFiles] = await Promise.all([
    branch ? configuredBases(git, cwd, target.commonGitDir, options.baseConfigCache ?? new Map()).then((bases) => bases.get(branch) ?? null) : null,
    target.gitDir ? gitDirNames.then((names) => readOperationState(target.gitDir ?? '', names)) : Promise.resolve(null),
    gitDirNames.then((names) => findLockFiles(target, branch, names)),
  ]);
  const configuredShort = configuredBase?.replace(/^(refs\/heads\/|refs\/remotes\/origin\/|origin\/)/, '') ?? null;
  const baseCandidates = new Set([...BASE_CANDIDATES, ...(configuredShort ? [configuredShort] : [])].map((b) => `refs/heads/${b}`));
  const branchRef = branch ? `refs/heads/${branch}` : null;
  // One process per repository answers "which base refs exist" and "when was the branch's last
  // commit" for all its worktrees (git processes are the cost of a refresh; see bench scenario 5).
  const refsRead = await repositoryRefs(git, cwd, target.commonGitDir, calledAt, options.refsCache);
  const refLines = refsRead.ok ? refsRead.value : [];
  const refs = refLines
    .filter((r) => baseCandidates.has(r.refname) || r.refname.startsWith('refs/remotes/origin/'))
    .map(({ refname, symref }) => ({ refname, symref }));
  const branchLine = branchRef ? refLines.find((r) => r.refname === branchRef) : undefined;
  // A detached HEAD has no ref to ask: one more process for it.
  const headCommit = head && !branchLine ? await lastCommit(cwd, 'HEAD', git) : null;
  const base = chooseBase({ branch, configuredBase, refs });

  const facts = emptyGitFacts();
  facts.branch = branch;
  facts.head = head;
  facts.changedFiles = uncommitted.length;
  facts.uncommittedFiles = uncommitted;
  facts.dirty = uncommitted.length > 0;
  facts.mergeInProgress = operation?.merge ?? false;
  facts.rebaseInProgress = operation?.rebase ?? false;
  facts.lockFiles = lockFiles;
  if (branchLine) {
    facts.lastCommitAt = branchLine.committedAt || null;
    facts.lastCommitSubject = branchLine.subject;
  } else if (headCommit?.ok) {
    facts.lastCommitAt = headCommit.value.at;
    facts.lastCommitSubject = headCommit.value.subject;
  }
  if (!base || !head) return facts;
  facts.baseBranch = base.baseBranch;
  facts.baseRef = base.baseRef;
  if (branch === base.baseRef || branch === base.baseBranch) return facts;

  const [counted, diffed] = await Promise.all([
    countLeftRight(cwd, base.baseRef, 'HEAD', git),
    diffNames(cwd, `${base.baseRef}...HEAD`, { noRenames: true }, git),
  ]);
  if (counted.ok) {
    facts.behind = counted.value.left;
    facts.ahead = counted.value.right;
  } else {
    facts.error = counted.error;
  }
  if (diffed.ok) facts.filesChangedVsBase = diffed.value.sort();

  // ahead 0 means every commit of HEAD is in base: merged — unless the branch never had a commit of its
  // own (a fresh worktree). The branch's reflog tells: more than its creation entry = it moved.
  if (counted.ok && facts.ahead === 0 && branch) {
    const reflog = await reflogShas(cwd, `refs/heads/${branch}`, git);
    const moves = reflog.ok ? reflog.value : [];
    facts.mergedIntoBase = moves.length > 1 && moves.some((sha) => sha !== moves[moves.length - 1]);
  }
  return facts;
}
