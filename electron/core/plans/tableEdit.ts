import type { IndexedCell, IndexedRow, IndexedTable } from './planIndex';
import type { TextEdit } from './sectionEdit';

/** Cell-level edits of GFM table rows that keep the row's padding style. */

/** Makes a value safe for one table cell: no line breaks, `|` escaped (with any backslashes before it). */
export function escapeCell(value: string): string {
  return value
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/(\\*)\|/g, (_m, slashes: string) => `${slashes}${slashes}\\|`)
    .replace(/(\\+)$/, (_m, slashes: string) => slashes + slashes)
    .trim();
}

/**
 * Replaces one existing cell's content. Keeps its leading padding; keeps the cell's width when the
 * column was padded for alignment (more than one trailing space), else keeps the trailing padding.
 */
export function replaceCellEdit(cell: IndexedCell, value: string): TextEdit {
  const content = escapeCell(value);
  const width = cell.end - cell.start;
  const empty = cell.contentStart >= cell.contentEnd;
  const leading = empty ? 1 : cell.contentStart - cell.start;
  const trailing = empty ? Math.max(1, width - 1) : cell.end - cell.contentEnd;
  const newTrailing = trailing > 1 ? Math.max(1, width - leading - content.length) : trailing;
  const lead = ' '.repeat(leading);
  return { start: cell.start, end: cell.end, replacement: `${lead}${content}${' '.repeat(newTrailing)}` };
}

/** Replaces a whole row's content (its indentation and line ending stay). */
export function rewriteRowEdit(text: string, row: IndexedRow, cellsMarkdown: readonly string[], widths: readonly number[] | null): TextEdit {
  let start = row.start;
  while (start < row.contentEnd && (text[start] === ' ' || text[start] === '\t')) start++;
  return { start, end: row.contentEnd, replacement: renderRawRow(cellsMarkdown, widths, row.hasTrailingPipe) };
}

/** The markdown source of a cell (trimmed). */
export function cellSource(text: string, cell: IndexedCell | undefined): string {
  return cell ? text.slice(cell.contentStart, cell.contentEnd) : '';
}

/** Sets cell `column` of `row`, extending a short row with empty cells when needed. */
export function setCellEdit(row: IndexedRow, column: number, value: string): TextEdit {
  const cell = row.cells[column];
  if (cell) return replaceCellEdit(cell, value);
  const missing = column - row.cells.length;
  const lastCell = row.cells[row.cells.length - 1];
  // Insert right after the last pipe (or close the last cell first when the row has no trailing pipe).
  const at = lastCell ? (row.hasTrailingPipe ? lastCell.end + 1 : lastCell.end) : row.contentEnd;
  const opener = row.hasTrailingPipe || !lastCell ? '' : ' |';
  const filler = ' |'.repeat(Math.max(0, missing));
  const closer = row.hasTrailingPipe ? ' |' : '';
  return { start: at, end: at, replacement: `${opener}${filler} ${escapeCell(value)}${closer}` };
}

/** Column widths when the table is padded for alignment (every full row matches the delimiter row), else null. */
export function alignedWidths(table: IndexedTable): number[] | null {
  const widths = table.delimiter.cells.map((c) => c.end - c.start);
  const full = [table.header, ...table.rows].filter((r) => r.cells.length === widths.length);
  const aligned = full.every((row) => row.cells.every((c, i) => c.end - c.start === widths[i]));
  return aligned && widths.length === table.header.cells.length ? widths : null;
}

/** A new row in the table's style: `| a | b |`, padded to the column widths of an aligned table. */
export function renderRow(values: readonly string[], widths: readonly number[] | null, trailingPipe = true): string {
  return renderRawRow(values.map(escapeCell), widths, trailingPipe);
}

/** Like `renderRow` for cells that are markdown already (escaped). */
export function renderRawRow(cellsMarkdown: readonly string[], widths: readonly number[] | null, trailingPipe = true): string {
  const cells = cellsMarkdown.map((content, i) => {
    const width = widths?.[i];
    const padded = width !== undefined ? content.padEnd(Math.max(width - 2, content.length)) : content;
    return ` ${padded} `;
  });
  return `|${cells.join('|')}${trailingPipe ? '|' : ''}`;
}
