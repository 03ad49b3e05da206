import type { IssueRef, SessionRegistryRow } from '../../../shared/domain/plan';
import { splitHeadingArg, normalizeHeading } from './headingText';
import { ISSUE_ID_PATTERN, issueIdsIn } from './issueRefs';
import { detectEol } from './lines';
import { indexPlan, type IndexedRow, type IndexedSection, type PlanIndex } from './planIndex';
import { classifyTables, type ClassifiedTable } from './planTables';
import { appendLinesToSection, appendSection, applyEdits, bodyLines, replaceSectionBody, type TextEdit } from './sectionEdit';
import { mapRowCells, type ColumnKey } from './tableColumns';
import { alignedWidths, cellSource, escapeCell, renderRow, rewriteRowEdit, setCellEdit } from './tableEdit';

/**
 * Pure, byte-preserving plan edits (string → string). Every byte outside the cells or section an
 * edit is about stays identical, line endings (CRLF/LF) and a missing final newline included.
 * An edit that finds nothing to change returns the text unchanged.
 */

export const SESSION_REGISTRY_HEADING = 'Session Registry';
export const SESSION_REGISTRY_COLUMNS = ['Session Name', 'Issue', 'Phase', 'Agent', 'Worktree', 'Branch', 'Status'] as const;

function findSection(index: PlanIndex, heading: string): IndexedSection | undefined {
  const key = normalizeHeading(splitHeadingArg(heading).text);
  return index.sections.find((s) => s.key === key);
}

/** Replaces the body under `heading` (e.g. `## Merge Log`, default depth 2), or appends that section at the end. */
export function upsertSection(text: string, heading: string, body: string): string {
  const index = indexPlan(text);
  const section = findSection(index, heading);
  if (section) return replaceSectionBody(index, section, body);
  const { depth, text: title } = splitHeadingArg(heading);
  return appendSection(index, depth, title, bodyLines(body));
}

/** Appends lines at the end of a section's content (a log such as `## Dispatch Approvals`), creating the section if missing. */
export function appendToSection(text: string, heading: string, lines: string | readonly string[]): string {
  const newLines = bodyLines(typeof lines === 'string' ? lines : lines);
  if (newLines.length === 0) return text;
  const index = indexPlan(text);
  const section = findSection(index, heading);
  if (section) return appendLinesToSection(index, section, newLines);
  const { depth, text: title } = splitHeadingArg(heading);
  return appendSection(index, depth, title, newLines);
}

// ── Session Registry ─────────────────────────────────────────────────────────────────────────

function registryTables(index: PlanIndex): ClassifiedTable[] {
  return classifyTables(index).filter((t) => t.kind === 'sessionRegistry' && t.table.editable);
}

function rowMapping(t: ClassifiedTable, row: IndexedRow): Partial<Record<ColumnKey, number>> {
  return mapRowCells(t.columns, t.table.header.cells.length, row.cells.map((c) => c.text));
}

/** Column index to write `key` into for this row: where the row holds it, else the header's column. */
function targetColumn(t: ClassifiedTable, row: IndexedRow, ...keys: ColumnKey[]): number | undefined {
  const mapping = rowMapping(t, row);
  for (const key of keys) {
    const at = mapping[key];
    if (at !== undefined) return at;
  }
  for (const key of keys) {
    const at = t.columns.index[key];
    if (at !== undefined) return at;
  }
  return undefined;
}

function cellText(t: ClassifiedTable, row: IndexedRow, ...keys: ColumnKey[]): string {
  const mapping = rowMapping(t, row);
  for (const key of keys) {
    const at = mapping[key];
    if (at !== undefined) return row.cells[at]?.text ?? '';
  }
  return '';
}

const ISSUE_ID_ONLY = new RegExp(`^${ISSUE_ID_PATTERN}$`, 'i');

/**
 * Sets the Status cell of the Session Registry row(s) for a session name (case-insensitive; every
 * row of that name) or, when nothing has that name and the key is an issue id, the last row of that issue.
 * Short rows are extended with empty cells up to the Status column.
 */
