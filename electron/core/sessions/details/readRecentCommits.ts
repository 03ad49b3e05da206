import type { SessionDetails } from '../../../../shared/contract/sessionsRequests';
import type { GitRunner } from '../git/runGit';

export type CommitLine = SessionDetails['commits'][number];

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

/** The last `limit` commits of HEAD, newest first; git's words as an error when it cannot tell. */
export async function readRecentCommits(git: GitRunner, cwd: string, limit = 12): Promise<{ commits: CommitLine[]; error: string | null }> {
  const run = await git(['log', `-n${limit}`, '--no-color', `--format=%H${FIELD}%s${FIELD}%an${FIELD}%aI${RECORD}`, 'HEAD'], cwd);
  if (run.code !== 0) return { commits: [], error: firstLine(run.stderr) || `git log exited ${run.code}` };
  return { commits: parseCommitLog(run.stdout), error: null };
}

export function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}
