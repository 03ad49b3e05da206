import type { DispatchRowDraft, Violation } from '../../../../shared/domain/dispatch';
import type { DispatchRowEdit } from '../../../../shared/domain/planState';
import { worktreeFolderName } from '../../dispatch';
import { slugify } from '../../dispatch/branchName';
import { appendDispatchRows, appendDispatchSection, insertAfterTable, setDispatchCells, setMergeOrderLine, type DispatchCells } from '../dispatchTableEdit';
import { parsePlan } from '../parsePlan';
import type { PlanEdit } from '../planFile';
import { appendToSection, upsertSessionRegistryRows } from '../planWriter';
import { resolvePlanSessions } from '../planSessions';

/**
 * The plan-file side of approving or rejecting a batch. The plan is the record: rows the plan has
 * are never rewritten (only the cells the person edited in the view change), rows it lacks are
 * appended to the batch's table in that table's own columns (or a new `## Dispatch — Batch N`
 * section when the batch has no table), the merge order is written where the plan declares it,
 * and every other byte — the person's prose inside those sections included — stays as it was.
 */

export const APPROVALS_HEADING = '## Dispatch Approvals';
export const DISPATCHED_STATUS = 'Dispatched';

const TABLE_COLUMNS = ['Session', 'Issue', 'Focus', 'Mode', 'Est. Cost', 'Agent', 'Worktree', 'Branch', 'Launch as', 'Merge order'];

export interface ApprovalInput {
  batch: number;
  /** The approved rows of that batch, with the person's edits. */
  rows: readonly DispatchRowDraft[];
  /** The person's edits by session (which cells of recorded rows to write). */
  edits?: Readonly<Record<string, DispatchRowEdit>>;
  /** The person reordered the merge order in the view: write it back. */
  orderChanged?: boolean;
  /** The repository the sessions launch from (names their worktree folders). */
  repoPath?: string;
  at: string;
  by: string;
  overrideReason: string | null;
  /** Error violations the override reason overrides (recorded by rule). */
  overridden: readonly Violation[];
}

/** One line, no table-breaking characters: a person's free text inside a list item. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function issueCell(row: DispatchRowDraft): string {
  if (row.issueId === '') return '';
  return row.issueUrl ? `[${row.issueId}](${row.issueUrl})` : row.issueId;
}

function costCell(usd: number | null): string {
  if (usd === null) return '';
  return Number.isInteger(usd) ? `~$${usd}` : `~$${usd.toFixed(2)}`;
}

function byMergeOrder(rows: readonly DispatchRowDraft[]): DispatchRowDraft[] {
  return [...rows].sort((a, b) => a.mergeOrder - b.mergeOrder);
}

/** A proposed row in cells, by column (whatever columns the target table has). */
function proposalCells(r: DispatchRowDraft, position: number): DispatchCells {
  return {
    session: r.session,
    sessionName: r.session,
    phase: r.phase,
    issue: issueCell(r),
    issues: issueCell(r),
    id: issueCell(r),
    focus: r.focus,
    mode: r.mode ?? '',
    exec: r.mode ?? '',
    estCost: costCell(r.estCostUsd),
    agent: r.agent,
    worktree: r.worktree,
    branch: r.branch ?? '',
    launchAs: r.launchAs ?? '',
    mergeOrder: String(position),
  };
}

