/** Recognising plan tables by their header columns (formats.md §2.1), and mapping row cells to columns. */

export type ColumnKey =
  | 'session'
  | 'sessionName'
  | 'issue'
  | 'issues'
  | 'id'
  | 'title'
  | 'status'
  | 'exec'
  | 'est'
  | 'dependsOn'
  | 'phase'
  | 'focus'
  | 'batch'
  | 'dependencies'
  | 'mode'
  | 'estCost'
  | 'agent'
  | 'worktree'
  | 'branch'
  | 'launchAs'
  | 'mergeOrder'
  | 'file'
  | 'purpose'
  | 'review';

export type TableKind = 'issueRegistry' | 'phaseMap' | 'dispatch' | 'sessionRegistry' | 'keyFiles';

const ALIASES: Record<string, ColumnKey> = {
  session: 'session',
  'session label': 'session',
  'session name': 'sessionName',
  'session id': 'sessionName',
  name: 'sessionName',
  issue: 'issue',
  'linear issue': 'issue',
  linear: 'issue',
  issues: 'issues',
  // `Issue(s)`, `Linear issue(s)`: the parentheses are gone by now.
  'issue s': 'issues',
  'linear issue s': 'issues',
  'linear issues': 'issues',
  id: 'id',
  'issue id': 'id',
  title: 'title',
  status: 'status',
  state: 'status',
  exec: 'exec',
  'exec mode': 'exec',
  'execution mode': 'exec',
  execution: 'exec',
  'exec label': 'exec',
  est: 'est',
  estimate: 'est',
  points: 'est',
  'depends on': 'dependsOn',
  depends: 'dependsOn',
  deps: 'dependsOn',
  'blocked by': 'dependsOn',
  'blocked on': 'dependsOn',
  prerequisites: 'dependsOn',
  prereqs: 'dependsOn',
  'waits for': 'dependsOn',
  phase: 'phase',
  'phase id': 'phase',
  focus: 'focus',
  task: 'focus',
  scope: 'focus',
  batch: 'batch',
  dependencies: 'dependencies',
  dependency: 'dependencies',
  mode: 'mode',
  'est cost': 'estCost',
  'estimated cost': 'estCost',
  'cost est': 'estCost',
  'cost estimate': 'estCost',
  cost: 'estCost',
  'est cost usd': 'estCost',
  'estimated cost usd': 'estCost',
  'cost usd': 'estCost',
  agent: 'agent',
  assignee: 'agent',
  worktree: 'worktree',
  branch: 'branch',
  'branch name': 'branch',
  'launch as': 'launchAs',
  launch: 'launchAs',
  'launch mode': 'launchAs',
  'permission mode': 'launchAs',
  permissions: 'launchAs',
  'merge order': 'mergeOrder',
  merge: 'mergeOrder',
  order: 'mergeOrder',
  file: 'file',
  files: 'file',
  'file s': 'file',
  path: 'file',
  purpose: 'purpose',
  description: 'purpose',
  role: 'purpose',
  review: 'review',
  'review gate': 'review',
  'review gates': 'review',
  'review timing': 'review',
  'adversarial review': 'review',
  change: 'purpose',
  notes: 'purpose',
  note: 'purpose',
  changes: 'purpose',
};

