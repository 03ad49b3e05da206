import type { LinearConnectionState } from '../../../../shared/domain/linear';

export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

/** "HH:MM" in local time. */
export function clockTime(iso: string | null): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

/** The connection state in words a person can act on (pure). */
export function connectionWords(connection: LinearConnectionState, viewerName: string | null): { tone: Tone; text: string } {
  switch (connection.kind) {
    case 'not-configured':
      return { tone: 'idle', text: 'Not connected: no Linear API key yet. Everything else works from plan files alone.' };
    case 'ok':
      return viewerName ? { tone: 'ok', text: `Connected as ${viewerName}` } : { tone: 'idle', text: 'Connecting to Linear…' };
    case 'bad-key':
      return { tone: 'bad', text: 'Linear rejected the API key: paste a new one.' };
    case 'no-access':
      return { tone: 'bad', text: 'No access: the key cannot see this in Linear.' };
    case 'rate-limited':
      return { tone: 'warn', text: `Rate limited until ${clockTime(connection.until) || 'the limit resets'}; Switchyard waits, then polls again.` };
    case 'offline':
      return { tone: 'warn', text: 'Offline: cannot reach Linear. Showing the last known state.' };
    case 'linear-down':
      return { tone: 'warn', text: 'Linear is having trouble; Switchyard tries again shortly.' };
    default:
      return { tone: 'bad', text: connection.message };
  }
}
