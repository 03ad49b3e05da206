import type { NumstatEntry } from './parseNumstat';

/**
 * How much of a diff a review carries. A person reads a few thousand lines; a generated lockfile
 * or a vendored bundle of 200,000 lines would only make the page slow, so such files are named
 * with their counts and left out, and the whole diff stops growing past a total.
 */
export interface DiffLimits {
  fileLines: number;
  totalLines: number;
  files: number;
  fileBytes: number;
  patchBytes: number;
}

export const DIFF_LIMITS: Readonly<DiffLimits> = {
  /** A file changing more lines than this is summarised. */
  fileLines: 20_000,
  /** Once this many lines are included, the remaining files are summarised. */
  totalLines: 60_000,
  /** Files with hunks at most; the rest are named only. */
  files: 2_000,
  /** A file whose hunk text passes this many bytes is summarised (minified one-line bundles). */
  fileBytes: 2 * 1024 * 1024,
  /** The whole patch read from git at most. */
  patchBytes: 48 * 1024 * 1024,
};

export interface BudgetPlan {
  /** Summary words per path for files whose hunks are left out (binary files are not listed: git names them itself). */
  summarised: Map<string, string>;
  /** Why the whole-diff budget ran out, when it did. */
  limited: string | null;
}

/** Decides, from the numstat alone (before any patch is read), which files keep their hunks. Pure. */
export function planDiffBudget(entries: readonly NumstatEntry[], limits: Readonly<DiffLimits> = DIFF_LIMITS): BudgetPlan {
  const summarised = new Map<string, string>();
  let total = 0;
  let included = 0;
  let limited: string | null = null;
  for (const e of entries) {
    if (e.additions === null || e.deletions === null) continue;
    const lines = e.additions + e.deletions;
    if (lines > limits.fileLines) {
      summarised.set(e.path, `${lines.toLocaleString('en-US')} lines changed: too large to show here (more than ${limits.fileLines.toLocaleString('en-US')})`);
      continue;
    }
    if (total + lines > limits.totalLines || included >= limits.files) {
      limited ??= `The diff is larger than ${limits.totalLines.toLocaleString('en-US')} lines or ${limits.files.toLocaleString('en-US')} files: the files after that are listed without their hunks.`;
      summarised.set(e.path, 'not shown: the diff is too large to show in full');
      continue;
    }
    total += lines;
    included++;
  }
  return { summarised, limited };
}
