import { indexPlan } from './planIndex';

/**
 * Every GFM table of any markdown text (a Linear comment, a PR body), read-only: header texts and row
 * cell texts with escapes resolved and markup dropped (`**bold**` → `bold`, `[text](url)` → `text`,
 * `\|` → `|`). The plan grammar's own index does the reading, so a table reads the same everywhere.
 */
export interface MarkdownTable {
  /** 1-based line of the header row. */
  line: number;
  /** The nearest heading above the table, or null. */
  heading: string | null;
  columns: string[];
  /** Cell texts per body row; a short row has fewer cells than `columns`, never more. */
  rows: string[][];
}

export function readMarkdownTables(text: string): MarkdownTable[] {
  const index = indexPlan(text);
  return index.tables.map((table) => ({
    line: table.line,
    heading: table.sectionIndex >= 0 ? (index.sections[table.sectionIndex]?.heading ?? null) : null,
    columns: table.columns,
    rows: table.rows.map((row) => row.cells.slice(0, table.columns.length).map((cell) => cell.text)),
  }));
}
