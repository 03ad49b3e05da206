import { z } from 'zod';
import { Settings, SettingsPatch } from '../domain/settings';
import type { StateSnapshot } from '../state/appState';
import { defineRequest } from './requestSpec';

export const appRequests = {
  'app.snapshot': defineRequest({
    summary: 'The whole current state; the client applies patches on top of it.',
    request: z.object({}).strict(),
    result: z.custom<StateSnapshot>(),
  }),
  'settings.update': defineRequest({
    summary: 'Change settings; they are saved at once and survive restarts.',
    request: SettingsPatch.strict(),
    result: Settings,
  }),
  'workspace.openDemo': defineRequest({
    summary: 'Generate a fresh demo workspace in a temp folder and switch to it.',
    request: z.object({}).strict(),
    result: z.object({ root: z.string(), claudeHome: z.string() }),
  }),
  'workspace.rescan': defineRequest({
    summary: 'Look for worktrees, sessions and plans again now.',
    request: z.object({}).strict(),
    result: z.object({ sessions: z.number() }),
  }),
  'shell.open': defineRequest({
    summary: 'Open a folder in the file manager, the editor or a terminal (desktop only).',
    request: z.object({ path: z.string().min(1), with: z.enum(['files', 'editor', 'terminal']) }).strict(),
    result: z.object({ opened: z.boolean() }),
  }),
  'shell.openExternal': defineRequest({
    summary: 'Open an allow-listed https link (Linear) in the browser.',
    request: z.object({ url: z.string().url() }).strict(),
    result: z.object({ opened: z.boolean() }),
  }),
};
