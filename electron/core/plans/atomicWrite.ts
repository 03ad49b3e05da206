import { randomBytes } from 'node:crypto';
import { chmod, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A temp file next to `target` (same folder, so the final rename is atomic on the same file system). */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes `content` to a new temp file with `mode`, flushed to disk. Returns its path. */
export async function writeTempFile(target: string, content: string, mode: number): Promise<string> {
  const tempPath = tempPathFor(target);
  const handle = await open(tempPath, 'wx', mode & 0o7777);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  // open()'s mode passes through the umask; set it exactly.
  await chmod(tempPath, mode & 0o7777);
  return tempPath;
}

export async function commitTempFile(tempPath: string, target: string): Promise<void> {
  await rename(tempPath, target);
}

export async function discardTempFile(tempPath: string): Promise<void> {
  await unlink(tempPath).catch(() => undefined);
}
