import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { writeFileAtomic } from '../fs/writeFileAtomic';
import { gitCommonDir } from '../git/revParse';

/** Contents of a base-branch lock file. */
export interface LockInfo {
  pid: number;
  host: string;
  token: string;
  startedAt: number;
  heartbeatAt: number;
  purpose: string;
}

export interface BaseLockOptions {
  /** A lock whose heartbeat is older than this is stale (default 30 s). */
  staleMs?: number;
  /** How often the holder refreshes its heartbeat (default staleMs / 3). */
  heartbeatMs?: number;
  purpose?: string;
  /** Injected for tests. */
  now?: () => number;
}

export interface HeldLock {
  path: string;
  info: LockInfo;
  release(): Promise<void>;
}

export type AcquireResult = { ok: true; lock: HeldLock } | { ok: false; holder: LockInfo | null; message: string };

export function lockPathFor(commonDir: string, base: string): string {
  return join(commonDir, 'switchyard', 'locks', `${encodeURIComponent(base)}.lock`);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Pure except for the pid probe: a lock is stale when its heartbeat is old, or its process (on this host) is gone. */
export function isStale(info: LockInfo, now: number, staleMs: number, alive: (pid: number) => boolean = pidAlive): boolean {
  if (now - info.heartbeatAt > staleMs) return true;
  return info.host === hostname() && !alive(info.pid);
}

async function readInfo(path: string): Promise<LockInfo | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockInfo>;
    if (typeof parsed.pid !== 'number' || typeof parsed.token !== 'string' || typeof parsed.heartbeatAt !== 'number') return null;
    return parsed as LockInfo;
  } catch {
    return null;
  }
}

async function createExclusive(path: string, info: LockInfo): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(JSON.stringify(info));
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Breaks a stale lock by moving it aside; if a fresh lock slipped in meanwhile, puts that one back. */
async function breakStale(path: string, judged: LockInfo): Promise<void> {
  const aside = `${path}.stale-${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch {
    return;
  }
  const moved = await readInfo(aside);
  if (moved && moved.token !== judged.token) {
    await link(aside, path).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

/**
 * One merge per base branch at a time, across windows and processes: an O_EXCL lock file under the
 * repo's common git dir with pid, host, start time and a heartbeat. Stale locks are broken.
 */
export async function acquireBaseLock(repoDir: string, base: string, options: BaseLockOptions = {}): Promise<AcquireResult> {
  const now = options.now ?? Date.now;
  const staleMs = options.staleMs ?? 30_000;
  const path = lockPathFor(await gitCommonDir(repoDir), base);
  await mkdir(dirname(path), { recursive: true });
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(8).toString('hex'),
    startedAt: now(),
    heartbeatAt: now(),
    purpose: options.purpose ?? 'merge',
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createExclusive(path, info)) return { ok: true, lock: holdLock(path, info, options) };
    const holder = await readInfo(path);
    if (holder && !isStale(holder, now(), staleMs)) {
      return { ok: false, holder, message: `another merge into '${base}' is running (pid ${holder.pid} on ${holder.host}, ${holder.purpose})` };
    }
    if (holder) await breakStale(path, holder);
    else {
      // Unreadable: half-written by a crashed process or still being written. Treat as stale only if old.
      await new Promise((r) => setTimeout(r, 50));
      const again = await readInfo(path);
      if (!again) await breakStale(path, { ...info, token: '' });
    }
  }
  return { ok: false, holder: await readInfo(path), message: `could not take the merge lock for '${base}'` };
}

function holdLock(path: string, info: LockInfo, options: BaseLockOptions): HeldLock {
  const now = options.now ?? Date.now;
  const every = options.heartbeatMs ?? Math.max(1000, Math.floor((options.staleMs ?? 30_000) / 3));
  const timer = setInterval(() => {
    void (async () => {
      const current = await readInfo(path);
      if (!current || current.token !== info.token) return;
      info.heartbeatAt = now();
      // A heartbeat is rewritten every few seconds and worthless after a crash: no folder flush.
      await writeFileAtomic(path, JSON.stringify(info), { syncDir: false });
    })().catch(() => undefined);
  }, every);
  timer.unref();
  let released = false;
  return {
    path,
    info,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      const current = await readInfo(path);
      if (current && current.token === info.token) await unlink(path).catch(() => undefined);
    },
  };
}

/** Runs `fn` holding the base lock; returns null (with the holder's description) when it is taken. */
export async function withBaseLock<T>(
  repoDir: string,
  base: string,
  fn: () => Promise<T>,
  options: BaseLockOptions = {},
): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  const got = await acquireBaseLock(repoDir, base, options);
  if (!got.ok) return { ok: false, message: got.message };
  try {
    return { ok: true, value: await fn() };
  } finally {
    await got.lock.release();
  }
}
