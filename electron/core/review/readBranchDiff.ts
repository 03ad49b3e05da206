import type { DiffFile, ReviewDiff } from '../../../shared/domain/review';
import { diffNumstat, diffPatch } from '../git/diff';
import { emptyTreeId } from '../git/hashObject';
import { mergeBaseOf } from '../git/mergeBase';
import { DIFF_LIMITS, planDiffBudget } from './diffBudget';
import { parseNumstat, type NumstatEntry } from './parseNumstat';
import { parsePatchSection, splitPatch } from './parseUnifiedDiff';

export type BranchDiff = Omit<ReviewDiff, 'conflicts' | 'computedMs' | 'branch' | 'base'>;

/**
 * What merging `headSha` into `baseSha` would bring: `git diff <merge-base> <head>`, per file,
 * within DIFF_LIMITS. Two git runs: the numstat decides which files are too large, then the patch
 * is read without them.
 */
export async function readBranchDiff(cwd: string, baseSha: string, headSha: string): Promise<BranchDiff> {
  const mergeBase = await mergeBaseOf(cwd, baseSha, headSha);
  // Unrelated histories: everything on the branch is new, compared with the empty tree.
  const from = mergeBase ?? (await emptyTreeId(cwd));
  const entries = parseNumstat(await diffNumstat(cwd, from, headSha));
  const budget = planDiffBudget(entries);
  const excluded = [...budget.summarised.keys()];
  const included = entries.filter((e) => !budget.summarised.has(e.path));
  let limited = budget.limited;
  let sections: string[][] = [];
  if (included.length > 0) {
    try {
      sections = splitPatch(await diffPatch(cwd, from, headSha, excluded, DIFF_LIMITS.patchBytes));
    } catch (error) {
      limited = `The hunks could not be read: ${error instanceof Error ? error.message : String(error)}.`;
    }
    if (sections.length > 0 && sections.length !== included.length) {
      limited = `git listed ${included.length} files but wrote ${sections.length} patches; showing the file list only.`;
      sections = [];
    }
  }
  const bySection = new Map<NumstatEntry, string[]>();
  included.forEach((e, i) => {
    const section = sections[i];
    if (section) bySection.set(e, section);
  });
  const files = entries.map((e): DiffFile => toFile(e, bySection.get(e) ?? null, budget.summarised.get(e.path) ?? (sections.length === 0 && limited ? 'not shown' : null)));
  return {
    headSha,
    baseSha,
    mergeBase,
    files,
    totals: { files: files.length, additions: sum(entries, 'additions'), deletions: sum(entries, 'deletions') },
    limited,
  };
}

function toFile(e: NumstatEntry, section: string[] | null, summarised: string | null): DiffFile {
  const parsed = section ? parsePatchSection(section) : null;
  const binary = e.additions === null || (parsed?.binary ?? false);
  let hunks = parsed?.hunks ?? [];
  let words = summarised;
  const bytes = hunks.reduce((n, h) => n + h.lines.reduce((m, l) => m + l.length + 1, 0), 0);
  if (bytes > DIFF_LIMITS.fileBytes) {
    hunks = [];
    words = `${Math.round(bytes / 1024).toLocaleString('en-US')} KB of changes on few lines (generated or minified?): too large to show here`;
  }
  const status = parsed?.status ?? (e.oldPath ? 'renamed' : 'modified');
  return {
    path: e.path,
    oldPath: e.oldPath,
    status: e.oldPath && status === 'modified' ? 'renamed' : status,
    binary,
    additions: e.additions ?? 0,
    deletions: e.deletions ?? 0,
    summarised: binary ? null : words,
    hunks: binary ? [] : hunks,
  };
}

function sum(entries: readonly NumstatEntry[], key: 'additions' | 'deletions'): number {
  return entries.reduce((n, e) => n + (e[key] ?? 0), 0);
}

