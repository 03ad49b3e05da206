import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ParsedPlan } from '../../../shared/domain/plan';
import { currentVersion, readFileVersion, sameVersion, swapFileIfUnchanged, versionOf, type FileVersion, type VersionedRead } from '../fs/swapFileIfUnchanged';
import { discardTempFile, syncDirectory, writeFileAtomic, writeTempFile } from '../fs/writeFileAtomic';
import { contentHash } from './contentHash';
import { parsePlan } from './parsePlan';

/** Reading and safely writing plan files (the user edits them by hand while the app runs). */

export interface PlanFileSnapshot {
  path: string;
  text: string;
  parsed: ParsedPlan;
  mtimeMs: number;
  /** sha256 of the file's bytes: pass it back as `expectedHash` when writing. */
  hash: string;
}

export async function readPlanFile(path: string): Promise<PlanFileSnapshot> {
  const [bytes, info] = await whileSwapping(() => Promise.all([readFile(path), stat(path)]));
  const text = bytes.toString('utf8');
  return { path, text, parsed: parsePlan(text, path), mtimeMs: info.mtimeMs, hash: contentHash(bytes) };
}

/** A plan edit: a pure function of the file's current text, so it can be re-applied to a newer text. */
export type PlanEdit = (text: string) => string;

export type SafeWriteStatus = 'written' | 'reapplied' | 'unchanged' | 'conflict';

export interface SafeWriteResult {
  /**
   * written: the file was as expected and now holds the edit;
   * reapplied: the file had changed (a user's edit), the edit was applied on top of the new text;
   * unchanged: the edit changes nothing (already applied, or no match), nothing written;
   * conflict: nothing written (file missing, not UTF-8, the edit failed, or it kept changing).
   */
  status: SafeWriteStatus;
  /** Hash of the file's content now (after the write, or as found). Empty when it could not be read. */
  hash: string;
  /** The file's text now. */
  text: string;
  mtimeMs: number | null;
  /** Why, for `conflict`. */
  reason: string | null;
  attempts: number;
  /**
   * For written / reapplied: the hash of the text the edit was applied to, when the result is that
   * edit and nothing else (null when bytes written meanwhile by someone else were folded in).
   */
  editedFrom?: string | null;
}

export interface SafeWriteOptions {
  /** Read–edit–write rounds before giving up on a file that keeps changing (default 8). */
  maxAttempts?: number;
  /**
   * How long to wait before trusting that nobody is still writing the file version just replaced
   * (an editor's append already opened on it lands there late; default 20 ms).
   */
  settleMs?: number;
  /** Test seam: runs after the temp file is written, before the final check and swap. */
  beforeCommit?: () => Promise<void> | void;
  /** Test seam: runs (synchronously) in the instant the old file is aside and the name is free. */
  whileAside?: () => void;
  /** Test seam: runs right after the new file is in place, before the old version is checked for late writes. */
  afterSwap?: () => Promise<void> | void;
}

/** Hand-made bytes that were displaced during a write and must still end up in the file. */
interface Carry {
  prefix: string;
  suffix: string;
}

const NO_CARRY: Carry = { prefix: '', suffix: '' };
const REPAIR_BUDGET = 100;

/**
 * Applies `edit` to the plan file and replaces it with a compare-and-swap on the file's identity
 * (dev, inode, size, mtime, ctime) and content hash: the new text is computed from one exact version,
 * and it replaces that version or nothing (`swapFileIfUnchanged`). When the file changed (a person's
 * edit), the edit is recomputed on the new text, up to `maxAttempts` rounds. Bytes a person wrote
 * while the swap happened (an append into the old version, a file created in the instant it was
 * aside) are folded into the next round, or kept in a `.unsaved-edit-*.txt` file beside the plan if
 * the rounds run out, never dropped. The file mode is kept; a symlink is written through.
 */
