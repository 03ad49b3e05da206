import type { DispatchRowDraft, Violation } from '../../../../shared/domain/dispatch';
import { worktreeName } from '../../dispatch';
import { indexPlan } from '../planIndex';
import type { PlanEdit } from '../planFile';
import { appendToSection, upsertSessionRegistryRows } from '../planWriter';
import { appendSection, bodyLines, replaceSectionBody } from '../sectionEdit';
import { renderRow } from '../tableEdit';

/** The plan-file side of approving or rejecting a batch: only these sections ever change. */

export const APPROVALS_HEADING = '## Dispatch Approvals';
export const DISPATCHED_STATUS = 'Dispatched';

const TABLE_COLUMNS = ['Session', 'Issue', 'Focus', 'Mode', 'Est. Cost', 'Agent', 'Worktree', 'Branch', 'Launch as', 'Merge order'];

export interface ApprovalInput {
  batch: number;
  /** The approved rows of that batch, with the person's edits. */
  rows: readonly DispatchRowDraft[];
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

/** The dispatch table as the rule book draws it (§8), plus Branch, Launch as and Merge order. */
export function renderDispatchTable(rows: readonly DispatchRowDraft[]): string[] {
  const ordered = [...rows].sort((a, b) => a.session.localeCompare(b.session, 'en', { numeric: true }));
  const byMerge = [...rows].sort((a, b) => a.mergeOrder - b.mergeOrder);
  const position = new Map(byMerge.map((r, i) => [r.session, i + 1]));
  return [
    renderRow(TABLE_COLUMNS, null),
    `|${TABLE_COLUMNS.map(() => '---').join('|')}|`,
    ...ordered.map((r) =>
      renderRow(
        [r.session, issueCell(r), r.focus, r.mode ?? '', costCell(r.estCostUsd), r.agent, r.worktree, r.branch ?? '', r.launchAs ?? '', String(position.get(r.session) ?? '')],
        null,
      ),
    ),
    '',
    `Merge order: ${byMerge.map((r) => r.session).join(', ')}`,
  ];
}

/** Replaces the body of `## Dispatch — Batch N` (any heading naming dispatch and that batch), or appends it. */
export function setBatchDispatchSection(text: string, batch: number, lines: readonly string[]): string {
  const index = indexPlan(text);
  const batchWord = new RegExp(`\\bbatch\\s*${batch}\\b`);
  const section = index.sections.find((s) => s.key.includes('dispatch') && batchWord.test(s.key) && !/approv|log/.test(s.key));
  if (section) return replaceSectionBody(index, section, lines.join('\n'));
  return appendSection(index, 2, `Dispatch — Batch ${batch}`, bodyLines([...lines]));
}

/** The session name a row will show up under: the worktree the launch command creates. */
export function plannedSessionName(row: DispatchRowDraft): string {
  return row.worktree === 'n/a' ? `${row.agent} ${row.issueId}`.trim() : worktreeName(row);
}

export function approvalLine(input: ApprovalInput): string {
  const order = [...input.rows].sort((a, b) => a.mergeOrder - b.mergeOrder).map((r) => r.session);
  let line = `- ${input.at} — Batch ${input.batch} approved by ${input.by}: ${input.rows.length} session(s) ${[...input.rows].map((r) => r.session).join(', ')}; merge order ${order.join(' → ')}`;
  if (input.overrideReason) {
    const rules = [...new Set(input.overridden.map((v) => v.rule))].join(', ');
    line += `; OVERRIDE of ${input.overridden.length} violation(s)${rules ? ` (${rules})` : ''}: "${oneLine(input.overrideReason)}"`;
  }
  return line;
}

/** Writes the batch's dispatch table, its new Session Registry rows and the approval record. */
export function approvalEdit(input: ApprovalInput): PlanEdit {
  return (text) => {
    let next = setBatchDispatchSection(text, input.batch, renderDispatchTable(input.rows));
    next = upsertSessionRegistryRows(
      next,
      input.rows.map((r) => ({
        sessionName: plannedSessionName(r),
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
