import { detectEol } from './lines';
import { indexPlan, type IndexedTable } from './planIndex';
import { applyEdits, appendSection, bodyLines, type TextEdit } from './sectionEdit';
import { alignedWidths, renderRow, setCellEdit } from './tableEdit';
import { mapColumns, type ColumnKey } from './tableColumns';

/**
 * Writing into a dispatch table the person wrote, cell by cell: only the cells meant change, rows
 * are appended in the table's own columns, and a merge-order line keeps its label and its arrows.
 * Every function takes the file's text and returns it with exactly that change.
 */

export type DispatchCells = Partial<Record<ColumnKey, string>>;

function tableAt(text: string, line: number): IndexedTable | null {
  return indexPlan(text).tables.find((t) => t.line === line) ?? null;
}

/** Sets cells of the rows at the given lines; a column the table does not have is skipped (and returned). */
export function setDispatchCells(text: string, tableLine: number, writes: readonly { line: number; cells: DispatchCells }[]): { text: string; skipped: ColumnKey[] } {
  const table = tableAt(text, tableLine);
  if (!table || !table.editable) return { text, skipped: writes.flatMap((w) => Object.keys(w.cells) as ColumnKey[]) };
  const columns = mapColumns(table.columns);
  const edits: TextEdit[] = [];
  const skipped: ColumnKey[] = [];
  for (const w of writes) {
    const row = table.rows.find((r) => r.line === w.line);
    for (const [key, value] of Object.entries(w.cells) as [ColumnKey, string][]) {
      const column = columns.index[key];
      if (!row || column === undefined) {
        skipped.push(key);
        continue;
      }
      if ((row.cells[column]?.text ?? '') === value) continue;
      edits.push(setCellEdit(row, column, value));
    }
  }
  return { text: applyEdits(text, edits), skipped };
}

/** Appends rows after the table's last row, in the table's own columns (cells it lacks are dropped). */
export function appendDispatchRows(text: string, tableLine: number, rows: readonly DispatchCells[]): string {
  const table = tableAt(text, tableLine);
  if (!table || !table.editable || rows.length === 0) return text;
  const eol = detectEol(text);
  const keys = mapColumns(table.columns);
  const byColumn = table.header.cells.map((_c, i) => (Object.entries(keys.index) as [ColumnKey, number][]).find(([, at]) => at === i)?.[0] ?? null);
  const widths = alignedWidths(table);
  const rendered = rows.map((cells) => renderRow(byColumn.map((key) => (key ? (cells[key] ?? '') : '')), widths, table.header.hasTrailingPipe));
  const last = table.rows[table.rows.length - 1] ?? table.delimiter;
  const terminated = last.end > last.contentEnd;
  const insertion = terminated ? rendered.join(eol) + eol : eol + rendered.join(eol);
  return applyEdits(text, [{ start: last.end, end: last.end, replacement: insertion }]);
}

/** Inserts lines after the table (a blank line between, so they are not read as rows). */
export function insertAfterTable(text: string, tableLine: number, lines: readonly string[]): string {
  const table = tableAt(text, tableLine);
  if (!table || lines.length === 0) return text;
  const eol = detectEol(text);
  const last = table.rows[table.rows.length - 1] ?? table.delimiter;
  const terminated = last.end > last.contentEnd;
  const block = [...lines].join(eol);
  const insertion = terminated ? `${eol}${block}${eol}` : `${eol}${eol}${block}`;
  return applyEdits(text, [{ start: last.end, end: last.end, replacement: insertion }]);
}

/**
 * Rewrites the tokens of the `Merge order:` line at `line` to `tokens`, keeping everything before the
 * first token (label, bold, quote marker) and the line's own separator (`→`, `->`, `,`).
 */
export function setMergeOrderLine(text: string, line: number, tokens: readonly string[]): string {
  const index = indexPlan(text);
  const span = index.lines.line(line);
  const content = text.slice(span.start, span.contentEnd);
  const colon = /merge[ -]?order[^:：=]*?[:：=]\s*(?:\*\*|__)?\s*/i.exec(content) ?? /merge[ -]?order[^:：=—–]*?[—–]\s*/i.exec(content);
  if (!colon) return text;
  const valueStart = (colon.index ?? 0) + colon[0].length;
  const value = content.slice(valueStart);
  const trailing = /\s*(?:\*\*|__)?\s*\.?\s*$/.exec(value)?.[0] ?? '';
  const separator = /→/.test(value) ? ' → ' : /->/.test(value) ? ' -> ' : />/.test(value) ? ' > ' : ', ';
  const next = content.slice(0, valueStart) + tokens.join(separator) + trailing;
  return applyEdits(text, [{ start: span.start, end: span.contentEnd, replacement: next }]);
}

/** A new `## Dispatch — Batch N` section at the end, with the table and its lines. */
export function appendDispatchSection(text: string, heading: string, lines: readonly string[]): string {
  return appendSection(indexPlan(text), 2, heading, bodyLines([...lines]));
}