export async function writePlanFileSafely(
  path: string,
  expectedHash: string,
  edit: PlanEdit,
  options: SafeWriteOptions = {},
): Promise<SafeWriteResult> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 8);
  const settleMs = options.settleMs ?? 20;
  let target: string;
  try {
    target = await realpath(path); // write through a symlink, never replace it
  } catch (error) {
    return conflict('', '', `cannot open ${path}: ${messageOf(error)}`, 0);
  }
  let lastHash = '';
  let lastText = '';
  let carry = NO_CARRY;
  let editLanded = false;
  let editedFrom: string | null = null;
  let reapplied = false;
  const giveUp = async (reason: string, attempts: number): Promise<SafeWriteResult> => {
    const kept = await keepCarry(target, carry);
    return conflict(lastHash, lastText, kept ? `${reason}; text typed meanwhile was kept in ${kept}` : reason, attempts);
  };
  // Edit rounds count against `maxAttempts`. Repair rounds (folding displaced hand-made bytes back
  // in, no edit, no parse) are quick and have their own, larger budget: a plan must not be left as
  // a fragment because the edit kept losing the race.
  let attempt = 1;
  for (let repairs = 0; attempt <= maxAttempts && repairs <= REPAIR_BUDGET; ) {
    const repairing = carry.prefix !== '' || carry.suffix !== '';
    if (repairing) repairs++;
    let read: VersionedRead;
    try {
      read = await readSettled(target);
    } catch (error) {
      return giveUp(`cannot read ${path}: ${messageOf(error)}`, attempt);
    }
    let handedOff = false;
    try {
      const { bytes, version } = read;
      const hash = contentHash(bytes);
      const text = bytes.toString('utf8');
      lastHash = hash;
      lastText = text;
      if (!Buffer.from(text, 'utf8').equals(bytes)) {
        return await giveUp('the file is not valid UTF-8; writing it would change bytes the app did not mean to touch', attempt);
      }
      if (!repairing && editLanded) return { ...landed(reapplied, hash, text, version, attempt), editedFrom };
      let next: string;
      try {
        next = repairing ? carry.prefix + text + carry.suffix : edit(text);
      } catch (error) {
        return await giveUp(`the edit failed: ${messageOf(error)}`, attempt);
      }
      if (next === text) return { status: 'unchanged', hash, text, mtimeMs: msOf(version), reason: null, attempts: attempt };
      if (!repairing && (hash !== expectedHash || attempt > 1)) reapplied = true;
      const temp = await writeTempFile(target, next, version.mode);
      try {
        await options.beforeCommit?.();
        // Cheap early check by path (content hash and identity) before taking the file aside.
        const now = await currentVersion(target);
        const outcome =
          !now || !sameVersion(now, version) || (await readFile(target).then(contentHash, () => null)) !== hash
            ? ({ kind: 'changed' } as const)
            : swapFileIfUnchanged(target, temp, version, options.whileAside ? { whileAside: options.whileAside } : {});
        if (outcome.kind === 'changed' || outcome.kind === 'vanished') {
          if (!repairing) attempt++;
          continue;
        }
        if (outcome.kind === 'created-meanwhile') {
          // Someone wrote a new file while ours was aside: an editor's save (a whole plan) stays as
          // the new base; a bare append to the briefly missing name is a fragment that belongs after the old text.
          await sleep(settleMs);
          const newcomer = await whileSwapping(() => readFile(target, 'utf8')).catch(() => '');
          const displaced = outcome.displaced.toString('utf8');
          if (!isWholeVersionOf(newcomer, displaced)) carry = { prefix: carry.prefix + displaced + carry.suffix, suffix: '' };
          else if (!repairing) attempt++;
          continue;
        }
        if (repairing) {
          carry = NO_CARRY;
          editedFrom = null;
        } else {
          editLanded = true;
          editedFrom = hash;
        }
        await options.afterSwap?.();
        const late = await lateWrite(read, settleMs);
        if (late !== null) {
          // An append already opened on the old version landed there after the swap: carry it over.
          if (late.startsWith(text)) carry = { prefix: '', suffix: late.slice(text.length) };
          else {
            const kept = await keepCarry(target, { prefix: late, suffix: '' });
            return conflict(lastHash, lastText, `a change made during the write could not be merged; it was kept in ${kept ?? 'nothing (could not write it)'}`, attempt);
          }
          continue;
        }
        if (editLanded) {
          await syncDirectory(dirname(target));
          // A writer descheduled for longer than settleMs can still land in the old version: keep watching it.
          watchDisplaced(target, read, text);
          handedOff = true;
          return { ...landed(reapplied, contentHash(next), next, await currentVersion(target), attempt), editedFrom };
        }
      } catch (error) {
        return await giveUp(`cannot write ${path}: ${messageOf(error)}`, attempt);
      } finally {
        await discardTempFile(temp);
      }
    } finally {
      if (!handedOff) await read.handle.close();
    }
  }
  return giveUp(`the file kept changing (${Math.min(attempt, maxAttempts)} attempts)`, Math.min(attempt, maxAttempts));
}

