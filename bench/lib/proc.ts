import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface CpuTimes {
  /** utime + stime of the process itself, in seconds. */
  self: number;
  /** cutime + cstime: children it has waited for (git processes), in seconds. */
  children: number;
}

/** CPU seconds used so far by `pid` (and its reaped children) from /proc/<pid>/stat. */
export function cpuTimes(pid: number): CpuTimes {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces or parentheses: fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const n = (i: number): number => Number(fields[i - 3] ?? 0);
  return { self: (n(14) + n(15)) / TICKS_PER_SECOND, children: (n(16) + n(17)) / TICKS_PER_SECOND };
}

/** Resident set size of `pid` in MB (VmRSS) and its peak (VmHWM). */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

export interface InotifyWatch {
  wd: number;
  ino: number;
  dev: number;
}

/** Every inotify watch held by `pid` (lines `inotify wd:… ino:… sdev:…` of /proc/<pid>/fdinfo/*). */
export function inotifyWatches(pid: number): InotifyWatch[] {
  const out: InotifyWatch[] = [];
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fdinfo`);
  } catch {
    return out;
  }
  for (const fd of fds) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (!line.startsWith('inotify wd:')) continue;
      const m = /wd:(\w+)\s+ino:(\w+)\s+sdev:(\w+)/.exec(line);
      if (m) out.push({ wd: parseInt(m[1] ?? '0', 16), ino: parseInt(m[2] ?? '0', 16), dev: parseInt(m[3] ?? '0', 16) });
    }
  }
  return out;
}

/** Open file descriptors of `pid`. */
export function openFds(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return 0;
  }
}

export function readSysctl(path: string): number | null {
  try {
    return Number(readFileSync(path, 'utf8').trim());
  } catch {
    return null;
  }
}