export function normalizeColumn(header: string): string {
  return header
    .toLowerCase()
    .replace(/[.:*_`#()$?]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The column a header names, or null for an unknown column. */
export function columnKey(header: string): ColumnKey | null {
  return ALIASES[normalizeColumn(header)] ?? null;
}

export interface ColumnMap {
  /** Column key → header index (first occurrence). */
  index: Partial<Record<ColumnKey, number>>;
  /** Headers with no known meaning (kept as diagnostics). */
  unknown: string[];
}

/** Columns only a dispatch table has (an Issue Registry's `Label` column holds exec labels instead). */
const DISPATCH_ONLY: readonly ColumnKey[] = ['mode', 'estCost', 'agent', 'worktree', 'branch', 'launchAs'];

export function mapColumns(headers: readonly string[]): ColumnMap {
  const index: Partial<Record<ColumnKey, number>> = {};
  const unknown: string[] = [];
  let label: number | undefined;
  headers.forEach((header, i) => {
    const key = columnKey(header);
    if (key === null) {
      if (normalizeColumn(header) === 'label' && label === undefined) label = i;
      else if (header.trim() !== '') unknown.push(header);
    } else if (index[key] === undefined) {
      index[key] = i;
    }
  });
  // `| Label | Issue | Focus | Mode | … |`: a dispatch table naming its session column "Label".
  if (label !== undefined) {
    // Not `Agent`/`Assignee` alone: an Issue Registry may have those beside its exec `Label`.
    const dispatchTable = index.session === undefined && index.sessionName === undefined && index.title === undefined && index.status === undefined && DISPATCH_ONLY.some((k) => k !== 'agent' && index[k] !== undefined);
    if (dispatchTable) index.session = label;
    else unknown.push(headers[label] ?? 'Label');
  }
  return { index, unknown };
}

/**
 * What a table is, from its columns first and the heading it sits under second
 * (`headingKeys`: normalized headings enclosing the table, innermost last).
 */
export function classifyTable(columns: ColumnMap, headingKeys: readonly string[]): TableKind | null {
  const has = (key: ColumnKey): boolean => columns.index[key] !== undefined;
  const under = (needle: string): boolean => headingKeys.some((h) => h.includes(needle));
  const anySession = has('session') || has('sessionName');
  const anyIssue = has('issue') || has('issues') || has('id');
  const dispatchOnly = DISPATCH_ONLY.some(has);
  if (has('file') && has('purpose') && !anySession) return 'keyFiles';
  // A Phase Map that also names each phase's session: phase-map columns, none only a dispatch table has.
  if (has('phase') && has('session') && (has('batch') || has('dependencies')) && !dispatchOnly && !has('status')) return 'phaseMap';
  // A dispatch table that names phases instead of issues.
  if (anySession && !anyIssue && has('phase') && dispatchOnly && !has('status')) return 'dispatch';
  if (anySession && anyIssue) {
    const dispatchish = has('mode') || has('estCost') || has('focus') || has('launchAs') || has('mergeOrder');
    const registryish = has('status') || has('phase');
    if (under('session registry') && registryish) return 'sessionRegistry';
    if (dispatchish) return 'dispatch';
    if (registryish || has('sessionName')) return 'sessionRegistry';
    return under('dispatch') ? 'dispatch' : null;
  }
  if (has('phase') && (has('issues') || has('issue') || has('focus') || has('dependencies'))) return 'phaseMap';
  if ((has('id') || has('issue')) && (has('title') || has('status') || has('exec') || has('dependsOn'))) {
    return 'issueRegistry';
  }
  if (under('issue registry') && anyIssue) return 'issueRegistry';
  if (under('key files') && has('file')) return 'keyFiles';
  return null;
}

const STATUS_WORD =
  /^(?:active|done|complete(?:d)?|finished|failed|failure|in[ -]?progress|in[ -]?review|review|pending|blocked|merged|todo|to[ -]do|queued|running|waiting|abandoned|cancel(?:l)?ed|not[ -]started|paused|stopped|started|planned|ready|idle|wip|shipped|superseded)\b/i;

/** Looks like a status value (`Done`, `Active`, `✅ Done`, `Failed: flaky CI`). */
export function looksLikeStatus(value: string): boolean {
  return STATUS_WORD.test(value.replace(/^[^\p{L}]+/u, ''));
}

/**
 * Which cell holds which column for one row. A full row maps by position. A short row (fewer cells
 * than headers) maps by position too, except that when the table has a Status column the row does
 * not reach and its last cell reads like a status, that cell is the status: older registry rows skip
 * Worktree/Branch (`| name | issue | 1B | Claude Code | Active |`).
 */
export function mapRowCells(
  columns: ColumnMap,
  headerCount: number,
  cellTexts: readonly string[],
): Partial<Record<ColumnKey, number>> {
  const count = Math.min(cellTexts.length, headerCount);
  const result: Partial<Record<ColumnKey, number>> = {};
  const statusColumn = columns.index.status;
  const shortWithStatus =
    count < headerCount &&
    count > 1 &&
    statusColumn !== undefined &&
    statusColumn >= count &&
    looksLikeStatus(cellTexts[count - 1] ?? '');
  for (const [key, column] of Object.entries(columns.index) as [ColumnKey, number][]) {
    if (shortWithStatus && key === 'status') result.status = count - 1;
    else if (column < count && !(shortWithStatus && column === count - 1)) result[key] = column;
  }
  return result;
}