export function setSessionRegistryStatus(text: string, sessionNameOrIssueId: string, status: string): string {
  const index = indexPlan(text);
  const key = sessionNameOrIssueId.trim().toLowerCase();
  const edits: TextEdit[] = [];
  const tables = registryTables(index);
  const byName = tables.flatMap((t) =>
    t.table.rows.filter((row) => cellText(t, row, 'sessionName', 'session').toLowerCase() === key).map((row) => ({ t, row })),
  );
  let targets = byName;
  if (targets.length === 0 && ISSUE_ID_ONLY.test(key)) {
    const byIssue = tables.flatMap((t) =>
      t.table.rows
        .filter((row) => issueIdsIn(cellText(t, row, 'issue', 'issues', 'id')).some((id) => id.toLowerCase() === key))
        .map((row) => ({ t, row })),
    );
    targets = byIssue.slice(-1);
  }
  for (const { t, row } of targets) {
    const column = targetColumn(t, row, 'status');
    if (column === undefined) continue;
    edits.push(setCellEdit(row, column, status));
  }
  return applyEdits(text, edits);
}

/**
 * Renames the Session Registry row(s) called `from` (case-insensitive) to `to`: a launch writes a
 * placeholder name first and Claude Code's own session name once its files give one.
 */
export function renameSessionRegistryRow(text: string, from: string, to: string): string {
  const index = indexPlan(text);
  const key = from.trim().toLowerCase();
  const edits: TextEdit[] = [];
  for (const t of registryTables(index)) {
    for (const row of t.table.rows) {
      if (cellText(t, row, 'sessionName', 'session').toLowerCase() !== key) continue;
      const column = targetColumn(t, row, 'sessionName', 'session');
      if (column !== undefined) edits.push(setCellEdit(row, column, to));
    }
  }
  return applyEdits(text, edits);
}

/** A registry row to write: the session name, plus any fields to set (undefined/null fields are left alone on update). */
export type SessionRegistryUpsert = Pick<SessionRegistryRow, 'sessionName'> &
  Partial<Omit<SessionRegistryRow, 'sessionName' | 'issue'>> & { issue?: IssueRef | string | null };

/** `[CIA-1](url)` for a linked ref, the bare id otherwise; strings are written as given. */
export function renderIssue(issue: IssueRef | string | null | undefined): string {
  if (issue === null || issue === undefined) return '';
  if (typeof issue === 'string') return issue;
  return issue.url ? `[${issue.id}](${issue.url})` : issue.id;
}

function upsertIssueId(issue: IssueRef | string | null | undefined): string | null {
  if (issue === null || issue === undefined) return null;
  if (typeof issue === 'string') return issueIdsIn(issue)[0] ?? null;
  return issue.id;
}

const FIELD_COLUMNS: [keyof Omit<SessionRegistryUpsert, 'sessionName'>, ColumnKey[]][] = [
  ['issue', ['issue', 'issues', 'id']],
  ['phase', ['phase']],
  ['agent', ['agent']],
  ['worktree', ['worktree']],
  ['branch', ['branch']],
  ['status', ['status']],
];

function fieldValue(row: SessionRegistryUpsert, field: keyof Omit<SessionRegistryUpsert, 'sessionName'>): string | null {
  if (field === 'issue') return row.issue === undefined || row.issue === null ? null : renderIssue(row.issue);
  const value = row[field];
  return value === undefined || value === null ? null : value;
}

/**
 * Updates the Session Registry rows with the same session name (and, when both name an issue, the
 * same issue: several `(direct main)` rows can coexist) and appends the others after the table's last
 * row. Creates the table inside an existing `## Session Registry` section, or the section at the end.
 */
