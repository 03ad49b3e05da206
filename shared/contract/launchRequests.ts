import { z } from 'zod';
import { ClaudeAvailability, DelegationResult, LaunchRecord } from '../domain/launch';
import { defineRequest } from './requestSpec';

const Refusal = z.object({ session: z.string(), reason: z.string() });

/** Requests of the launch domain: start approved dispatch rows, and their terminals. */
export const launchRequests = {
  'launch.check': defineRequest({
    summary: 'Is the claude CLI on PATH (and where)? Checked before anything is created.',
    request: z.object({}).strict(),
    result: ClaudeAvailability,
  }),
  'launch.start': defineRequest({
    summary: 'Launch one approved dispatch row: worktree on its branch, .worktreeinclude files, claude in a PTY, registry row.',
    request: z.object({ planPath: z.string().min(1), session: z.string().min(1).max(40) }).strict(),
    result: LaunchRecord,
  }),
  'launch.batch': defineRequest({
    summary: 'Launch every row of an approved batch in turn, stopping at the first refusal (with its reason).',
    request: z.object({ planPath: z.string().min(1), batch: z.number().int().positive() }).strict(),
    result: z.object({ launched: z.array(LaunchRecord), refused: Refusal.nullable() }),
  }),
  'launch.delegate': defineRequest({
    summary: "Hand an approved external-agent row to its agent on the row's Linear sub-issue: delegate to the app user, else one @mention comment; registry row Delegated.",
    request: z.object({ planPath: z.string().min(1), session: z.string().min(1).max(40) }).strict(),
    result: DelegationResult,
  }),
  'terminal.attach': defineRequest({
    summary: "A launched session's terminal: its scrollback so far (live output follows as terminal.data events).",
    request: z.object({ id: z.string().min(1) }).strict(),
    result: z.object({ scrollback: z.string(), end: z.number().int(), cols: z.number().int(), rows: z.number().int(), running: z.boolean() }),
  }),
  'terminal.input': defineRequest({
    summary: "Keystrokes for a launched session's terminal.",
    request: z.object({ id: z.string().min(1), data: z.string().max(65_536) }).strict(),
    result: z.object({ ok: z.literal(true) }),
  }),
  'terminal.resize': defineRequest({
    summary: "Resize a launched session's terminal.",
    request: z.object({ id: z.string().min(1), cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) }).strict(),
    result: z.object({ ok: z.literal(true) }),
  }),
} satisfies Record<string, ReturnType<typeof defineRequest>>;
