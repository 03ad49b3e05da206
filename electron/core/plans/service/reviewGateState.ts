import type { Violation } from '../../../../shared/domain/dispatch';
import type { BatchReview, ReviewGateState, ReviewTiming } from '../../../../shared/domain/reviewGates';
import { violation } from '../../dispatch/ruleBook';
import { anyPreDispatch, gatesOfRow, preDispatchCleared, type PlanReviewGates, type ReviewedRow } from '../reviewGates';

/**
 * §3 on the Dispatch view: the gates of each batch, and the pre-dispatch one enforced ("All
 * sessions block until review passes Gate 2"). Pure.
 */

const WORDS: Record<ReviewTiming, string> = {
  'pre-dispatch': 'pre-dispatch review of the master spec (Gate 2)',
  'in-session': 'in-session review at each checkpoint (Option D)',
  'post-session': "post-session review of the session's PR before merge (Options A-C)",
};

export function reviewGateState(gates: PlanReviewGates, rows: readonly ReviewedRow[]): ReviewGateState {
  const required = anyPreDispatch(gates);
  const blocking = required && !preDispatchCleared(gates);
  const indices = [...new Set(rows.map((r) => r.batch))].sort((a, b) => a - b);
  const batches: BatchReview[] = indices.map((batch) => {
    const sessions: Record<string, ReviewTiming[]> = {};
    for (const r of rows.filter((x) => x.batch === batch)) sessions[r.session] = gatesOfRow(gates, r);
    const timings = [...new Set(Object.values(sessions).flat())];
    if (required && !timings.includes('pre-dispatch')) timings.unshift('pre-dispatch');
    const ordered = (['pre-dispatch', 'in-session', 'post-session'] as const).filter((t) => timings.includes(t));
    return { batch, timings: ordered, sessions, blocked: blocking, message: batchMessage(batch, ordered, gates, blocking) };
  });
  return { plan: gates.plan, sources: gates.sources, preDispatch: { required, record: gates.preDispatch, blocking }, postSession: gates.postSession, batches };
}

function batchMessage(batch: number, timings: readonly ReviewTiming[], gates: PlanReviewGates, blocking: boolean): string {
  if (timings.length === 0) return `Batch ${batch}: the plan asks for no review gate.`;
  const parts = timings.map((t) => WORDS[t]);
  if (blocking) {
    const failed = gates.preDispatch?.outcome === 'failed' ? ` (the last review failed: ${gates.preDispatch.note || 'no note'})` : '';
    return `Batch ${batch} waits for the pre-dispatch review to pass Gate 2${failed}: record it, or waive it with a reason. Gates: ${parts.join('; ')}.`;
  }
  return `Batch ${batch} gates: ${parts.join('; ')}.`;
}

/** The approval gate's violation for a batch held by the pre-dispatch review (null when it is not). */
export function preDispatchViolation(state: ReviewGateState, batch: number): Violation | null {
  const b = state.batches.find((x) => x.batch === batch);
  if (!b?.blocked) return null;
  return violation('review.pre-dispatch', b.message, { batch });
}
