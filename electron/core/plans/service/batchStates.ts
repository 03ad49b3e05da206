import type { Batch } from '../../../../shared/domain/dispatch';
import type { ParsedPlan } from '../../../../shared/domain/plan';
import type { BatchState } from '../../../../shared/domain/planState';

const DECISION = /\bbatch\s+(\d+)\s+(approved|rejected|reopened)\b/i;

/**
 * Where each batch stands, from the plan file itself: the latest `## Dispatch Approvals` line about
 * it (approved, rejected; `reopened` clears it), else "dispatched" when every phase already has a Session Registry row, else a draft.
 */
export function batchStates(plan: ParsedPlan, batches: readonly Batch[]): BatchState[] {
  const latest = new Map<number, { state: 'approved' | 'rejected'; note: string }>();
  for (const entry of plan.approvals) {
    const m = DECISION.exec(entry.text);
    if (!m?.[1] || !m[2]) continue;
    // `Batch 2 reopened`: the batch numbers moved (a follow-up batch went before it): its older decision is history.
    if (m[2].toLowerCase() === 'reopened') {
      latest.delete(Number(m[1]));
      continue;
    }
    latest.set(Number(m[1]), { state: m[2].toLowerCase() === 'approved' ? 'approved' : 'rejected', note: entry.text });
  }
  const issuesOf = new Map(plan.phases.map((p) => [p.phase, p.issues.map((i) => i.id.toUpperCase())]));
  const registered = (phase: string) =>
    plan.sessionRegistry.some(
      (r) => r.phase.trim().toLowerCase() === phase.toLowerCase() || (r.issue !== null && (issuesOf.get(phase) ?? []).includes(r.issue.id.toUpperCase())),
    );
  return batches.map((b) => {
    const decided = latest.get(b.index);
    if (decided) return { index: b.index, state: decided.state, note: decided.note };
    if (b.phases.length > 0 && b.phases.every(registered)) return { index: b.index, state: 'dispatched', note: null };
    return { index: b.index, state: 'draft', note: null };
  });
}
