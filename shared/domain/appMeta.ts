import { z } from 'zod';

export const AppMode = z.enum(['electron', 'serve']);
export type AppMode = z.infer<typeof AppMode>;

/** Facts about this running instance that every view may show (title bar, status bar). */
export const AppMeta = z.object({
  version: z.string(),
  mode: AppMode,
  demo: z.boolean(),
  claudeHome: z.string(),
  dataDir: z.string(),
  startedAt: z.string(),
  /** Where the roots came from, so Settings can say "from --claude-home" / "from CLAUDE_CONFIG_DIR". */
  claudeHomeSource: z.enum(['flag', 'env', 'default', 'demo']),
  /** True once the first full scan finished; until then views say "scanning". */
  ready: z.boolean(),
  scanProgress: z.object({ done: z.number(), total: z.number(), label: z.string() }).nullable(),
});
export type AppMeta = z.infer<typeof AppMeta>;

export const AppWarning = z.object({
  id: z.string(),
  severity: z.enum(['info', 'warning', 'error']),
  source: z.string(),
  message: z.string(),
  at: z.string(),
  /** The entity it belongs to (a session, plan, repo) so the row can show it too. */
  subject: z.string().nullable(),
});
export type AppWarning = z.infer<typeof AppWarning>;

export const Toast = z.object({
  id: z.string(),
  level: z.enum(['info', 'success', 'warning', 'error']),
  title: z.string(),
  body: z.string().optional(),
  at: z.string(),
  subject: z.string().nullable().optional(),
});
export type Toast = z.infer<typeof Toast>;
