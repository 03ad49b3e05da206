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
  // Fakes may leave these out: a summary without them counts as fully counted and fully readable.
  Partial<Pick<TranscriptSummary, 'fullScanDone' | 'scanProgress' | 'brokenLines' | 'firstBrokenLine'>>;

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
  /**
   * Calls `listener` when something changed that no file event announces (a background token count
   * finished); returns the unsubscribe. Optional: a source without it is only polled.
   */
  subscribe?(listener: () => void): () => void;
  /** The first registry is out: background work held back so as not to delay it (token counts) may start. */
  startBackgroundWork?(): void;
  close?(): Promise<void> | void;
}

/** A source that knows nothing: for a registry that only shows git facts. */
export const emptyClaudeSource: ClaudeSource = {
  readLiveSessions: () => Promise.resolve([]),
  readTranscripts: () => Promise.resolve([]),
  readCccState: () => Promise.resolve(null),
};
