import { z } from 'zod';
import { TokenUsage, LiveSessionStatus } from './claude';

/**
 * The live session registry (formats.md §1.4, §2.1, §2.2): one record per worktree (or per live
 * Claude Code process outside any known worktree), with git facts, identity, status and collisions.
 */

export const WorktreeSource = z.enum(['claude-home', 'repo-claude-dir', 'configured-root', 'git-worktree-list']);
export type WorktreeSource = z.infer<typeof WorktreeSource>;

export const WorktreeInfo = z.object({
  /** Stable id: the worktree's absolute real path. */
  id: z.string(),
  path: z.string(),
  /** Path of the repository's main worktree (or of the bare repository). */
  repoRoot: z.string(),
  /** Absolute `git rev-parse --git-common-dir`. */
  commonGitDir: z.string(),
  /** The worktree's own git dir (`<common>/worktrees/<name>` for linked worktrees); null when unknown. */
  gitDir: z.string().nullable(),
  /** Short branch name (`claude/cia-387-x`), null when detached or bare. */
  branch: z.string().nullable(),
  head: z.string().nullable(),
  detached: z.boolean(),
  locked: z.boolean(),
  prunable: z.boolean(),
  bare: z.boolean(),
  isMain: z.boolean(),
  source: z.array(WorktreeSource),
});
export type WorktreeInfo = z.infer<typeof WorktreeInfo>;

export const GitFacts = z.object({
  branch: z.string().nullable(),
  head: z.string().nullable(),
  /** Short name of the base branch (`main`), null when none could be found. */
  baseBranch: z.string().nullable(),
  /** The ref actually compared against (`main` or `origin/main`). */
  baseRef: z.string().nullable(),
  ahead: z.number(),
  behind: z.number(),
  /** Count of uncommitted paths (staged, unstaged, untracked, conflicted). */
  changedFiles: z.number(),
  /** The uncommitted paths themselves, relative to the worktree root. */
  uncommittedFiles: z.array(z.string()),
  dirty: z.boolean(),
  lastCommitAt: z.string().nullable(),
  lastCommitSubject: z.string().nullable(),
  mergeInProgress: z.boolean(),
  rebaseInProgress: z.boolean(),
  /** Absolute paths of git lock files present right now (index.lock, HEAD.lock, ref locks, …). */
  lockFiles: z.array(z.string()),
  /** Paths changed on the branch since its merge-base with the base branch. */
  filesChangedVsBase: z.array(z.string()),
  /** The branch had commits of its own and all of them are now reachable from the base branch. */
  mergedIntoBase: z.boolean(),
  /** git's own words when the facts could not be read (folder gone, corrupt repo); null when fine. */
  error: z.string().nullable(),
});
export type GitFacts = z.infer<typeof GitFacts>;

export const SessionStatus = z.enum(['working', 'waiting', 'idle', 'done', 'stale', 'failed', 'merged', 'unknown']);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const MatchedBy = z.enum(['branch', 'folder', 'slug', 'registry-row']);
export type MatchedBy = z.infer<typeof MatchedBy>;

export const Collision = z.object({
  file: z.string(),
  otherSessionId: z.string(),
  otherSessionName: z.string(),
});
export type Collision = z.infer<typeof Collision>;

export const SessionClaudeInfo = z.object({
  sessionId: z.string().nullable(),
  pid: z.number().nullable(),
  liveStatus: LiveSessionStatus.nullable(),
  alive: z.boolean(),
  transcriptPath: z.string().nullable(),
  lastActivityAt: z.string().nullable(),
  lastAssistantText: z.string().nullable(),
  usage: TokenUsage.nullable(),
  costUsd: z.number().nullable(),
  estimateUsd: z.number().nullable(),
  /**
   * true while the transcript's beginning is still being counted in the background (a large file is
   * read from its tail first): `usage` and `costUsd` are then lower bounds, not totals.
   */
  usageCounting: z.boolean(),
  /** Lines of the transcript that are not JSON (skipped): how many, and the first one's line number when known. */
  unreadableLines: z.object({ count: z.number(), firstLine: z.number().nullable() }).nullable().optional(),
});
export type SessionClaudeInfo = z.infer<typeof SessionClaudeInfo>;

export const SessionRecord = z.object({
  id: z.string(),
  name: z.string(),
  worktree: WorktreeInfo.nullable(),
  git: GitFacts.nullable(),
  issueId: z.string().nullable(),
  phase: z.string().nullable(),
  agent: z.string().nullable(),
  planPath: z.string().nullable(),
  matchedBy: z.array(MatchedBy),
  unmatched: z.boolean(),
  status: SessionStatus,
  /** The status in words, e.g. "Claude is waiting for your answer". */
  statusReason: z.string(),
  /** ISO time the shown status began. */
  statusSince: z.string(),
  claude: SessionClaudeInfo.nullable(),
  progress: z.object({ done: z.number(), total: z.number() }).nullable(),
  collisions: z.array(Collision),
  warnings: z.array(z.string()),
  /** Claude Code's own name for the session (live file name, `/rename` title, transcript slug), when its files give one. */
  claudeName: z.string().nullable().optional(),
  /** A status word of the record's own, shown instead of the status's (an external agent's session: "With Tembo"). */
  statusWord: z.string().nullable().optional(),
});
export type SessionRecord = z.infer<typeof SessionRecord>;

/** One Session Registry row of a plan (formats.md §2.1), as handed to the registry. */
export const PlanSessionRow = z.object({
  planPath: z.string().nullable(),
  sessionName: z.string().nullable(),
  issueId: z.string().nullable(),
  phase: z.string().nullable(),
  agent: z.string().nullable(),
  branch: z.string().nullable(),
  worktree: z.string().nullable(),
  status: z.string().nullable(),
});
export type PlanSessionRow = z.infer<typeof PlanSessionRow>;

/**
 * Where a plan places an issue even before any session registered for it: its Phase Map row, or a
 * dispatch table row naming it (formats.md §2.1). Built by `planIssuePhases` (core/sessions/identity).
 */
export const PlanIssuePhase = z.object({
  planPath: z.string(),
  issueId: z.string(),
  /** Null when only a dispatch row names the issue and nothing there names a phase. */
  phase: z.string().nullable(),
  /** From the dispatch row naming the issue, when there is one. */
  agent: z.string().nullable(),
  source: z.enum(['phase-map', 'dispatch']),
});
export type PlanIssuePhase = z.infer<typeof PlanIssuePhase>;

export const PlanContext = z.object({
  rows: z.array(PlanSessionRow),
  /** Issue → phase of every plan (Phase Map and dispatch tables); optional so older senders still fit. */
  issuePhases: z.array(PlanIssuePhase).optional(),
  /** Estimated cost (USD) per issue id, from dispatch tables. */
  estimates: z.record(z.string(), z.number()),
  /** Linear `WorkflowState.type` per issue id (completed, started, …), when known. */
  linearStates: z.record(z.string(), z.string()).optional(),
});
export type PlanContext = z.infer<typeof PlanContext>;
