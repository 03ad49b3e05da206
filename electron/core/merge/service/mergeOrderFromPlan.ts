import type { ParsedPlan } from '../../../../shared/domain/plan';
import type { SessionRecord } from '../../../../shared/domain/session';

/** One branch of a plan's merge queue, with the plan facts that name it. */
export interface PlannedBranch {
  phase: string;
  branch: string;
  issueId: string | null;
  /** The Session Registry row's name (what `setSessionRegistryStatus` finds), else the live session's. */
  sessionName: string | null;
}

const ORDER_LINE = /^[ \t>*_-]*merge order\**[ \t]*:[ \t]*\**[ \t]*(.+?)[ \t]*$/gim;

function batchNumber(batch: string | null): number {
  const n = Number.parseInt(batch ?? '', 10);
  return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
}

/**
 * Phases in the order the plan declares them merged (§8: "define merge order in the dispatch
 * table"): the `Merge order: 1A, 1B` lines first, then each dispatch table's Merge order column,
 * then every other phase by batch and Phase Map position. `declared` is false when only the last
 * (fallback) source said anything.
 */
export function declaredPhaseOrder(parsed: ParsedPlan, text: string): { phases: string[]; declared: boolean } {
  const known = new Set([...parsed.phases.map((p) => p.phase), ...parsed.dispatchTables.flatMap((t) => t.rows.map((r) => r.session))]);
  const byUpper = new Map([...known].map((k) => [k.toUpperCase(), k]));
  const out: string[] = [];
  const add = (phase: string | undefined) => {
    if (phase !== undefined && !out.includes(phase)) out.push(phase);
  };
  for (const m of text.matchAll(ORDER_LINE)) {
    for (const token of (m[1] ?? '').split(/\s*(?:,|→|->|>|;)\s*/)) add(byUpper.get(token.replace(/[`*]/g, '').trim().toUpperCase()));
  }
  for (const table of parsed.dispatchTables) {
    const ranked = table.rows.filter((r) => r.mergeOrder !== null).sort((a, b) => (a.mergeOrder ?? 0) - (b.mergeOrder ?? 0));
    for (const r of ranked) add(byUpper.get(r.session.toUpperCase()));
  }
  const declared = out.length > 0;
  const rest = parsed.phases.map((p, i) => ({ p, i })).sort((x, y) => batchNumber(x.p.batch) - batchNumber(y.p.batch) || x.i - y.i);
  for (const { p } of rest) add(p.phase);
  return { phases: out, declared };
}

function branchOfRecord(r: SessionRecord): string | null {
  return r.git?.branch ?? r.worktree?.branch ?? null;
}

/**
 * Pure: the plan's branches in merge order. A phase's branch comes from (first that says) its
 * dispatch row's Branch cell, its Session Registry row, a live session of this plan in that phase,
 * or a live session / registry row of one of the phase's issues. Phases without a branch yet (not
 * dispatched) are left out; the base itself (`(direct main)` rows) never is a queue entry.
 */
export function mergeOrderFromPlan(parsed: ParsedPlan, text: string, records: readonly SessionRecord[] = []): PlannedBranch[] {
  const { phases } = declaredPhaseOrder(parsed, text);
  const ofPlan = records.filter((r) => r.planPath === parsed.path);
  const out: PlannedBranch[] = [];
  for (const phase of phases) {
    const key = phase.toUpperCase();
    const issues = (parsed.phases.find((p) => p.phase.toUpperCase() === key)?.issues ?? []).map((i) => i.id.toUpperCase());
    const dispatchRow = parsed.dispatchTables.flatMap((t) => t.rows).find((r) => r.session.toUpperCase() === key);
    const regRows = parsed.sessionRegistry.filter((r) => r.phase.trim().toUpperCase() === key && r.branch);
    const regRow = regRows[regRows.length - 1];
    const issueRegRow = [...parsed.sessionRegistry].reverse().find((r) => r.branch && r.issue && issues.includes(r.issue.id.toUpperCase()));
    const phaseRecord = ofPlan.find((r) => r.phase?.toUpperCase() === key && branchOfRecord(r));
    const issueRecord = records.find((r) => r.issueId && issues.includes(r.issueId.toUpperCase()) && branchOfRecord(r) && !r.worktree?.isMain);
    const branch = dispatchRow?.branch || regRow?.branch || (phaseRecord && branchOfRecord(phaseRecord)) || issueRegRow?.branch || (issueRecord && branchOfRecord(issueRecord)) || null;
    if (!branch || out.some((b) => b.branch === branch)) continue;
    const row = regRow ?? parsed.sessionRegistry.find((r) => r.branch === branch) ?? issueRegRow;
    const record = records.find((r) => branchOfRecord(r) === branch) ?? phaseRecord ?? issueRecord;
    out.push({
      phase,
      branch,
      issueId: dispatchRow?.issue?.id ?? row?.issue?.id ?? record?.issueId ?? issues[0] ?? null,
      sessionName: row?.sessionName ?? record?.name ?? null,
    });
  }
  return out;
}
