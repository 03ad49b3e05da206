import { z } from 'zod';
import { defineRequest } from './requestSpec';

export const TranscriptRole = z.enum(['user', 'assistant', 'tool', 'system']);
export type TranscriptRole = z.infer<typeof TranscriptRole>;

/** What the detail panel shows beyond the session record: read on demand, never pushed. */
export const SessionDetails = z.object({
  /** Newest first, at most ~15. */
  commits: z.array(z.object({ sha: z.string(), subject: z.string(), author: z.string(), at: z.string() })),
  /** Uncommitted paths relative to the worktree (staged, unstaged, untracked). */
  uncommitted: z.array(z.string()),
  /** Paths the branch changed since its merge-base with the base branch. */
  changedVsBase: z.array(z.string()),
  lastAssistantText: z.string().nullable(),
  /** The last ~20 meaningful transcript entries, oldest first, text trimmed. */
  transcriptTail: z.array(z.object({ at: z.string().nullable(), role: TranscriptRole, text: z.string() })),
  plan: z.object({ path: z.string(), title: z.string() }).nullable(),
  resumeCommand: z.string().nullable(),
  /** Facts that could not be read (git error, transcript unreadable), one line each. */
  problems: z.array(z.string()),
});
export type SessionDetails = z.infer<typeof SessionDetails>;

/** Requests of the sessions domain. */
export const sessionsRequests = {
  'sessions.details': defineRequest({
    summary: 'Commits, changed files, transcript tail and plan of one session, read now.',
    request: z.object({ id: z.string().min(1) }).strict(),
    result: SessionDetails,
  }),
} satisfies Record<string, ReturnType<typeof defineRequest>>;
