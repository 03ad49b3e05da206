import type { ModelVote } from '../../../shared/domain/reviewFindings';
import { readMarkdownTables } from '../plans';
import { isFindingsTable, mapFindingColumns, type FindingColumn } from './findingColumns';
import { parseVote } from './findingValues';

/** The findings tables of one comment's markdown, as written (pure; decisions merged elsewhere). */

export interface ParsedFinding {
  key: string;
  label: string;
  title: string;
  severity: string | null;
  effort: string | null;
  location: string | null;
  recommendation: string | null;
  details: { column: string; value: string }[];
  /** The Decision cell as written ('' when the table has none). */
  decisionCell: string;
  votes: ModelVote[];
  /** A Consensus column's `2/3` (when the table gives the tally rather than per-model columns). */
  tally: { agreeing: number; voting: number } | null;
}

export interface ParsedFindingTable {
  /** Index among the comment's tables (all tables, findings or not): stable for the comment. */
  index: number;
  heading: string | null;
  columns: string[];
  hasDecisionColumn: boolean;
  findings: ParsedFinding[];
}

/** A cell as one line: inline HTML line breaks (`<br>`) and runs of space become one space. */
function clean(text: string): string {
  return text.replace(/<br\s*\/?>/gi, ' ').replace(/\s+/g, ' ').trim();
}

/** `2/3`, `2 of 3`, `3/3 ✓` → the tally; anything else → null. */
function parseTally(text: string): { agreeing: number; voting: number } | null {
  const m = /^(\d+)\s*(?:\/|of)\s*(\d+)\b/i.exec(text);
  if (!m) return null;
  const agreeing = Number(m[1]);
  const voting = Number(m[2]);
  return voting > 0 && agreeing <= voting ? { agreeing, voting } : null;
}

export function readFindingTables(markdown: string): ParsedFindingTable[] {
  const out: ParsedFindingTable[] = [];
  readMarkdownTables(markdown).forEach((table, index) => {
    const columns = mapFindingColumns(table.columns);
    if (!isFindingsTable(columns)) return;
    const cell = (row: string[], c: FindingColumn): string => {
      const i = columns.index[c];
      return i === undefined ? '' : clean(row[i] ?? '');
    };
    const used = new Set<number>([...Object.values(columns.index), ...columns.models.map((m) => m.column)]);
    const rows = table.rows.filter((row) => cell(row, 'finding') !== '');
    const ids = rows.map((row) => cell(row, 'id').replace(/^#/, '').trim());
    const unique = ids.every((id, i) => id !== '' && ids.indexOf(id) === i);
    const findings = rows.map((row, n): ParsedFinding => {
      const label = unique ? (ids[n] as string) : String(n + 1);
      const orNull = (c: FindingColumn): string | null => cell(row, c) || null;
      return {
        key: unique ? label : `row-${n + 1}`,
        label,
        title: cell(row, 'finding'),
        severity: orNull('severity'),
        effort: orNull('effort'),
        location: orNull('location'),
        recommendation: orNull('recommendation'),
        details: table.columns
          .map((column, i) => ({ column: column.trim(), value: clean(row[i] ?? '') }))
          .filter((d, i) => !used.has(i) && d.column !== '' && d.value !== ''),
        decisionCell: cell(row, 'decision'),
        votes: columns.models.map((m) => ({ model: m.model, agrees: parseVote(row[m.column] ?? '') })),
        tally: parseTally(cell(row, 'consensus')),
      };
    });
    if (findings.length) out.push({ index, heading: table.heading, columns: table.columns, hasDecisionColumn: columns.index.decision !== undefined, findings });
  });
  return out;
}
