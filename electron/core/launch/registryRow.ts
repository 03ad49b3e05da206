import type { ParsedPlan } from '../../../shared/domain/plan';
import type { PlanEdit } from '../plans/planFile';
import { renameSessionRegistryRow, upsertSessionRegistryRows } from '../plans/planWriter';

export const LAUNCHED_STATUS = 'Active';

export interface LaunchRow {
  issueId: string;
  issueUrl: string | null;
  phase: string;
  agent: string;
  worktree: string;
  branch: string;
}

/**
 * The Session Registry name a launch writes under: the row approval already wrote for this issue
 * (its planned name), else `fallback`. Pure.
 */
export function placeholderName(plan: ParsedPlan, issueId: string, fallback: string): string {
  const id = issueId.toUpperCase();
  const row = id === '' ? undefined : [...plan.sessionRegistry].reverse().find((r) => r.issue?.id.toUpperCase() === id);
  return row?.sessionName.trim() || fallback;
}

/** The row as launched: worktree, branch and status Active, under `name`. Only that row changes. */
export function launchedRowEdit(name: string, row: LaunchRow): PlanEdit {
  return (text) =>
    upsertSessionRegistryRows(text, [
      {
        sessionName: name,
        issue: row.issueId === '' ? null : { id: row.issueId, url: row.issueUrl, title: null, linked: row.issueUrl !== null },
        phase: row.phase,
        agent: row.agent,
        worktree: row.worktree,
        branch: row.branch,
        status: LAUNCHED_STATUS,
      },
    ]);
}

/** The placeholder gives way to Claude Code's own session name. */
export function renamedRowEdit(from: string, to: string): PlanEdit {
  return (text) => renameSessionRegistryRow(text, from, to);
}
