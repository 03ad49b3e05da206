import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The one way Switchyard writes a whole file: a temp file in the same folder (so the final rename is
 * atomic on one file system), flushed, renamed over the target, then the folder flushed so the
 * rename itself survives a power cut. A reader or a crash sees the old bytes or the new, never half;
 * on any failure the original stays as it was and the temp file is removed.
 */

export interface AtomicWriteOptions {
  /** Permission bits of the result, exactly (the umask does not apply). Default: the old file's, else 0644. */
  mode?: number;
  /** Create the parent folder when missing (with `dirMode`, default 0755 minus umask). */
  createDir?: boolean;
  dirMode?: number;
  /** fsync the folder after the rename (default true). Off only for throwaway files (a heartbeat). */
  syncDir?: boolean;
}

/** A temp file name next to `target`, unique across processes and calls. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Writes `data` to a new temp file next to `target` with exactly `mode`, flushed to disk. Returns its path. */
export async function writeTempFile(target: string, data: string | Uint8Array, mode: number): Promise<string> {
  const temp = tempPathFor(target);
  const handle = await open(temp, 'wx', mode & 0o7777);
  try {
    await handle.writeFile(data);
    await handle.sync();
    // open()'s mode passes through the umask; set it exactly.
    await handle.chmod(mode & 0o7777);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await discardTempFile(temp);
    throw error;
  }
  await handle.close();
  return temp;
}

export async function discardTempFile(temp: string): Promise<void> {
  await rm(temp, { force: true }).catch(() => undefined);
}

/** Flushes a folder's entries (a rename is durable only once its folder is). No-op where folders cannot be opened (Windows). */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the rename is still atomic.
  } finally {
    await handle.close();
  }
}

async function modeFor(path: string, options: AtomicWriteOptions): Promise<number> {
  if (options.mode !== undefined) return options.mode & 0o7777;
  try {
    return (await stat(path)).mode & 0o7777;
  } catch {
    return 0o644;
  }
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  if (options.createDir) await mkdir(dirname(path), { recursive: true, ...(options.dirMode !== undefined ? { mode: options.dirMode } : {}) });
  const mode = await modeFor(path, options);
  const temp = await writeTempFile(path, data, mode);
  try {
    await rename(temp, path);
  } catch (error) {
    await discardTempFile(temp);
    throw error;
  }
  if (options.syncDir !== false) await syncDirectory(dirname(path));
}
