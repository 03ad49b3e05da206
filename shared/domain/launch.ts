import { z } from 'zod';

/**
 * Launch domain: a dispatch row started by Switchyard as a Claude Code session in its own worktree,
 * in a PTY the core owns. Keyed in state by `launchKey(planPath, session)`.
 */

export const LaunchPhase = z.enum(['running', 'exited', 'failed']);
export type LaunchPhase = z.infer<typeof LaunchPhase>;

export const LaunchRecord = z.object({
  /** `${planPath}#${session}`: one launch per dispatch row. */
  id: z.string(),
  planPath: z.string(),
  /** The dispatch row's session label (`2A`). */
  session: z.string(),
  issueId: z.string(),
  repoPath: z.string(),
  worktreePath: z.string(),
  branch: z.string(),
  base: z.string(),
  /** The `claude …` line that runs in the worktree (for "Open in my terminal" and the record). */
  command: z.string(),
  /** `--permission-mode` value the row's Launch as maps to. */
  permissionMode: z.string(),
  /** Session Registry name: the placeholder first, Claude Code's own name once its files give one. */
  sessionName: z.string(),
  pid: z.number().int().nullable(),
  phase: LaunchPhase,
  exitCode: z.number().int().nullable(),
  startedAt: z.string(),
  /** Last hook event Claude Code reported (SessionStart, Notification, Stop, StopFailure). */
  lastHook: z.string().nullable(),
  /** False when terminal I/O is switched off (`--no-terminal`): the session runs, its PTY is not streamed. */
  terminal: z.boolean(),
  /** Steps that went wrong without stopping the launch (a failed fetch). */
  warnings: z.array(z.string()),
});
export type LaunchRecord = z.infer<typeof LaunchRecord>;

export function launchKey(planPath: string, session: string): string {
  return `${planPath}#${session}`;
}

export const ClaudeAvailability = z.object({
  found: z.boolean(),
  path: z.string().nullable(),
  /** What to do when it is missing. */
  hint: z.string().nullable(),
});
export type ClaudeAvailability = z.infer<typeof ClaudeAvailability>;

export const CLAUDE_INSTALL_HINT = 'npm install -g @anthropic-ai/claude-code';

/** Terminal output pushed to clients: the launch id and a chunk of what the PTY printed. */
export interface TerminalData {
  id: string;
  data: string;
  /** Characters the PTY has printed in all, up to the end of this chunk (lines events up with a scrollback). */
  end: number;
}
export interface TerminalExit {
  id: string;
  exitCode: number | null;
}

/** An external agent's row handed to it on its Linear sub-issue (§4 Assignee, §9 @mention dispatch). */
export const DelegationResult = z.object({
  session: z.string(),
  /** The sub-issue, e.g. `CIA-547`. */
  issue: z.string(),
  /** `delegate`: Linear's agent delegation to the app user; `mention`: one `@agent Implement:` comment. */
  via: z.enum(['delegate', 'mention']),
  /** The app user's name, or the @handle mentioned. */
  to: z.string(),
  /** False when the same dispatch comment was already on the issue (nothing posted twice). */
  commentPosted: z.boolean(),
  /** The write-back setting moved the sub-issue to In Progress. */
  movedToInProgress: z.boolean(),
  /** Session Registry row written: its name, and the branch by the agent's convention ('' = left for its PR). */
  registryName: z.string(),
  branch: z.string(),
});
export type DelegationResult = z.infer<typeof DelegationResult>;
