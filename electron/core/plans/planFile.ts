import { readFile, realpath, stat } from 'node:fs/promises';
import type { ParsedPlan } from '../../../shared/domain/plan';
import { commitTempFile, discardTempFile, writeTempFile } from './atomicWrite';
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
  const [bytes, info] = await Promise.all([readFile(path), stat(path)]);
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
}

export interface SafeWriteOptions {
  /** Read–edit–write rounds before giving up on a file that keeps changing (default 5). */
  maxAttempts?: number;
  /** Test seam: runs after the temp file is written, before the final check and rename. */
  beforeCommit?: () => Promise<void> | void;
}

/**
 * Applies `edit` to the plan file and replaces it atomically (temp file in the same folder + rename,
 * file mode kept). When the file's hash is not `expectedHash` (edited since the caller read it), the
 * edit is re-applied to the fresh text instead of overwriting it; the file is re-checked right before
 * the rename, and the round repeats if it moved meanwhile. A user's concurrent edit is never lost.
 */
export async function writePlanFileSafely(
  path: string,
  expectedHash: string,
  edit: PlanEdit,
  options: SafeWriteOptions = {},
): Promise<SafeWriteResult> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  let target: string;
  try {
    target = await realpath(path); // write through a symlink, never replace it
  } catch (error) {
    return conflict('', '', `cannot open ${path}: ${messageOf(error)}`, 0);
  }
  let lastHash = '';
  let lastText = '';
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let bytes: Buffer;
    let mode: number;
    try {
      [bytes, mode] = await Promise.all([readFile(target), stat(target).then((s) => s.mode)]);
    } catch (error) {
      return conflict(lastHash, lastText, `cannot read ${path}: ${messageOf(error)}`, attempt);
    }
    const hash = contentHash(bytes);
    const text = bytes.toString('utf8');
    lastHash = hash;
    lastText = text;
    if (!Buffer.from(text, 'utf8').equals(bytes)) {
      return conflict(hash, text, 'the file is not valid UTF-8; writing it would change bytes the app did not mean to touch', attempt);
    }
    let next: string;
    try {
      next = edit(text);
    } catch (error) {
      return conflict(hash, text, `the edit failed: ${messageOf(error)}`, attempt);
    }
    if (next === text) {
      return { status: 'unchanged', hash, text, mtimeMs: await mtimeOf(target), reason: null, attempts: attempt };
    }
    const tempPath = await writeTempFile(target, next, mode);
    try {
      await options.beforeCommit?.();
      const current = await readFile(target);
      if (contentHash(current) !== hash) {
        await discardTempFile(tempPath);
        continue; // moved under us: read again and re-apply
      }
      await commitTempFile(tempPath, target);
    } catch (error) {
      await discardTempFile(tempPath);
      return conflict(hash, text, `cannot write ${path}: ${messageOf(error)}`, attempt);
    }
    const reapplied = hash !== expectedHash || attempt > 1;
    return {
      status: reapplied ? 'reapplied' : 'written',
      hash: contentHash(next),
      text: next,
      mtimeMs: await mtimeOf(target),
      reason: null,
      attempts: attempt,
    };
  }
  return conflict(lastHash, lastText, `the file kept changing (${maxAttempts} attempts)`, maxAttempts);
}

function conflict(hash: string, text: string, reason: string, attempts: number): SafeWriteResult {
  return { status: 'conflict', hash, text, mtimeMs: null, reason, attempts };
}

async function mtimeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return null;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