/** The dispatch table as the rule book draws it (§8), plus Branch, Launch as and Merge order. */
export function renderDispatchTable(rows: readonly DispatchRowDraft[]): string[] {
  const ordered = byMergeOrder(rows);
  const cells = (r: DispatchRowDraft, i: number) => proposalCells(r, i + 1);
  const row = (values: readonly string[]) => `| ${values.map((v) => v.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [
    row(TABLE_COLUMNS),
    `|${TABLE_COLUMNS.map(() => '---').join('|')}|`,
    ...ordered.map((r, i) => {
      const c = cells(r, i);
      return row([c.session, c.issue, c.focus, c.mode, c.estCost, c.agent, c.worktree, c.branch, c.launchAs, c.mergeOrder].map((v) => v ?? ''));
    }),
    '',
    `Merge order: ${ordered.map((r) => r.session).join(', ')}`,
  ];
}

/** The session name a row shows up under until Claude Code names it: the worktree folder it will use. */
export function plannedSessionName(row: DispatchRowDraft, repoPath = ''): string {
  // External agents have no session name: `tembo-cia-552` — lower case, so the plan's own record
  // is not flagged as a plain (unlinked) issue id.
  if (row.worktree === 'n/a') return [slugify(row.agent, 20), row.issueId.toLowerCase()].filter(Boolean).join('-') || 'external-agent';
  if (row.worktree === 'no') return '(direct main)';
  return worktreeFolderName(row, repoPath);
}

export function approvalLine(input: ApprovalInput): string {
  const order = byMergeOrder(input.rows).map((r) => r.session);
  let line = `- ${input.at} — Batch ${input.batch} approved by ${input.by}: ${input.rows.length} session(s) ${[...input.rows].map((r) => r.session).join(', ')}; merge order ${order.join(' → ')}`;
  if (input.overrideReason) {
    const rules = [...new Set(input.overridden.map((v) => v.rule))].join(', ');
    line += `; OVERRIDE of ${input.overridden.length} violation(s)${rules ? ` (${rules})` : ''}: "${oneLine(input.overrideReason)}"`;
  }
  return line;
}

/** The rules an approval line says it overrode (`OVERRIDE of 2 violation(s) (a, b): "…"`), as `approvalLine` writes them. */
export function overriddenRules(line: string | null): string[] {
  const m = /\bOVERRIDE of \d+ violation\(s\) \(([^)]*)\)/.exec(line ?? '');
  return m?.[1] ? m[1].split(/,\s*/).filter((r) => r !== '') : [];
}

/** Cells of a recorded row the person changed in the view. */
function editedCells(row: DispatchRowDraft, edit: DispatchRowEdit | undefined): DispatchCells {
  if (!edit) return {};
  const cells: DispatchCells = {};
  if (edit.focus !== undefined) cells.focus = row.focus;
  if (edit.mode !== undefined) {
    cells.mode = row.mode ?? '';
    if (row.written?.launchAs !== null) cells.launchAs = row.launchAs ?? '';
  }
  if (edit.agent !== undefined) cells.agent = row.agent;
  if (edit.estCostUsd !== undefined) cells.estCost = costCell(row.estCostUsd);
  return cells;
}

/** Step 1: the person's edits of recorded rows, cell by cell, in the tables where the rows are. */
function writeRecordedEdits(text: string, input: ApprovalInput): string {
  const plan = parsePlan(text, 'plan.md');
  let next = text;
  for (const table of plan.dispatchTables) {
    const writes = input.rows
      .filter((r) => r.recorded && r.line !== undefined && r.line !== null && table.rows.some((x) => x.line === r.line))
      .map((r) => ({ line: r.line as number, cells: editedCells(r, input.edits?.[r.session]) }))
      .filter((w) => Object.keys(w.cells).length > 0);
    if (writes.length > 0) next = setDispatchCells(next, table.line, writes).text;
  }
  return next;
}

/** Step 2: rows the plan lacks go into the batch's table, or a new section for the batch. */
function writeProposals(text: string, input: ApprovalInput): string {
  const proposals = input.rows.filter((r) => !r.recorded);
  if (proposals.length === 0) return text;
  const plan = parsePlan(text, 'plan.md');
  const recordedLines = new Set(input.rows.filter((r) => r.recorded).map((r) => r.line));
  const target =
    plan.dispatchTables.find((t) => t.rows.some((r) => recordedLines.has(r.line))) ?? plan.dispatchTables.find((t) => t.batch === input.batch) ?? null;
  const ordered = byMergeOrder(input.rows);
  if (target) {
    return appendDispatchRows(text, target.line, proposals.map((r) => proposalCells(r, ordered.indexOf(r) + 1)));
  }
  return appendDispatchSection(text, `Dispatch — Batch ${input.batch}`, renderDispatchTable(proposals));
}

/**
 * Step 3: the batch's merge order where the plan declares it: the `Merge order:` line that names
 * these sessions (its tokens reordered, every other token kept), the Merge order column, or — when
 * the plan declares none and the batch has several sessions — a new line under the batch's table.
 */
function writeMergeOrder(text: string, input: ApprovalInput, newSection: boolean): string {
  if (input.rows.length < 2) return text;
  const plan = parsePlan(text, 'plan.md');
  const sessions = resolvePlanSessions(plan);
  const wanted = byMergeOrder(input.rows).map((r) => r.session);
  const keyOf = (label: string) => sessions.find(label)?.key ?? null;
  const wantedKeys = wanted.map(keyOf);
  const declaredHere = plan.mergeOrderDeclarations.filter((d) => d.source === 'line' && d.tokens.some((t) => wantedKeys.includes(sessions.find(t)?.key ?? '\0')));
  const line = declaredHere[0];
  if (line) {
    if (!input.orderChanged) return text;
    // Reorder only the tokens of this batch's sessions, in the slots they held.
    const tokens = [...line.tokens];
    const slots = tokens.map((t, i) => ({ i, key: sessions.find(t)?.key ?? null })).filter((x) => x.key !== null && wantedKeys.includes(x.key));
    const ordered = wanted.filter((_w, i) => slots.some((s) => s.key === wantedKeys[i]));
    slots.forEach((slot, n) => {
      const label = ordered[n];
      if (label !== undefined) tokens[slot.i] = label;
    });
    return setMergeOrderLine(text, line.line, tokens);
  }
  const column = plan.dispatchTables.find((t) => t.rows.some((r) => r.mergeOrder !== null && wanted.includes(r.session)));
  if (column) {
    if (!input.orderChanged) return text;
    const writes = column.rows.filter((r) => wanted.includes(r.session)).map((r) => ({ line: r.line, cells: { mergeOrder: String(wanted.indexOf(r.session) + 1) } }));
    return setDispatchCells(text, column.line, writes).text;
  }
  if (newSection) return text; // the new section carries its own Merge order line
  if (plan.mergeOrderDeclarations.some((d) => d.source !== 'prose' && d.tokens.some((t) => wantedKeys.includes(sessions.find(t)?.key ?? '\0')))) return text;
  const table = plan.dispatchTables.find((t) => t.rows.some((r) => wanted.includes(r.session)));
  return table ? insertAfterTable(text, table.line, [`Merge order: ${wanted.join(', ')}`]) : text;
}

/** Writes the batch's dispatch rows, its new Session Registry rows and the approval record. */
export function approvalEdit(input: ApprovalInput): PlanEdit {
  return (text) => {
    const before = parsePlan(text, 'plan.md');
    const hadTable = before.dispatchTables.some((t) => t.batch === input.batch || t.rows.some((r) => input.rows.some((x) => x.recorded && x.line === r.line)));
    let next = writeRecordedEdits(text, input);
    next = writeProposals(next, input);
    next = writeMergeOrder(next, input, !hadTable && input.rows.some((r) => !r.recorded));
    // Registry rows only for sessions the registry does not have yet: a recorded status is the person's.
    const registered = resolvePlanSessions(parsePlan(next, 'plan.md'));
    const fresh = input.rows.filter((r) => {
      const s = registered.find(r.session) ?? registered.find(r.issueId);
      return !s?.registryRow;
    });
    next = upsertSessionRegistryRows(
      next,
      fresh.map((r) => ({
        sessionName: plannedSessionName(r, input.repoPath ?? ''),
        issue: r.issueId === '' ? null : { id: r.issueId, url: r.issueUrl, title: null, linked: r.issueUrl !== null },
        phase: r.phase,
        agent: r.agent,
        worktree: r.worktree,
        branch: r.branch ?? '',
        status: DISPATCHED_STATUS,
      })),
    );
    return appendToSection(next, APPROVALS_HEADING, approvalLine(input));
  };
}

export function rejectionEdit(input: { batch: number; at: string; by: string; reason: string }): PlanEdit {
  return (text) => appendToSection(text, APPROVALS_HEADING, `- ${input.at} — Batch ${input.batch} rejected by ${input.by}: "${oneLine(input.reason)}"`);
}
