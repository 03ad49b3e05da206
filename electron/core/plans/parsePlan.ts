import type { List, ListItem, Nodes, PhrasingContent, RootContent } from 'mdast';
import type {
  DispatchRow,
  DispatchTable,
  DispatchTableVariant,
  IssueRef,
  IssueRegistryRow,
  KeyFile,
  ParsedPlan,
  PhaseRow,
  PlanDiagnostic,
  PlanHeader,
  PlanLogEntry,
  SessionRegistryRow,
  VerificationItem,
} from '../../../shared/domain/plan';
import { contentHash } from './contentHash';
import { indexPlan, type IndexedCell, type IndexedRow, type IndexedTable, type PlanIndex } from './planIndex';
import { collectDefinitions, issueIdsIn, issueRefsIn, linkedRef, type Definitions } from './issueRefs';
import { isBlank } from './lines';
import { nodeText, startLine } from './markdown';
import { classifyPlanFileName } from './planNaming';
import { isNone, parseCostUsd, parseMergeOrder, parsePhaseDependencies } from './planValues';
import { classifyTable, mapColumns, mapRowCells, type ColumnKey, type ColumnMap, type TableKind } from './tableColumns';
import { findUnlinkedIssueIdsInTree } from './unlinkedIssueIds';
import { readLaunchLines, readMergeOrderDeclarations } from './mergeOrderNotation';

/** Log sections the app appends to, by normalized heading. */
export const LOG_SECTIONS = {
  approvals: ['dispatch approvals', 'approvals', 'dispatch approval log', 'approval log'],
  mergeLog: ['merge log'],
  semanticConflicts: ['semantic conflicts', 'cross-session conflicts'],
} as const;

/**
 * Parses a plan file (formats.md §2.1). Never throws: anything unexpected becomes a diagnostic.
 * Sections are found by heading text, tables by their header columns (the heading breaks ties).
 */
export function parsePlan(text: string, path: string): ParsedPlan {
  const fileName = path.replace(/^.*[\\/]/, '');
  try {
    if (text.length > MAX_PARSED_CHARS) return parseHead(text, path, fileName);
    return parseIndexed(indexPlan(text), path, fileName);
  } catch (error) {
    return {
      ...emptyPlan(text, path, fileName),
      diagnostics: [
        {
          severity: 'error',
          code: 'internal-error',
          message: `The plan could not be read: ${error instanceof Error ? error.message : String(error)}`,
          line: null,
        },
      ],
    };
  }
}

/**
 * Markdown parsing costs ~5–8 µs a byte here (micromark), and a plan is parsed on the core's event
 * loop. A plan over this size has its long tables read only up to MAX_TABLE_ROWS rows each (the
 * rows after are blanked, so every line keeps its number and every section is still read), and at
 * most HARD_PARSED_CHARS of what remains; a warning says what was left out. Writes still index the
 * whole file, so nothing after a cut is ever lost.
 */
export const MAX_PARSED_CHARS = 128 * 1024;
export const MAX_TABLE_ROWS = 400;
const HARD_PARSED_CHARS = 768 * 1024;

/** Blanks table rows past `maxRows` in each table; line ends are kept. */
export function trimLongTables(text: string, maxRows: number): { text: string; dropped: number } {
  const parts = text.split(/(\r\n|\n|\r)/);
  let run = 0;
  let dropped = 0;
  for (let i = 0; i < parts.length; i += 2) {
    const line = parts[i] ?? '';
    if (/^\s{0,3}\|/.test(line)) {
      run += 1;
      if (run > maxRows + 2) {
        parts[i] = '';
        dropped += 1;
      }
    } else {
      run = 0;
    }
  }
  return { text: parts.join(''), dropped };
}

