import type { CccState, LiveClaudeSession, TranscriptSummary } from '../../../../shared/domain/claude';

/** The parts of a live registry entry the session registry uses. */
export type LiveSessionLike = Pick<LiveClaudeSession, 'pid' | 'sessionId' | 'cwd' | 'name' | 'status' | 'alive' | 'warning'>;

/** The parts of a transcript summary the session registry uses. */
export type TranscriptSummaryLike = Pick<
  TranscriptSummary,
  | 'sessionId'
  | 'cwd'
  | 'slug'
  | 'gitBranch'
  | 'customTitle'
  | 'aiTitle'
  | 'lastActivityAt'
  | 'lastAssistantText'
  | 'turnInProgress'
  | 'taskCompleteSeen'
  | 'awaitingPermission'
  | 'usage'
  | 'costUsd'
> &
  // Optional so small fakes need not say; the real source passes the tailer's summary whole.
  Partial<Pick<TranscriptSummary, 'brokenLines' | 'firstBrokenLine'>>;

export interface TranscriptEntry {
  /** Absolute path of the `.jsonl` file. */
  path: string;
  summary: TranscriptSummaryLike;
}

export type CccStateLike = Pick<CccState, 'linearIssue' | 'phase' | 'awaitingGate' | 'done' | 'tasksDone' | 'totalTasks'>;

/**
 * Where the registry gets Claude Code's side of a session. The production implementation wraps
 * `electron/core/sessions/claude/` (see `createClaudeSource`); tests pass small fakes.
 */
export interface ClaudeSource {
  readLiveSessions(): Promise<LiveSessionLike[]>;
  /** Summaries of the transcripts worth showing (recent ones); the registry maps them by `cwd`. */
  readTranscripts(): Promise<TranscriptEntry[]>;
  readCccState(worktreePath: string): Promise<CccStateLike | null>;
  close?(): Promise<void> | void;
}

/** A source that knows nothing: for a registry that only shows git facts. */
export const emptyClaudeSource: ClaudeSource = {
  readLiveSessions: () => Promise.resolve([]),
  readTranscripts: () => Promise.resolve([]),
  readCccState: () => Promise.resolve(null),
};
