import type { DiffFile, ReviewDiff } from '../../../shared/domain/review';
import { diffNumstat, diffPatch } from '../git/diff';
import { emptyTreeId } from '../git/hashObject';
import { mergeBaseOf } from '../git/mergeBase';
import { DIFF_LIMITS, planDiffBudget, type DiffLimits } from './diffBudget';
import { parseNumstat, type NumstatEntry } from './parseNumstat';
import { parsePatchSection, splitPatch } from './parseUnifiedDiff';

export type BranchDiff = Omit<ReviewDiff, 'conflicts' | 'computedMs' | 'branch' | 'base'>;

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(p: Promise<T>): Promise<Settled<T>> => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));

/**
 * What merging `headSha` into `baseSha` would bring: the diff from their merge-base to the head
 * (`git diff base...head`), per file, within DIFF_LIMITS. The numstat, the patch and the
 * merge-base are read at once (each git start costs tens of milliseconds on a busy machine); when
 * the numstat names files too large to show their hunks are dropped, and only a patch that
 * overflowed its byte cap is read again without them.
 */
export async function readBranchDiff(cwd: string, baseSha: string, headSha: string, limits: Readonly<DiffLimits> = DIFF_LIMITS): Promise<BranchDiff> {
  const mergeBaseRead = mergeBaseOf(cwd, baseSha, headSha);
  let revs = [`${baseSha}...${headSha}`];
  let patchRead = settle(diffPatch(cwd, revs, [], limits.patchBytes));
  let numstatRead = settle(diffNumstat(cwd, revs));
  const mergeBase = await mergeBaseRead;
  if (!mergeBase) {
    // Unrelated histories: everything on the branch is new, compared with the empty tree.
    revs = [await emptyTreeId(cwd), headSha];
    patchRead = settle(diffPatch(cwd, revs, [], limits.patchBytes));
    numstatRead = settle(diffNumstat(cwd, revs));
  }
  const numstat = await numstatRead;
  if (!numstat.ok) throw numstat.error;
  const entries = parseNumstat(numstat.value);
  const budget = planDiffBudget(entries, limits);
  const excluded = [...budget.summarised.keys()];
  let limited = budget.limited;
  let sections: string[][] | null = null;
  let sectionsCover: readonly NumstatEntry[] = entries;
  const first = await patchRead;
  try {
    if (first.ok) sections = splitPatch(first.value);
    else if (excluded.length > 0) {
      sections = splitPatch(await diffPatch(cwd, revs, excluded, limits.patchBytes));
      sectionsCover = entries.filter((e) => !budget.summarised.has(e.path));
    } else throw first.error;
  } catch (error) {
    limited = `The hunks could not be read: ${error instanceof Error ? error.message : String(error)}.`;
  }
  if (sections && sections.length !== sectionsCover.length) {
    limited = `git listed ${sectionsCover.length} files but wrote ${sections.length} patches; showing the file list only.`;
    sections = null;
  }
  const bySection = new Map<NumstatEntry, string[]>();
  sectionsCover.forEach((e, i) => {
    const section = sections?.[i];
    if (section) bySection.set(e, section);
  });
  const files = entries.map((e): DiffFile => {
    const summarised = budget.summarised.get(e.path) ?? null;
    return toFile(e, summarised ? null : (bySection.get(e) ?? null), summarised ?? (sections === null ? 'not shown' : null), limits.fileBytes);
  });
  return {
    headSha,
    baseSha,
    mergeBase,
    files,
    totals: { files: files.length, additions: sum(entries, 'additions'), deletions: sum(entries, 'deletions') },
    limited,
  };
}

function toFile(e: NumstatEntry, section: string[] | null, summarised: string | null, maxBytes: number): DiffFile {
  const parsed = section ? parsePatchSection(section) : null;
  const binary = e.additions === null || (parsed?.binary ?? false);
  let hunks = parsed?.hunks ?? [];
  let words = summarised;
  const bytes = hunks.reduce((n, h) => n + h.lines.reduce((m, l) => m + l.length + 1, 0), 0);
  if (bytes > maxBytes) {
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