function parseHead(text: string, path: string, fileName: string): ParsedPlan {
  const trimmed = trimLongTables(text, MAX_TABLE_ROWS);
  const cut = trimmed.text.length > HARD_PARSED_CHARS ? trimmed.text.lastIndexOf('\n', HARD_PARSED_CHARS) : -1;
  const head = cut > 0 ? trimmed.text.slice(0, cut + 1) : trimmed.text;
  const plan = parseIndexed(indexPlan(head), path, fileName);
  const parts = [`The plan is ${(text.length / 1024).toFixed(0)} KB`];
  if (trimmed.dropped > 0) parts.push(`only the first ${MAX_TABLE_ROWS} rows of each table are read (${trimmed.dropped.toLocaleString('en')} rows left out)`);
  if (cut > 0) parts.push(`and nothing after line ${head.split('\n').length - 1}`);
  plan.diagnostics.unshift({ severity: 'warning', code: 'plan-too-large', message: `${parts.join('; ')}. Split it into smaller plans to see and check everything.`, line: null });
  // The hash is of the whole file: a safe write compares against what is on disk.
  plan.contentHash = contentHash(text);
  return plan;
}

function emptyPlan(text: string, path: string, fileName: string): ParsedPlan {
  return {
    path,
    fileName,
    title: fileName.replace(/\.md$/i, ''),
    header: { parentIssue: null, parentTitle: null, date: null, session: null, supersedes: null },
    issueRegistry: [],
    phases: [],
    dispatchTables: [],
    sessionRegistry: [],
    keyFiles: [],
    verification: [],
    approvals: [],
    mergeLog: [],
    semanticConflicts: [],
    mergeOrderDeclarations: [],
    launchLines: [],
    sections: [],
    diagnostics: [],
    contentHash: contentHash(text),
  };
}

