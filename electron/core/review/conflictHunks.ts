import type { ConflictHunk } from '../../../shared/domain/review';

/** Lines of context kept around each conflict. */
const CONTEXT = 3;
/** A file with more conflicts than this shows the first ones only (the count is in the file list). */
const MAX_HUNKS = 50;

const OPEN = /^<{7,}(?: (.*))?$/;
const BASE = /^\|{7,}(?: .*)?$/;
const SPLIT = /^={7,}$/;
const CLOSE = /^>{7,}(?: (.*))?$/;

/**
 * Finds the conflict regions git wrote into a merged file (`<<<<<<< ours` … `=======` …
 * `>>>>>>> theirs`, with a `|||||||` ancestor part in diff3/zdiff3 style). A marker-like line that
 * never closes is left as text: only complete regions are conflicts.
 */
export function conflictHunks(text: string): ConflictHunk[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const hunks: ConflictHunk[] = [];
  let i = 0;
  let lastEnd = 0;
  while (i < lines.length && hunks.length < MAX_HUNKS) {
    const open = OPEN.exec(lines[i] ?? '');
    if (!open) {
      i++;
      continue;
    }
    const region = readRegion(lines, i);
    if (!region) {
      i++;
      continue;
    }
    hunks.push({
      line: i + 1,
      before: lines.slice(Math.max(lastEnd, i - CONTEXT), i),
      ours: region.ours,
      base: region.base,
      theirs: region.theirs,
      after: lines.slice(region.end + 1, Math.min(lines.length, region.end + 1 + CONTEXT)).filter((l) => !OPEN.test(l)),
      oursLabel: open[1] ?? '',
      theirsLabel: region.theirsLabel,
    });
    lastEnd = region.end + 1;
    i = region.end + 1;
  }
  return hunks;
}

function readRegion(lines: readonly string[], start: number): { ours: string[]; base: string[] | null; theirs: string[]; theirsLabel: string; end: number } | null {
  const ours: string[] = [];
  let base: string[] | null = null;
  const theirs: string[] = [];
  let part: 'ours' | 'base' | 'theirs' = 'ours';
  for (let j = start + 1; j < lines.length; j++) {
    const line = lines[j] ?? '';
    if (part !== 'theirs' && BASE.test(line) && part === 'ours') {
      part = 'base';
      base = [];
    } else if (part !== 'theirs' && SPLIT.test(line)) {
      part = 'theirs';
    } else if (part === 'theirs' && CLOSE.test(line)) {
      return { ours, base, theirs, theirsLabel: CLOSE.exec(line)?.[1] ?? '', end: j };
    } else if (OPEN.test(line)) {
      return null;
    } else if (part === 'ours') ours.push(line);
    else if (part === 'base') base?.push(line);
    else theirs.push(line);
  }
  return null;
}
