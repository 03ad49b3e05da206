import { link, lstat, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readPlanFile, writePlanFileSafely, type PlanFileSnapshot, type SafeWriteResult } from './planFile';
import { countFileNameReferences, replaceFileNameReferences } from './planReferences';
import { isValidDate, suggestStructuredFileName } from './planNaming';

/** Renaming a plan file to a structured name, and pointing the other plans of its folder at the new name. */

export type RenamePlanResult =
  | {
      status: 'renamed';
      oldPath: string;
      newPath: string;
      /** Plans of the same folder whose references were rewritten. */
      updatedFiles: string[];
      /** Plans that reference the old name but could not be rewritten (e.g. not UTF-8). */
      failedFiles: { path: string; reason: string }[];
    }
  | { status: 'refused'; oldPath: string; newPath: string; reason: 'target-exists' | 'same-name' | 'invalid-name' | 'source-missing' };

/**
 * Renames `path` to `newFileName` in the same folder, refusing when a file of that name exists
 * (checked atomically with a hard link where the file system allows), then rewrites references to
 * the old file name in the folder's other `*.md` files (byte-preserving, with concurrent-edit safety).
 */
export async function renamePlanFile(path: string, newFileName: string): Promise<RenamePlanResult> {
  const folder = dirname(path);
  const oldName = basename(path);
  const newPath = join(folder, newFileName);
  if (!/^[^/\\]+\.md$/i.test(newFileName) || newFileName.startsWith('.')) {
    return { status: 'refused', oldPath: path, newPath, reason: 'invalid-name' };
  }
  if (newFileName === oldName) return { status: 'refused', oldPath: path, newPath, reason: 'same-name' };
  if (!(await exists(path))) return { status: 'refused', oldPath: path, newPath, reason: 'source-missing' };
  if (await exists(newPath)) return { status: 'refused', oldPath: path, newPath, reason: 'target-exists' };
  try {
    await link(path, newPath); // fails with EEXIST if the name was taken meanwhile
    await unlink(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return { status: 'refused', oldPath: path, newPath, reason: 'target-exists' };
    // No hard links here (some network or FAT volumes): check-then-rename.
    if (await exists(newPath)) return { status: 'refused', oldPath: path, newPath, reason: 'target-exists' };
    await rename(path, newPath);
  }
  const updatedFiles: string[] = [];
  const failedFiles: { path: string; reason: string }[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (!entry.isFile() || !/\.md$/i.test(entry.name) || entry.name === newFileName) continue;
    const other = join(folder, entry.name);
    let snapshot: PlanFileSnapshot;
    try {
      snapshot = await readPlanFile(other);
    } catch {
      continue;
    }
    if (countFileNameReferences(snapshot.text, oldName) === 0) continue;
    const result: SafeWriteResult = await writePlanFileSafely(other, snapshot.hash, (text) =>
      replaceFileNameReferences(text, oldName, newFileName),
    );
    if (result.status === 'written' || result.status === 'reapplied') updatedFiles.push(other);
    else if (result.status === 'conflict') failedFiles.push({ path: other, reason: result.reason ?? 'conflict' });
  }
  return { status: 'renamed', oldPath: path, newPath, updatedFiles, failedFiles };
}

export interface SuggestNameOptions {
  /** Project or repository name/path for the short (`claude-command-centre` → `ccc`). */
  project?: string;
  projectShort?: string;
  /** Used when the plan has no `**Date:**` line (default: the file's modification day). */
  fallbackDate?: Date;
}

/** The structured file name for a plan, from its Date line (or mtime) and title. */
export function suggestNameForPlan(snapshot: PlanFileSnapshot, options: SuggestNameOptions = {}): string {
  const headerDate = snapshot.parsed.header.date?.slice(0, 10) ?? '';
  const date = isValidDate(headerDate) ? headerDate : (options.fallbackDate ?? new Date(snapshot.mtimeMs));
  return suggestStructuredFileName({
    date,
    title: snapshot.parsed.title,
    ...(options.projectShort !== undefined ? { projectShort: options.projectShort } : {}),
    ...(options.project !== undefined ? { project: options.project } : {}),
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
