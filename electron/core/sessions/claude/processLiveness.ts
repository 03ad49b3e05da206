import { readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Ways to look at processes; tests replace them with fakes. */
export interface ProcessProbe {
  /** Does a process with this pid exist (in our pid namespace)? */
  pidExists(pid: number): boolean;
  /** Linux: field 22 (starttime, clock ticks since boot) of /proc/<pid>/stat; null when not available. */
  startTicks(pid: number): Promise<string | null>;
  /** Linux: our own pid namespace, e.g. `pid:[4026531836]`; null when not available. */
  pidNamespace(): Promise<string | null>;
}

/** process.kill(pid, 0) sends nothing; EPERM means the process exists but belongs to someone else. */
export function pidExists(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of a /proc/<pid>/stat line. The command name (field 2) may hold spaces and ')', so split after the LAST ')'. */
export function startTicksFromStat(stat: string): string | null {
  const close = stat.lastIndexOf(')');
  if (close === -1) return null;
  const fields = stat.slice(close + 1).trim().split(/\s+/);
  // fields[0] is field 3 (state), so field 22 is fields[19].
  const ticks = fields[19];
  return ticks !== undefined && /^\d+$/.test(ticks) ? ticks : null;
}

export function systemProcessProbe(procRoot = '/proc', platform: NodeJS.Platform = process.platform): ProcessProbe {
  const linux = platform === 'linux';
  return {
    pidExists,
    async startTicks(pid) {
      if (!linux) return null;
      try {
        return startTicksFromStat(await readFile(join(procRoot, String(pid), 'stat'), 'utf8'));
      } catch {
        return null;
      }
    },
    async pidNamespace() {
      if (!linux) return null;
      try {
        return await readlink(join(procRoot, 'self', 'ns', 'pid'));
      } catch {
        return null;
      }
    },
  };
}

export interface Liveness {
  alive: boolean;
  /** Why a process that exists is still not believed to be the writer; null otherwise. */
  warning: string | null;
}

/**
 * Is the process that wrote a registry file still running? The pid must exist; where Linux lets us
 * check, its start time must equal `procStart` (else the pid was reused) and the file's `pidDomain`
 * must be our pid namespace (else the pid is another container's number).
 * Formats other than Linux clock ticks (macOS writes a date) are not compared.
 */
export async function checkLiveness(
  pid: number,
  procStart: string | null,
  pidDomain: string | null,
  probe: ProcessProbe,
): Promise<Liveness> {
  if (pidDomain !== null && pidDomain.startsWith('linux::')) {
    const ours = await probe.pidNamespace();
    if (ours !== null && pidDomain !== `linux::${ours}`) {
      return { alive: false, warning: `written in another pid namespace (${pidDomain})` };
    }
  }
  if (!probe.pidExists(pid)) return { alive: false, warning: null };
  if (procStart !== null && /^\d+$/.test(procStart)) {
    const ticks = await probe.startTicks(pid);
    // A reused pid is just a stale file, not a problem worth a warning.
    if (ticks !== null && ticks !== procStart) return { alive: false, warning: null };
  }
  return { alive: true, warning: null };
}
