import { z } from 'zod';

/**
 * What Switchyard learns from Claude Code's own files (formats.md §1, §2.2).
 * Every reader of these files is tolerant: a field the format does not carry is null, never a throw.
 */

/** Token counts of one or many API responses, split the way they are priced. */
export const TokenUsage = z.object({
  input: z.number(),
  output: z.number(),
  /** Cache writes with the 5-minute lifetime (priced 1.25 × input). */
  cacheWrite5m: z.number(),
  /** Cache writes with the 1-hour lifetime (priced 2 × input). */
  cacheWrite1h: z.number(),
  cacheRead: z.number(),
});
export type TokenUsage = z.infer<typeof TokenUsage>;

/** The state of one transcript (`projects/<encoded-cwd>/<sessionId>.jsonl`) as far as it has been read. */
export const TranscriptSummary = z.object({
  sessionId: z.string().nullable(),
  cwd: z.string().nullable(),
  slug: z.string().nullable(),
  gitBranch: z.string().nullable(),
  /** Latest `/rename` title (`custom-title` line). */
  customTitle: z.string().nullable(),
  /** Latest automatic title (`ai-title` line), shown when there is no custom title. */
  aiTitle: z.string().nullable(),
  version: z.string().nullable(),
  /** ISO timestamps of the first and last line that carried one. */
  firstActivityAt: z.string().nullable(),
  lastActivityAt: z.string().nullable(),
  /** Text of the last assistant message that had text, trimmed to ~2000 characters. */
  lastAssistantText: z.string().nullable(),
  /** The last thing a human typed (not tool results, slash-command echoes or injected meta text). */
  lastUserPromptText: z.string().nullable(),
  /** A prompt or tool round started and no end-of-turn marker (turn_duration, stop hook, interrupt) came since. */
  turnInProgress: z.boolean(),
  lastTurnEndedAt: z.string().nullable(),
  /** Some assistant text contained TASK_COMPLETE (the execution loop's end-of-task word). */
  taskCompleteSeen: z.boolean(),
  /** Timestamp of the last assistant line that said TASK_COMPLETE. */
  lastTaskCompleteAt: z.string().nullable(),
  /**
   * false when nothing could be waiting for a permission prompt (no tool call open, or the session runs
   * with bypassPermissions); null when a tool call is open and the transcript cannot tell a running tool
   * from a prompt — ask the live registry or a hook.
   */
  awaitingPermission: z.boolean().nullable(),
  /** Tool calls the assistant made that have no tool_result yet. */
  openToolUses: z.number(),
  /** Latest permission mode the transcript mentioned (`default`, `plan`, `bypassPermissions`, …). */
  permissionMode: z.string().nullable(),
  usage: TokenUsage,
  /** Cost of the usage of priced models (USD); models without a price are listed in costUnknownModels. */
  costUsd: z.number(),
  costUnknownModels: z.array(z.string()),
  models: z.array(z.string()),
  /** user lines plus distinct assistant API responses. */
  messageCount: z.number(),
  brokenLines: z.number(),
  /** 1-based line number of the first unreadable line; counted from the tail's start until fullScanDone. */
  firstBrokenLine: z.number().nullable().optional(),
  unknownLineTypes: z.record(z.string(), z.number()),
  /** Bytes of complete lines that went into this summary. */
  bytesRead: z.number(),
  /**
   * false while a large transcript is still being counted from its beginning in the background: the
   * "last" fields are already right, token totals and cost only cover what was read so far.
   */
  fullScanDone: z.boolean(),
  /** 0..1, how much of the file the token count covers. */
  scanProgress: z.number(),
});
export type TranscriptSummary = z.infer<typeof TranscriptSummary>;

/** One transcript file found under `<claudeHome>/projects`. */
export const TranscriptFileRef = z.object({
  path: z.string(),
  /** The encoded-cwd folder name as found on disk (lossy: never decode it, read `cwd` from the lines). */
  projectDir: z.string(),
  /** The session the lines belong to: the file name for a main transcript, the parent's id for a subagent. */
  sessionId: z.string().nullable(),
  isSubagent: z.boolean(),
  /** For a subagent: the session that spawned it (from the folder, or for legacy files from the lines). */
  parentSessionId: z.string().nullable(),
  /** For a subagent: the `<id>` of `agent-<id>.jsonl`. */
  agentId: z.string().nullable(),
  layout: z.enum(['main', 'subagent', 'legacy-subagent']),
  sizeBytes: z.number(),
  mtimeMs: z.number(),
});
export type TranscriptFileRef = z.infer<typeof TranscriptFileRef>;

/** Identity of a transcript read from its first lines (cheap: a few KB). */
export const TranscriptHead = z.object({
  sessionId: z.string().nullable(),
  cwd: z.string().nullable(),
  slug: z.string().nullable(),
  gitBranch: z.string().nullable(),
  version: z.string().nullable(),
  firstActivityAt: z.string().nullable(),
});
export type TranscriptHead = z.infer<typeof TranscriptHead>;

export const LiveSessionStatus = z.enum(['idle', 'busy', 'waiting', 'shell', 'unknown']);
export type LiveSessionStatus = z.infer<typeof LiveSessionStatus>;

/** One file of the live registry `<claudeHome>/sessions/<pid>.json` (or a legacy `pid-<n>.json`). */
export const LiveClaudeSession = z.object({
  pid: z.number(),
  sessionId: z.string().nullable(),
  cwd: z.string().nullable(),
  name: z.string().nullable(),
  status: LiveSessionStatus,
  statusUpdatedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  version: z.string().nullable(),
  /** The process exists and (where the OS lets us check) is the one that wrote the file. */
  alive: z.boolean(),
  file: z.string(),
  shape: z.enum(['current', 'legacy']),
  /** Why this entry is doubtful (unknown shape, broken JSON, unknown status); null when all is well. */
  warning: z.string().nullable(),
  kind: z.string().nullable(),
  entrypoint: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type LiveClaudeSession = z.infer<typeof LiveClaudeSession>;

export const CccPhase = z.enum([
  'intake',
  'spec',
  'review',
  'decompose',
  'execution',
  'replan',
  'verification',
  'closure',
]);
export type CccPhase = z.infer<typeof CccPhase>;

/** `.ccc-state.json` of a worktree (formats.md §2.2) plus what the UI derives from it. */
export const CccState = z.object({
  linearIssue: z.string().nullable().optional(),
  /** Kept as written: an unknown phase name is still shown rather than dropped. */
  phase: z.string().nullable().optional(),
  taskIndex: z.number().nullable().optional(),
  taskIteration: z.number().nullable().optional(),
  maxTaskIterations: z.number().nullable().optional(),
  globalIteration: z.number().nullable().optional(),
  maxGlobalIterations: z.number().nullable().optional(),
  executionMode: z.string().nullable().optional(),
  gatesPassed: z.array(z.string()).nullable().optional(),
  specPath: z.string().nullable().optional(),
  replanCount: z.number().nullable().optional(),
  createdAt: z.string().nullable().optional(),
  lastUpdatedAt: z.string().nullable().optional(),
  /** Derived: tasks finished (taskIndex is 0-based, so it equals the count done), clamped to totalTasks. */
  tasksDone: z.number(),
  /** As written in the file, 0 when missing or not a number. */
  totalTasks: z.number(),
  /** Derived: taskIndex >= totalTasks with at least one task. */
  done: z.boolean(),
  /** The gate a human must pass; null when nobody is awaited. */
  awaitingGate: z.string().nullable(),
});
export type CccState = z.infer<typeof CccState>;
