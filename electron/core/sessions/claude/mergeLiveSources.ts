import type { LiveSessionLike } from '../registry/claudeSource';
import type { ListedAgent } from './agentsList';

/**
 * The live sessions from Claude Code's registry files, completed by what `claude agents --json` says.
 * The files stay the truth: a listed session adds only what the files lack — a session with no file
 * (an older or SDK-driven writer), or a status where the file has none. Pure.
 */
export function mergeLiveSources(files: readonly LiveSessionLike[], listed: readonly ListedAgent[] | null): LiveSessionLike[] {
  if (!listed || listed.length === 0) return [...files];
  const byPid = new Map(listed.map((a) => [a.pid, a] as const));
  const out = files.map((f) => {
    const a = byPid.get(f.pid);
    if (!a || !f.alive) return f;
    return {
      ...f,
      sessionId: f.sessionId ?? a.sessionId,
      cwd: f.cwd ?? a.cwd,
      name: f.name ?? a.name,
      status: f.status === 'unknown' ? a.status : f.status,
    };
  });
  const known = new Set(files.map((f) => f.pid));
  for (const a of listed) {
    if (known.has(a.pid)) continue;
    out.push({ pid: a.pid, sessionId: a.sessionId, cwd: a.cwd, name: a.name, status: a.status, alive: true, warning: null });
  }
  return out.sort((x, y) => x.pid - y.pid);
}
