import type { SessionDetails } from '../../../../shared/contract/sessionsRequests';
import type { SessionRecord } from '../../../../shared/domain/session';
import { tolerantGit, type GitRunner } from '../../git/gitRunner';
import { recentCommits } from '../../git/log';
import { readChangedFiles } from './readChangedFiles';
import { readPlanTitle } from './readPlanTitle';
import { readTranscriptTail, type TranscriptTail } from './readTranscriptTail';

export interface DetailsOptions {
  /** Injected by tests; default: tolerantGit, behind the app's one git process limit. */
  git?: GitRunner;
}

/** The panel shows the last dozen commits; the branch's full history is a terminal's job. */
const RECENT_COMMITS = 12;

/** `claude --resume <id>` quoted for a POSIX shell when the id has anything unusual in it. */
export function resumeCommandFor(sessionId: string | null): string | null {
  if (!sessionId) return null;
  return /^[A-Za-z0-9._-]+$/.test(sessionId) ? `claude --resume ${sessionId}` : `claude --resume '${sessionId.replace(/'/g, `'\\''`)}'`;
}

/**
 * Reads what the detail panel shows for one session, now: git log and changed files of its worktree,
 * the transcript's tail and the plan's title. A fact that cannot be read is listed in `problems` and
 * the rest is still returned.
 */
export async function readSessionDetails(record: SessionRecord, options: DetailsOptions = {}): Promise<SessionDetails> {
  const git = options.git ?? tolerantGit;
  const problems: string[] = [];
  const cwd = record.worktree && !record.worktree.bare ? record.worktree.path : null;
  const transcriptPath = record.claude?.transcriptPath ?? null;

  const [commits, files, tail, planTitle] = await Promise.all([
    cwd ? recentCommits(cwd, RECENT_COMMITS, 'HEAD', git) : null,
    cwd ? readChangedFiles(cwd, record.git?.baseRef ?? null, git) : Promise.resolve({ uncommitted: [], changedVsBase: [], errors: [] }),
    transcriptPath
      ? readTranscriptTail(transcriptPath).catch((error: unknown): TranscriptTail => {
          problems.push(`Transcript unreadable: ${error instanceof Error ? error.message : String(error)}`);
          return { entries: [], lastAssistantText: null };
        })
      : Promise.resolve<TranscriptTail>({ entries: [], lastAssistantText: null }),
    record.planPath ? readPlanTitle(record.planPath) : Promise.resolve(null),
  ]);
  if (commits && !commits.ok) problems.push(`git log: ${commits.error}`);
  problems.push(...files.errors);

  return {
    commits: commits?.ok ? commits.value : [],
    uncommitted: files.uncommitted,
    changedVsBase: files.changedVsBase,
    lastAssistantText: record.claude?.lastAssistantText ?? tail.lastAssistantText,
    transcriptTail: tail.entries,
    plan: record.planPath && planTitle !== null ? { path: record.planPath, title: planTitle } : null,
    resumeCommand: resumeCommandFor(record.claude?.sessionId ?? null),
    problems,
  };
}
