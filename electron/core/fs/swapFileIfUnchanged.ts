import { linkSync, lstatSync, readFileSync, renameSync, unlinkSync, type BigIntStats } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';

/**
 * Compare-and-swap for a whole file, for files people edit by hand while the app writes them.
 *
 * POSIX has no "rename only if the target is still X", so the swap is built from two steps that each
 * see exactly one version: the current file is renamed aside (atomic: whatever is there at that
 * instant, nobody can replace it any more), its identity is compared with the version the new
 * content was computed from, and only then is the new file hard-linked into place (`link` fails
 * instead of overwriting when someone created the name in the microseconds it was absent). The
 * critical section runs in synchronous syscalls so that window stays microseconds long. Nothing that
 * was not read is ever replaced: a different file found aside is put back, and a file created
 * meanwhile is left in place with the displaced bytes handed back to the caller.
 */

/**
 * Identity of one version of a file: a replacement changes dev/ino, a write changes size or mtime.
 * ctime is kept for information but not compared: renaming the file aside changes it. mtime ticks
 * coarsely on Linux, so callers compare the content hash as well.
 */
export interface FileVersion {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
  mode: number;
}

export function versionOf(stats: BigIntStats): FileVersion {
  return { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeNs: stats.mtimeNs, ctimeNs: stats.ctimeNs, mode: Number(stats.mode & 0o7777n) };
}

export function sameVersion(a: FileVersion, b: FileVersion): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

export interface VersionedRead {
  version: FileVersion;
  bytes: Buffer;
  /** Open on the version read: after a swap it still reaches the displaced file (late appends land there). Close it. */
  handle: FileHandle;
}

/** Reads a file together with the identity of exactly the bytes read (re-reads while a writer is mid-way). */
export async function readFileVersion(path: string, maxTries = 5): Promise<VersionedRead> {
  const handle = await open(path, 'r');
  try {
    for (let i = 1; ; i++) {
      const before = versionOf(await handle.stat({ bigint: true }));
      const bytes = await handle.readFile();
      const after = versionOf(await handle.stat({ bigint: true }));
      if ((sameVersion(before, after) && BigInt(bytes.length) === after.size) || i >= maxTries) {
        return { version: after, bytes, handle };
      }
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** What is at the path now (by path, not by handle), or null when it is missing. */
export async function currentVersion(path: string): Promise<FileVersion | null> {
  try {
    return versionOf(await lstat(path, { bigint: true }));
  } catch {
    return null;
  }
}

export type SwapOutcome =
  /** The new file is in place and the displaced one was exactly `expected`. */
  | { kind: 'swapped' }
  /** The file was not `expected` (someone wrote it): it was put back untouched; nothing was written. */
  | { kind: 'changed' }
  /** The file is gone (deleted by someone): nothing was written. */
  | { kind: 'vanished' }
  /**
   * Someone created the file in the instant it was aside: their new file stays in place, the new
   * content was not written, and the displaced bytes (`expected` when `displacedWasExpected`) are
   * handed back so the caller can fold them in.
   */
  | { kind: 'created-meanwhile'; displaced: Buffer; displacedWasExpected: boolean };

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** link(2), or rename(2) on file systems without hard links (FAT, some network mounts), where the tiny window cannot be closed. */
function placeAt(from: string, target: string): 'placed' | 'exists' {
  try {
    linkSync(from, target);
    unlinkSync(from);
    return 'placed';
  } catch (error) {
    if (code(error) === 'EEXIST') return 'exists';
    if (code(error) !== 'EPERM' && code(error) !== 'ENOTSUP' && code(error) !== 'EOPNOTSUPP' && code(error) !== 'ENOSYS') throw error;
  }
  renameSync(from, target);
  return 'placed';
}

/**
 * Puts `temp` at `target` only if `target` is still exactly `expected`. `temp` must be in the same
 * folder. On any outcome but 'swapped' the caller still owns `temp` (discard it).
 */
export function swapFileIfUnchanged(target: string, temp: string, expected: FileVersion, testHooks: { whileAside?: () => void } = {}): SwapOutcome {
  const aside = `${temp}.prev`;
  try {
    renameSync(target, aside);
  } catch (error) {
    if (code(error) === 'ENOENT') return { kind: 'vanished' };
    throw error;
  }
  testHooks.whileAside?.();
  let found: FileVersion | null = null;
  try {
    found = versionOf(lstatSync(aside, { bigint: true }));
  } catch {
    found = null;
  }
  const matches = found !== null && sameVersion(found, expected);
  let placed: 'placed' | 'exists';
  try {
    placed = placeAt(matches ? temp : aside, target);
  } catch (error) {
    // Cannot place the new file: put the old one back before reporting.
    if (matches) placeAt(aside, target);
    throw error;
  }
  if (placed === 'exists') {
    const displaced = readFileSync(aside);
    unlinkSync(aside);
    return { kind: 'created-meanwhile', displaced, displacedWasExpected: matches };
  }
  if (!matches) return { kind: 'changed' };
  unlinkSync(aside);
  return { kind: 'swapped' };
}
