import type { FindingDecision } from '../../../shared/domain/reviewFindings';
import { readMarkdownTables } from '../plans';
import { mapFindingColumns } from './findingColumns';
import { parseDecision } from './findingValues';

/**
 * The "Decisions" reply (pure). Linear comments are not edited in place: the person's decisions go
 * back as a new comment on the reviewed issue, naming the findings table it answers with a visible
 * reference (`rdr:<commentId>#<table>`, plain text so no editor drops it) and a `| # | Finding |
 * Decision |` table. Read back in comment order, the latest decision per finding wins.
 */

const REFERENCE = /\brdr:([A-Za-z0-9_-]+)#(\d+)\b/;

export interface DecisionLine {
  key: string;
  title: string;
  decision: FindingDecision;
}

export function tableReference(commentId: string, tableIndex: number): string {
  return `rdr:${commentId}#${tableIndex}`;
}

/** Keeps a cell on one line and its pipes literal. */
function cellText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').trim();
}

export function renderDecisionsReply(commentId: string, tableIndex: number, lines: readonly DecisionLine[]): string {
  const rows = lines.map((l) => `| ${cellText(l.key)} | ${cellText(l.title)} | ${l.decision} |`);
  return [
    `**Decisions** on the review findings (\`${tableReference(commentId, tableIndex)}\`), recorded in Switchyard:`,
    '',
    '| # | Finding | Decision |',
    '|---|---------|----------|',
    ...rows,
    '',
  ].join('\n');
}

export interface DecisionsReply {
  commentId: string;
  tableIndex: number;
  decisions: Map<string, FindingDecision>;
}

/** The decisions a reply records, or null when the comment is not a Decisions reply. */
export function readDecisionsReply(body: string): DecisionsReply | null {
  const ref = REFERENCE.exec(body);
  if (!ref || ref[1] === undefined || ref[2] === undefined) return null;
  const decisions = new Map<string, FindingDecision>();
  for (const table of readMarkdownTables(body)) {
    const columns = mapFindingColumns(table.columns);
    const id = columns.index.id;
    const decision = columns.index.decision;
    if (id === undefined || decision === undefined) continue;
    for (const row of table.rows) {
      const key = (row[id] ?? '').replace(/^#/, '').trim();
      const value = parseDecision(row[decision] ?? '');
      if (key && value) decisions.set(key, value);
    }
  }
  return { commentId: ref[1], tableIndex: Number(ref[2]), decisions };
}
