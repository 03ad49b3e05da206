import type { DiffFile } from '../../../../shared/domain/review';

/**
 * A review flattened into rows of equal kinds, so only the rows in view need to be in the page
 * (a 5,000-line diff is 5,000 rows; the DOM holds a few dozen). Pure: files in, rows out.
 */

export type LineType = 'context' | 'add' | 'del';

export interface DiffSide {
  no: number;
  text: string;
  type: LineType;
}

export type DiffRow =
  | { kind: 'file'; file: number }
  | { kind: 'hunk'; file: number; header: string }
  | { kind: 'note'; file: number; text: string }
  | { kind: 'line'; file: number; type: LineType; oldNo: number | null; newNo: number | null; text: string; noNewline: boolean }
  | { kind: 'pair'; file: number; left: DiffSide | null; right: DiffSide | null };

export type DiffLayout = 'unified' | 'split';

/** Height in px of each kind of row: the windowing needs them before anything is measured. */
export const ROW_HEIGHT: Record<DiffRow['kind'], number> = { file: 36, hunk: 24, note: 28, line: 20, pair: 20 };

/** What a file without hunks says instead (binary, renamed only, too large, mode change). */
export function fileNote(file: DiffFile): string | null {
  if (file.binary) return 'Binary file: not shown';
  if (file.summarised) return file.summarised;
  if (file.hunks.length > 0) return null;
  if (file.status === 'renamed') return 'Renamed without changes';
  if (file.status === 'copied') return 'Copied without changes';
  if (file.status === 'added') return 'Empty file';
  return 'No content changes (file mode only)';
}

export function diffRows(files: readonly DiffFile[], layout: DiffLayout, collapsed: ReadonlySet<number> = new Set()): DiffRow[] {
  const rows: DiffRow[] = [];
  files.forEach((file, f) => {
    rows.push({ kind: 'file', file: f });
    if (collapsed.has(f)) return;
    const note = fileNote(file);
    if (note) rows.push({ kind: 'note', file: f, text: note });
    for (const hunk of file.hunks) {
      rows.push({ kind: 'hunk', file: f, header: hunk.header });
      const lines = unifiedLines(f, hunk.oldStart, hunk.newStart, hunk.lines);
      if (layout === 'unified') rows.push(...lines);
      else rows.push(...pairLines(f, lines));
    }
  });
  return rows;
}

type LineRow = Extract<DiffRow, { kind: 'line' }>;

function unifiedLines(file: number, oldStart: number, newStart: number, body: readonly string[]): LineRow[] {
  const out: LineRow[] = [];
  let oldNo = oldStart;
  let newNo = newStart;
  for (const raw of body) {
    const prefix = raw[0];
    const text = raw.slice(1);
    if (prefix === '\\') {
      const last = out[out.length - 1];
      if (last) last.noNewline = true;
    } else if (prefix === '+') out.push({ kind: 'line', file, type: 'add', oldNo: null, newNo: newNo++, text, noNewline: false });
    else if (prefix === '-') out.push({ kind: 'line', file, type: 'del', oldNo: oldNo++, newNo: null, text, noNewline: false });
    else out.push({ kind: 'line', file, type: 'context', oldNo: oldNo++, newNo: newNo++, text, noNewline: false });
  }
  return out;
}

/** Side by side: context on both sides; a run of removals faces the run of additions after it, line by line. */
function pairLines(file: number, lines: readonly LineRow[]): DiffRow[] {
  const out: DiffRow[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as LineRow;
    if (line.type === 'context') {
      out.push({ kind: 'pair', file, left: { no: line.oldNo ?? 0, text: line.text, type: 'context' }, right: { no: line.newNo ?? 0, text: line.text, type: 'context' } });
      i++;
      continue;
    }
    const dels: LineRow[] = [];
    const adds: LineRow[] = [];
    while (i < lines.length && (lines[i] as LineRow).type === 'del') dels.push(lines[i++] as LineRow);
    while (i < lines.length && (lines[i] as LineRow).type === 'add') adds.push(lines[i++] as LineRow);
    for (let k = 0; k < Math.max(dels.length, adds.length); k++) {
      const d = dels[k];
      const a = adds[k];
      out.push({
        kind: 'pair',
        file,
        left: d ? { no: d.oldNo ?? 0, text: d.text, type: 'del' } : null,
        right: a ? { no: a.newNo ?? 0, text: a.text, type: 'add' } : null,
      });
    }
  }
  return out;
}
