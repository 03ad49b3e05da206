import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LiveClaudeSession } from '../../../../shared/domain/claude';
import { parseLiveSessionFile, type LiveSessionRecord } from './liveSessionFile';
import { checkLiveness, systemProcessProbe, type ProcessProbe } from './processLiveness';

export interface ReadLiveSessionsOptions {
  /** Defaults to the real system (/proc on Linux, process.kill elsewhere). */
  probe?: ProcessProbe;
}

/** Registry files are tiny; anything bigger is not one and is not read whole. */
const MAX_REGISTRY_FILE_BYTES = 1024 * 1024;

async function readRecord(dir: string, name: string): Promise<LiveSessionRecord | null> {
  const file = join(dir, name);
  let text: string;
  try {
    const buffer = await readFile(file);
    text = buffer.length > MAX_REGISTRY_FILE_BYTES ? '' : buffer.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null; // the session ended between readdir and read
    const record = parseLiveSessionFile(file, name, '{}');
    return record && { ...record, warning: `unreadable: ${code ?? String(error)}` };
  }
  return parseLiveSessionFile(file, name, text);
}

/**
 * Every registry file in `<claudeHome>/sessions` (`<pid>.json`, legacy `pid-<n>.json`), each with
 * `alive` checked against the running processes. Never throws for a bad file: it becomes an entry
 * with a `warning`. A missing folder gives [].
 */
export async function readLiveSessions(
  claudeHome: string,
  options: ReadLiveSessionsOptions = {},
): Promise<LiveClaudeSession[]> {
  const probe = options.probe ?? systemProcessProbe();
  const dir = join(claudeHome, 'sessions');
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const records = await Promise.all(names.map((name) => readRecord(dir, name)));
  const sessions = await Promise.all(
    records
      .filter((r): r is LiveSessionRecord => r !== null)
      .map(async (record): Promise<LiveClaudeSession> => {
        const { procStart, pidDomain, ...session } = record;
        const liveness = await checkLiveness(record.pid, procStart, pidDomain, probe);
        const warning = [session.warning, liveness.warning].filter((w) => w !== null).join('; ') || null;
        return { ...session, alive: liveness.alive, warning };
      }),
  );
  return sessions.sort((a, b) => a.pid - b.pid);
}