export function upsertSessionRegistryRows(text: string, rows: readonly SessionRegistryUpsert[]): string {
  if (rows.length === 0) return text;
  const index = indexPlan(text);
  const eol = detectEol(text);
  const table = registryTables(index)[0];
  if (!table) return createRegistry(text, index, rows);

  const edits: TextEdit[] = [];
  const appended: string[] = [];
  const headerKeys = table.table.header.cells.map((_c, i) => keyAtColumn(table, i));
  const widths = alignedWidths(table.table);
  const trailingPipe = table.table.header.hasTrailingPipe;
  for (const upsert of rows) {
    const name = upsert.sessionName.trim().toLowerCase();
    const issueId = upsertIssueId(upsert.issue);
    const existing = table.table.rows.find((row) => {
      if (cellText(table, row, 'sessionName', 'session').toLowerCase() !== name) return false;
      const rowIssue = issueIdsIn(cellText(table, row, 'issue', 'issues', 'id'))[0] ?? null;
      return issueId === null || rowIssue === null || rowIssue === issueId;
    });
    if (existing) {
      edits.push(...updateRowEdits(text, table, existing, upsert, headerKeys, widths));
    } else {
      const values = headerKeys.map((key) => {
        if (key === 'sessionName' || key === 'session') return upsert.sessionName;
        const field = FIELD_COLUMNS.find(([, keys]) => key !== null && keys.includes(key))?.[0];
        return field ? (fieldValue(upsert, field) ?? '') : '';
      });
      appended.push(renderRow(values, widths, trailingPipe));
    }
  }
  const lastRow = table.table.rows[table.table.rows.length - 1] ?? table.table.delimiter;
  if (appended.length > 0) {
    const terminated = lastRow.end > lastRow.contentEnd;
    const insertion = terminated ? appended.join(eol) + eol : eol + appended.join(eol);
    edits.push({ start: lastRow.end, end: lastRow.end, replacement: insertion });
  }
  return applyEdits(text, edits);
}

/** Cell edits for an existing row; a short row whose cells would shift is rewritten whole instead. */
function updateRowEdits(
  text: string,
  table: ClassifiedTable,
  row: IndexedRow,
  upsert: SessionRegistryUpsert,
  headerKeys: readonly (ColumnKey | null)[],
  widths: readonly number[] | null,
): TextEdit[] {
  const mapping = rowMapping(table, row);
  const updates: { key: ColumnKey; column: number; value: string }[] = [];
  for (const [field, keys] of FIELD_COLUMNS) {
    const value = fieldValue(upsert, field);
    const key = keys.find((k) => table.columns.index[k] !== undefined);
    if (value === null || key === undefined) continue;
    updates.push({ key, column: table.columns.index[key] as number, value });
  }
  const shifted = updates.filter((u) => mapping[u.key] === undefined);
  const needsRewrite = shifted.some((u) => u.column < row.cells.length) || shifted.length > 1;
  if (needsRewrite) {
    const cells = headerKeys.map((key) => {
      const at = key === null ? undefined : mapping[key];
      return at === undefined ? '' : cellSource(text, row.cells[at]);
    });
    for (const u of updates) cells[u.column] = escapeCell(u.value);
    return [rewriteRowEdit(text, row, cells, widths)];
  }
  const edits: TextEdit[] = [];
  for (const u of updates) {
    const column = mapping[u.key] ?? u.column;
    if (cellSource(text, row.cells[column]) === escapeCell(u.value)) continue;
    edits.push(setCellEdit(row, column, u.value));
  }
  return edits;
}

function keyAtColumn(t: ClassifiedTable, column: number): ColumnKey | null {
  for (const [key, at] of Object.entries(t.columns.index) as [ColumnKey, number][]) if (at === column) return key;
  return null;
}

function createRegistry(text: string, index: PlanIndex, rows: readonly SessionRegistryUpsert[]): string {
  const lines = [
    renderRow([...SESSION_REGISTRY_COLUMNS], null),
    `|${SESSION_REGISTRY_COLUMNS.map(() => '---').join('|')}|`,
    ...rows.map((r) =>
      renderRow(
        [r.sessionName, renderIssue(r.issue), r.phase ?? '', r.agent ?? '', r.worktree ?? '', r.branch ?? '', r.status ?? ''],
        null,
      ),
    ),
  ];
  const section = findSection(index, SESSION_REGISTRY_HEADING);
  if (section) return appendLinesToSection(index, section, ['', ...lines]);
  return appendSection(index, 2, SESSION_REGISTRY_HEADING, lines);
}