/**
 * Runs a read, retrying while the file is missing for a moment: another writer's swap (this app's
 * other service, a second window) leaves the name free for microseconds. A file really gone stays gone.
 */
async function whileSwapping<T>(read: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await read();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || i >= 50) throw error;
      await sleep(1);
    }
  }
}

function landed(reapplied: boolean, hash: string, text: string, version: FileVersion | null, attempts: number): SafeWriteResult {
  return { status: reapplied ? 'reapplied' : 'written', hash, text, mtimeMs: version ? msOf(version) : null, reason: null, attempts };
}

/** A whole version of the plan (an editor's save) rather than a fragment: it keeps the first line. */
function isWholeVersionOf(newcomer: string, previous: string): boolean {
  const firstLine = previous.split('\n', 1)[0] ?? '';
  return newcomer.length > 0 && (firstLine === '' || newcomer.startsWith(firstLine));
}

/**
 * Reads the plan, not trusting an empty read at once: an editor saving in place truncates the file
 * and writes it a moment later, and an edit computed on that empty moment would replace the plan.
 */
async function readSettled(target: string): Promise<VersionedRead> {
  let read = await whileSwapping(() => readFileVersion(target));
  for (let waited = 0; read.bytes.length === 0 && waited < 500; waited += 10) {
    await read.handle.close();
    await sleep(10);
    read = await whileSwapping(() => readFileVersion(target));
  }
  return read;
}

const LATE_WRITE_CHECKS_MS = [100, 400, 1500];
const watching = new Set<Promise<void>>();

/** Resolves when every background check for late writes into replaced versions has finished (tests, shutdown). */
export async function lateWritesChecked(): Promise<void> {
  while (watching.size > 0) await Promise.all([...watching]);
}

/**
 * After a write: keeps the replaced version open for a little while, and if an append that was
 * already under way lands in it anyway, appends those bytes to the plan (or keeps them beside it).
 */
function watchDisplaced(target: string, read: VersionedRead, text: string): void {
  const run = (async () => {
    try {
      for (const delay of LATE_WRITE_CHECKS_MS) {
        const late = await lateWrite(read, delay, true);
        if (late === null) continue;
        if (late.startsWith(text)) {
          const tail = late.slice(text.length);
          await writePlanFileSafely(target, '', (current) => current + tail);
        } else {
          await keepCarry(target, { prefix: late, suffix: '' });
        }
        return;
      }
    } finally {
      await read.handle.close().catch(() => undefined);
    }
  })().catch(() => undefined);
  watching.add(run);
  void run.finally(() => watching.delete(run));
}

/** The displaced version's text if someone wrote into it after it was read, else null. */
async function lateWrite(read: VersionedRead, settleMs: number, background = false): Promise<string | null> {
  await sleep(settleMs, background);
  const now = versionOf(await read.handle.stat({ bigint: true }));
  const { buffer, bytesRead } = await read.handle.read({ buffer: Buffer.alloc(Number(now.size)), position: 0 });
  const bytes = buffer.subarray(0, bytesRead);
  return bytes.equals(read.bytes) ? null : bytes.toString('utf8');
}

/** Writes displaced hand-made text beside the plan when it cannot be folded in; returns its path. */
async function keepCarry(target: string, carry: Carry): Promise<string | null> {
  const text = carry.prefix + carry.suffix;
  if (text === '') return null;
  const kept = join(dirname(target), `${basename(target)}.unsaved-edit-${new Date().toISOString().replace(/[:.]/g, '-')}.txt`);
  try {
    await writeFileAtomic(kept, text);
    return kept;
  } catch {
    return null;
  }
}

function msOf(version: FileVersion): number {
  return Number(version.mtimeNs / 1_000_000n);
}

/** `background`: the timer does not keep the process alive (a check after a write must not delay quitting). */
function sleep(ms: number, background = false): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (background) timer.unref();
  });
}

function conflict(hash: string, text: string, reason: string, attempts: number): SafeWriteResult {
  return { status: 'conflict', hash, text, mtimeMs: null, reason, attempts };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
