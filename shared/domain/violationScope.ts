import type { DispatchRowDraft, Violation } from './dispatch';

/**
 * Does a violation stand in the way of approving `batch`? Findings without a batch count when they
 * name one of its phases or sessions. Core (approval gate) and the Dispatch view (where it is shown)
 * use this one rule, so what blocks the button is what blocks the write.
 */
export function violationConcernsBatch(v: Violation, batch: number, rows: readonly DispatchRowDraft[]): boolean {
  if (v.where.batch !== undefined) return v.where.batch === batch;
  const inBatch = rows.filter((r) => r.batch === batch);
  const phases = new Set(inBatch.map((r) => r.phase));
  const sessions = new Set(inBatch.map((r) => r.session));
  if (v.where.phases?.some((p) => phases.has(p))) return true;
  return v.where.row?.split(/,\s*/).some((s) => sessions.has(s)) ?? false;
}
