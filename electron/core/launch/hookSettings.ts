export const HOOK_EVENTS = ['SessionStart', 'Notification', 'Stop', 'StopFailure'] as const;

/**
 * The per-session settings file passed with `--settings`: only hooks that POST each event's JSON to
 * Switchyard's guarded local endpoint (`type: "http"`, Claude Code's HTTP hook). Claude Code merges it
 * over the user's own settings; their ~/.claude/settings.json is never edited. Pure.
 */
export function hookSettings(url: string): { hooks: Record<string, { hooks: { type: 'http'; url: string; timeout: number }[] }[]> } {
  const hooks: Record<string, { hooks: { type: 'http'; url: string; timeout: number }[] }[]> = {};
  for (const event of HOOK_EVENTS) hooks[event] = [{ hooks: [{ type: 'http', url, timeout: 5 }] }];
  return { hooks };
}
