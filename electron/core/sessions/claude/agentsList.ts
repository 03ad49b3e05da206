import type { LiveSessionStatus } from '../../../../shared/domain/claude';

/** One live session as `claude agents --json` lists it (the CLI's own view, a bonus to the files). */
export interface ListedAgent {
  pid: number;
  sessionId: string | null;
  cwd: string | null;
  name: string | null;
  status: LiveSessionStatus;
  /** The CLI's coarser `state` (working / blocked / done), kept for the reason text. */
  state: string | null;
}

export interface AgentsListParse {
  agents: ListedAgent[];
  /** Entries that were skipped, and why (unknown shapes are counted, never fatal). */
  skipped: number;
  error: string | null;
}

const STATUSES: ReadonlySet<string> = new Set(['idle', 'busy', 'waiting', 'shell']);

function text(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

/**
 * Reads the output of `claude agents --json`: an array of sessions (or an object holding one under
 * `agents` / `sessions`), each with pid, sessionId, cwd, name, status (busy | waiting | idle) and
 * state (working | blocked | done). Tolerant: unknown fields are ignored, entries without a pid are
 * skipped and counted, output that is not JSON is an error, not a throw.
 */
export function parseAgentsList(stdout: string): AgentsListParse {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    return { agents: [], skipped: 0, error: 'claude agents --json printed something that is not JSON' };
  }
  const list = Array.isArray(data)
    ? data
    : typeof data === 'object' && data !== null
      ? ((data as Record<string, unknown>).agents ?? (data as Record<string, unknown>).sessions)
      : null;
  if (!Array.isArray(list)) return { agents: [], skipped: 0, error: 'claude agents --json printed no list of sessions' };
  const agents: ListedAgent[] = [];
  let skipped = 0;
  for (const item of list) {
    const r = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : null;
    const pid = r && typeof r.pid === 'number' && Number.isInteger(r.pid) && r.pid > 0 ? r.pid : null;
    if (!r || pid === null) {
      skipped++;
      continue;
    }
    const status = text(r.status)?.toLowerCase() ?? '';
    agents.push({
      pid,
      sessionId: text(r.sessionId) ?? text(r.session_id),
      cwd: text(r.cwd),
      name: text(r.name),
      status: STATUSES.has(status) ? (status as LiveSessionStatus) : 'unknown',
      state: text(r.state),
    });
  }
  return { agents, skipped, error: null };
}
