import { execGit, gitOk } from './execGit';
import { gitResult, type GitResult } from './gitResult';
import type { GitRunner } from './gitRunner';

export interface CommitLine {
  sha: string;
  subject: string;
  author: string;
  /** Author date, ISO 8601. */
  at: string;
}

const FIELD = '\x1f';
const RECORD = '\x1e';

/** Parses `git log --format=%H%x1f%s%x1f%an%x1f%aI%x1e` output. Pure; skips malformed records. */
export function parseCommitLog(stdout: string): CommitLine[] {
  const commits: CommitLine[] = [];
  for (const raw of stdout.split(RECORD)) {
    const parts = raw.replace(/^\n/, '').split(FIELD);
    if (parts.length < 4) continue;
    const [sha, subject, author, at] = parts as [string, string, string, string];
    if (!/^[0-9a-f]{7,64}$/.test(sha)) continue;
    commits.push({ sha, subject, author, at: at.trim() });
  }
  return commits;
}

/** The last `limit` commits of `rev`, newest first. */
export function recentCommits(cwd: string, limit: number, rev = 'HEAD', git: GitRunner = execGit): Promise<GitResult<CommitLine[]>> {
  return gitResult(git, ['log', `-n${limit}`, '--no-color', `--format=%H${FIELD}%s${FIELD}%an${FIELD}%aI${RECORD}`, rev], { cwd }, parseCommitLog);
}

/** When `rev` was committed (ISO 8601) and its subject. */
export function lastCommit(cwd: string, rev: string, git: GitRunner = execGit): Promise<GitResult<{ at: string | null; subject: string | null }>> {
  return gitResult(git, ['log', '-1', '--format=%cI%x00%s', rev], { cwd }, (out) => {
    const [at, subject] = out.replace(/\n$/, '').split('\0');
    return { at: at || null, subject: subject ?? null };
  });
}

/** Subjects of the commits in `range`, newest first unless `reverse`; at most `max` when given. */
export function commitSubjects(cwd: string, range: string, options: { reverse?: boolean; max?: number } = {}): Promise<GitResult<string[]>> {
  const args = ['log', ...(options.reverse ? ['--reverse'] : []), '--format=%s', ...(options.max !== undefined ? ['-n', String(options.max)] : []), range];
  return gitResult(execGit, args, { cwd }, (out) => (out === '' ? [] : out.replace(/\n$/, '').split('\n')));
}

export interface CommitInfo {
  authorName: string;
  authorEmail: string;
  /** `--date=raw`: seconds and zone, as GIT_AUTHOR_DATE takes it back. */
  authorDate: string;
  message: string;
}

/** Author and full message of one commit, to re-create it elsewhere; throws when `sha` is no commit. */
export async function commitInfo(cwd: string, sha: string): Promise<CommitInfo> {
  const out = await gitOk(['log', '-1', '--format=%an%x00%ae%x00%ad%x00%B', '--date=raw', sha], { cwd });
  const [authorName = '', authorEmail = '', authorDate = '', ...rest] = out.split('\0');
  return { authorName, authorEmail, authorDate, message: rest.join('\0').replace(/\n+$/, '\n') };
}