class Diagnostics {
  readonly list: PlanDiagnostic[] = [];
  private readonly seen = new Set<string>();
  add(severity: PlanDiagnostic['severity'], code: string, message: string, line: number | null): void {
    const key = `${code}:${line}:${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ severity, code, message, line });
  }
}

function parseIndexed(index: PlanIndex, path: string, fileName: string): ParsedPlan {
  const plan = emptyPlan(index.text, path, fileName);
  const diags = new Diagnostics();
  const definitions = collectDefinitions(index.tree);

  plan.sections = index.sections.map((s) => ({ heading: s.heading, depth: s.depth, line: s.line }));
  const titleSection = index.sections.find((s) => s.depth === 1) ?? index.sections[0];
  if (titleSection && titleSection.heading !== '') plan.title = titleSection.heading;
  plan.header = parseHeader(index, definitions, diags);

  const tableKinds = new Map<IndexedTable, TableKind>();
  for (const table of index.tables) {
    const columns = mapColumns(table.columns);
    const headingKeys = table.sectionPath.map((i) => index.sections[i]?.key ?? '');
    const kind = classifyTable(columns, headingKeys);
    if (kind === null) {
      const nearest = headingKeys[headingKeys.length - 1] ?? '';
      if (KNOWN_TABLE_SECTIONS.some((k) => nearest.includes(k))) {
        diags.add('warning', 'unrecognized-table', `A table under "${index.sections[table.sectionIndex]?.heading ?? ''}" has columns this app does not recognise: ${table.columns.join(', ')}`, table.line);
      }
      continue;
    }
    tableKinds.set(table, kind);
    for (const unknown of columns.unknown) {
      diags.add('info', 'unknown-column', `Column "${unknown}" is not part of the ${KIND_LABEL[kind]} format; it is ignored.`, table.line);
    }
    const reader = new RowReader(table, columns, definitions, diags);
    switch (kind) {
      case 'issueRegistry':
        plan.issueRegistry.push(...reader.rows(readIssueRegistryRow));
        break;
      case 'phaseMap':
        plan.phases.push(...reader.rows(readPhaseRow));
        break;
      case 'sessionRegistry':
        if (columns.index.status === undefined) diags.add('info', 'missing-column', 'The Session Registry has no Status column.', table.line);
        plan.sessionRegistry.push(...reader.rows(readSessionRow));
        break;
      case 'keyFiles':
        plan.keyFiles.push(...reader.rows(readKeyFile));
        break;
      case 'dispatch': {
        const variant = dispatchVariant(columns);
        if (columns.index.worktree === undefined && columns.index.branch === undefined) {
          diags.add('info', 'missing-column', 'The dispatch table has neither a Worktree nor a Branch column.', table.line);
        }
        const dispatchTable: DispatchTable = {
          heading: index.sections[table.sectionIndex]?.heading ?? '',
          variant,
          rows: reader.rows(readDispatchRow),
          line: table.line,
          batch: batchOfHeadings(headingKeys),
        };
        plan.dispatchTables.push(dispatchTable);
        break;
      }
    }
  }

  plan.mergeOrderDeclarations = readMergeOrderDeclarations(index, plan.dispatchTables);
  plan.launchLines = readLaunchLines(index);
  checkSections(index, tableKinds, diags);
  plan.verification = parseVerification(index);
  plan.approvals = parseLog(index, LOG_SECTIONS.approvals);
  plan.mergeLog = parseLog(index, LOG_SECTIONS.mergeLog);
  plan.semanticConflicts = parseLog(index, LOG_SECTIONS.semanticConflicts);

  if (plan.phases.length === 0) diags.add('info', 'no-phases', 'The plan has no Phase Map rows.', null);
  for (const hit of findUnlinkedIssueIdsInTree(index.tree, index.text, index.lines)) {
    diags.add('warning', 'plain-issue-id', `${hit.id} is a plain issue id; issue references should be links.`, hit.line);
  }
  if (DEPRECATED_DISPATCH_FILE.test(fileName)) {
    diags.add('warning', 'deprecated-dispatch-file', `"${fileName}" is a local dispatch file, deprecated by §8.5: keep it for history; new dispatch prompts are Linear sub-issues (approve the batch in Dispatch to create them).`, null);
  }
  const name = classifyPlanFileName(fileName);
  if (name.flagged) {
    diags.add('warning', 'random-plan-name', `"${fileName}" is a random session name; plan files should be named {YYYY-MM-DD}-{project-short}-{topic}.md.`, null);
  } else if (!name.conventional && /\.md$/i.test(fileName)) {
    diags.add('info', 'nonstandard-plan-name', `"${fileName}" follows none of the plan naming conventions.`, null);
  }
  plan.diagnostics = diags.list;
  return plan;
}

/** §8.5: `batch*-dispatch-prompts.md`, `multi-agent-dispatch-prompts.md`, `linear-mastery-*-prompts.md`. */
const DEPRECATED_DISPATCH_FILE = /^(?:batch[^/\\]*-dispatch-prompts|multi-agent-dispatch-prompts|linear-mastery-[^/\\]*-prompts)\.md$/i;

const KNOWN_TABLE_SECTIONS = ['issue registry', 'phase map', 'session registry', 'dispatch', 'key files'];

const KIND_LABEL: Record<TableKind, string> = {
  issueRegistry: 'Issue Registry',
  phaseMap: 'Phase Map',
  dispatch: 'dispatch table',
  sessionRegistry: 'Session Registry',
  keyFiles: 'Key Files',
};

function dispatchVariant(columns: ColumnMap): DispatchTableVariant {
  const has = (key: ColumnKey): boolean => columns.index[key] !== undefined;
  if ((has('worktree') && has('branch')) || (has('launchAs') && has('mergeOrder'))) return 'full';
  if (has('branch')) return 'branch';
  return 'worktree';
}

/** Reads the body rows of one recognised table, cell by column, with row-shape diagnostics. */
class RowReader {
  constructor(
    private readonly table: IndexedTable,
    private readonly columns: ColumnMap,
    private readonly definitions: Definitions,
    private readonly diags: Diagnostics,
  ) {}

  rows<T>(read: (cells: CellAccess, row: IndexedRow) => T | null): T[] {
    const out: T[] = [];
    const headerCount = this.table.header.cells.length;
    for (const row of this.table.rows) {
      if (row.cells.every((c) => c.text === '')) continue;
      if (row.cells.length < headerCount) {
        this.diags.add('info', 'short-row', `Row has ${row.cells.length} of ${headerCount} cells.`, row.line);
      } else if (row.cells.length > headerCount) {
        this.diags.add('warning', 'extra-cells', `Row has ${row.cells.length} cells for ${headerCount} columns; the extra cells are ignored.`, row.line);
      }
      const mapping = mapRowCells(this.columns, headerCount, row.cells.map((c) => c.text));
      const access = new CellAccess(row, mapping, this.definitions);
      const value = read(access, row);
      if (value === null) {
        this.diags.add('warning', 'unreadable-row', 'Row skipped: it names no issue or session.', row.line);
      } else {
        out.push(value);
      }
    }
    return out;
  }
}

class CellAccess {
  constructor(
    private readonly row: IndexedRow,
    private readonly mapping: Partial<Record<ColumnKey, number>>,
    private readonly definitions: Definitions,
  ) {}

  cell(...keys: ColumnKey[]): IndexedCell | null {
    for (const key of keys) {
      const i = this.mapping[key];
      if (i !== undefined) {
        const cell = this.row.cells[i];
        if (cell) return cell;
      }
    }
    return null;
  }

  /** Cell text ('' when the column or cell is absent). */
  text(...keys: ColumnKey[]): string {
    return this.cell(...keys)?.text ?? '';
  }

  /** Cell text, or null when absent or empty. */
  optional(...keys: ColumnKey[]): string | null {
    const value = this.text(...keys);
    return value === '' ? null : value;
  }

  issues(...keys: ColumnKey[]): IssueRef[] {
    const cell = this.cell(...keys);
    if (!cell) return [];
    if (cell.node) return issueRefsIn(cell.node.children, this.definitions);
    return issueIdsIn(cell.text).map((id) => ({ id, url: null, title: null, linked: false }));
  }
}

function readIssueRegistryRow(cells: CellAccess): IssueRegistryRow | null {
  const issue = cells.issues('id', 'issue', 'issues')[0];
  if (!issue) return null;
  const dependsOnText = cells.text('dependsOn', 'dependencies');
  return {
    issue,
    title: cells.text('title') || (issue.title ?? ''),
    status: cells.text('status'),
    exec: cells.text('exec', 'mode'),
    est: cells.text('est', 'estCost'),
    dependsOn: isNone(dependsOnText) ? [] : issueIdsIn(dependsOnText).filter((id) => id !== issue.id),
  };
}

function readPhaseRow(cells: CellAccess): PhaseRow | null {
  // `1A ✅`, `✔ 1B`: a tick beside the id marks progress, it is not part of the id.
  const written = cells.text('phase');
  const phase = written.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '') || written;
  if (phase === '') return null;
  const raw = cells.text('dependencies', 'dependsOn');
  const { dependencies, parallelWith } = parsePhaseDependencies(raw);
  return {
    phase,
    issues: cells.issues('issues', 'issue', 'id'),
    focus: cells.text('focus', 'title'),
    batch: cells.optional('batch'),
    dependencies,
    parallelWith,
    raw,
    ...(cells.optional('branch') !== null ? { branch: cells.optional('branch') } : {}),
  };
}

/** `dispatch — batch 2`, `batch 2 dispatch` (innermost heading first) → 2. */
function batchOfHeadings(headingKeys: readonly string[]): number | null {
  for (const key of [...headingKeys].reverse()) {
    const m = /\bbatch\s*(\d+)\b/.exec(key);
    if (m?.[1]) return Number(m[1]);
  }
  return null;
}

function readDispatchRow(cells: CellAccess, row: IndexedRow): DispatchRow | null {
  const session = cells.text('session', 'sessionName');
  const issue = cells.issues('issue', 'issues', 'id')[0] ?? null;
  if (session === '' && issue === null) return null;
  // `Est` holds points in an Issue Registry but a cost (`~$4`) in a dispatch table.
  const estRaw = cells.text('est');
  const estCostRaw = cells.text('estCost') || (/\$/.test(estRaw) ? estRaw : '');
  const mergeOrder = cells.optional('mergeOrder');
  return {
    session,
    issue,
    focus: cells.text('focus', 'title'),
    mode: cells.text('mode', 'exec'),
    estCostUsd: parseCostUsd(estCostRaw),
    estCostRaw,
    agent: cells.text('agent'),
    worktree: cells.optional('worktree'),
    branch: cells.optional('branch'),
    launchAs: cells.optional('launchAs'),
    mergeOrder: mergeOrder === null ? null : parseMergeOrder(mergeOrder),
    phase: cells.optional('phase'),
    line: row.line,
  };
}

function readSessionRow(cells: CellAccess): SessionRegistryRow | null {
  const sessionName = cells.text('sessionName', 'session');
  const issue = cells.issues('issue', 'issues', 'id')[0] ?? null;
  if (sessionName === '' && issue === null) return null;
  return {
    sessionName,
    issue,
    phase: cells.text('phase'),
    agent: cells.text('agent'),
    worktree: cells.optional('worktree'),
    branch: cells.optional('branch'),
    status: cells.optional('status'),
  };
}

function readKeyFile(cells: CellAccess): KeyFile | null {
  const file = cells.text('file');
  if (file === '') return null;
  // `| File | Phase | Change |`: the Phase column says who touches the file, as a Purpose would.
  const owner = cells.text('phase');
  const purpose = cells.text('purpose');
  return { file, purpose: owner === '' || purpose.includes(owner) ? purpose : purpose === '' ? owner : `${owner}: ${purpose}` };
}

// ── Header lines ────────────────────────────────────────────────────────────────────────────

type HeaderKey = 'parent' | 'date' | 'session' | 'supersedes';

const HEADER_LABELS: Record<string, HeaderKey> = {
  'parent issue': 'parent',
  parent: 'parent',
  'master issue': 'parent',
  'master plan issue': 'parent',
  'master plan': 'parent',
  date: 'date',
  session: 'session',
  'session name': 'session',
  supersedes: 'supersedes',
};

/** `**Parent issue:** [KEY-N: Title](url)`, `**Date:**`, `**Session:**`, `**Supersedes:**` (first occurrence each). */
function parseHeader(index: PlanIndex, definitions: Definitions, diags: Diagnostics): PlanHeader {
  const header: PlanHeader = { parentIssue: null, parentTitle: null, date: null, session: null, supersedes: null };
  const found = new Set<HeaderKey>();
  const visitParagraph = (children: PhrasingContent[]): void => {
    // A paragraph can hold several header lines (soft breaks): split its inline nodes per line.
    for (const line of splitInlineLines(children)) {
      const first = line[0];
      const labelNode = first?.type === 'text' && first.value.trim() === '' ? line[1] : first;
      if (!labelNode || labelNode.type !== 'strong') continue;
      const label = nodeText(labelNode).trim().replace(/:$/, '').trim().toLowerCase();
      const key = HEADER_LABELS[label];
      if (!key || found.has(key)) continue;
      found.add(key);
      const rest = line.slice(line.indexOf(labelNode) + 1);
      const value = rest.map((n) => nodeText(n)).join('').replace(/^\s*:?\s*/, '').trim();
      const lineNo = labelNode.position ? startLine(labelNode) : null;
      if (key === 'parent') {
        const refs = issueRefsIn(rest, definitions);
        const linked = rest.flatMap((n) => (n.type === 'link' ? [linkedRef(nodeText(n), n.url)] : [])).find((r) => r !== null);
        const ref = linked ?? refs[0] ?? null;
        header.parentIssue = ref;
        header.parentTitle = ref?.title ?? (ref ? titleAfterId(value, ref.id) : value || null);
        if (ref && !ref.linked) diags.add('warning', 'plain-issue-id', `Parent issue ${ref.id} is not a link.`, lineNo);
      } else {
        header[key] = value === '' ? null : value;
      }
    }
  };
  const walk = (nodes: readonly RootContent[]): void => {
    for (const node of nodes) {
      if (node.type === 'paragraph') visitParagraph(node.children);
      else if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') walk(node.children);
    }
  };
  walk(index.tree.children);
  if (header.date !== null && !/^\d{4}-\d{2}-\d{2}/.test(header.date)) {
    diags.add('info', 'date-format', `Date "${header.date}" is not YYYY-MM-DD.`, null);
  }
  return header;
}

function titleAfterId(value: string, id: string): string | null {
  const after = value.slice(value.indexOf(id) + id.length).replace(/^\s*[:—–-]\s*/, '').trim();
  return after === '' ? null : after;
}

/** Splits inline nodes at soft line breaks (newlines inside text nodes) and hard breaks. */
function splitInlineLines(children: readonly PhrasingContent[]): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]];
  const current = (): PhrasingContent[] => lines[lines.length - 1] as PhrasingContent[];
  for (const node of children) {
    if (node.type === 'break') {
      lines.push([]);
    } else if (node.type === 'text' && /[\r\n]/.test(node.value)) {
      const parts = node.value.split(/\r\n|\r|\n/);
      parts.forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part !== '') current().push({ type: 'text', value: part });
      });
    } else {
      current().push(node);
    }
  }
  return lines.filter((line) => line.length > 0);
}

// ── Sections without tables, verification, logs ─────────────────────────────────────────────

function checkSections(index: PlanIndex, tableKinds: ReadonlyMap<IndexedTable, TableKind>, diags: Diagnostics): void {
  const expectations: [string, TableKind][] = [
    ['issue registry', 'issueRegistry'],
    ['phase map', 'phaseMap'],
    ['session registry', 'sessionRegistry'],
    ['key files', 'keyFiles'],
  ];
  for (const [needle, kind] of expectations) {
    const sections = index.sections.filter((s) => s.key.includes(needle));
    if (sections.length > 1) {
      diags.add('warning', 'duplicate-section', `"${sections[0]?.heading ?? needle}" appears ${sections.length} times; the app edits the first.`, sections[1]?.line ?? null);
    }
    for (const section of sections) {
      const hasTable = [...tableKinds].some(([t, k]) => k === kind && t.sectionPath.includes(index.sections.indexOf(section)));
      if (!hasTable) diags.add('warning', 'missing-table', `"${section.heading}" has no ${KIND_LABEL[kind]} table.`, section.line);
    }
  }
  // A run of `|` lines that GFM did not read as a table (usually a missing or malformed delimiter row).
  for (const node of index.tree.children) {
    if (node.type !== 'paragraph') continue;
    const firstLine = index.lines.content(startLine(node)).trim();
    if (firstLine.startsWith('|') && firstLine.indexOf('|', 1) > 0) {
      diags.add('warning', 'broken-table', 'These lines look like a table but are not one (check the |---| delimiter row and the column count).', startLine(node));
    }
  }
}

function parseVerification(index: PlanIndex): VerificationItem[] {
  const items: VerificationItem[] = [];
  const section = index.sections.find((s) => s.key.includes('verification'));
  if (!section) return items;
  const visitList = (list: List): void => {
    for (const item of list.children) visitItem(item);
  };
  const visitItem = (item: ListItem): void => {
    const text = item.children
      .filter((c) => c.type !== 'list')
      .map((c) => nodeText(c as Nodes))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (text !== '') items.push({ text, checked: item.checked === true });
    for (const child of item.children) if (child.type === 'list') visitList(child);
  };
  for (const node of index.tree.children) {
    const start = node.position?.start.offset ?? -1;
    if (node.type === 'list' && start >= section.bodyStart && start < section.bodyEnd) visitList(node);
  }
  return items;
}

/** The lines of every section under one of `headings`, in file order. */
function parseLog(index: PlanIndex, headings: readonly string[]): PlanLogEntry[] {
  return index.sections.filter((s) => headings.includes(s.key)).flatMap((section) => parseLogSection(index, section));
}

function parseLogSection(index: PlanIndex, section: PlanIndex['sections'][number]): PlanLogEntry[] {
  const entries: PlanLogEntry[] = [];
  const first = index.lines.lineOf(section.bodyStart);
  for (let line = first; line <= index.lines.count; line++) {
    const span = index.lines.line(line);
    if (span.start >= section.bodyEnd) break;
    if (span.start < section.bodyStart) continue;
    const content = index.text.slice(span.start, span.contentEnd);
    if (isBlank(content)) continue;
    const text = content.replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '').trim();
    if (text !== '') entries.push({ text, line });
  }
  return entries;
}
