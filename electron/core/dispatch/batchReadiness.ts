import type { Batch, PhaseFacts, Violation } from '../../../shared/domain/dispatch';
import { isUnreviewedFailure } from './phaseFacts';
import { violation } from './ruleBook';

/**
 * §1 "Complete Batch 1 before launching Batch 2", and §8 "The next batch should not depend on
 * failed session outputs without human review": may batch N be launched now? Pure; the approval
 * gate asks it before launching.
 */

export interface SessionHold {
  phase: string;
  batch: number;
  /** Session Registry status as written; null when the phase was never dispatched. */
  status: string | null;
}

export interface BatchReadiness {
  batch: number;
  ready: boolean;
  /** Sessions of earlier batches that are neither Done nor Merged (nor a reviewed failure). */
  unfinished: SessionHold[];
  /** Sessions of earlier batches that Failed with no recorded human review. */
  unreviewedFailures: SessionHold[];
  /** One sentence for the person, naming every session that holds the batch back. */
  message: string;
}

/** `Done`, `Merged`, `Completed`, `Done (PR #12)` — the session finished. */
export function isFinished(status: string | null): boolean {
  return status !== null && /^[^\p{L}]*(done|merged|complete(?:d)?)\b/iu.test(status);
}

function isFailed(status: string | null): boolean {
  return status !== null && /^[^\p{L}]*failed\b/iu.test(status);
}

export function batchReadiness(batch: number, batches: readonly Batch[], phases: readonly PhaseFacts[]): BatchReadiness {
  const byId = new Map(phases.map((p) => [p.phase, p]));
  const unfinished: SessionHold[] = [];
  const unreviewedFailures: SessionHold[] = [];
  for (const b of [...batches].sort((x, y) => x.index - y.index)) {
    if (b.index >= batch) continue;
    for (const id of b.phases) {
      const p = byId.get(id);
      // No Session Registry row: the issue marked Done is the session's exit (§8 "Mark its Linear issue Done").
      const status = p?.status ?? (p && isFinished(p.issueStatus) ? p.issueStatus : null);
      if (p && isUnreviewedFailure(p)) unreviewedFailures.push({ phase: id, batch: b.index, status });
      else if (!isFinished(status) && !(isFailed(status) && p?.failureReviewed === true)) unfinished.push({ phase: id, batch: b.index, status });
    }
  }
  const ready = unfinished.length === 0 && unreviewedFailures.length === 0;
  const list = (holds: readonly SessionHold[]): string => holds.map((h) => `${h.phase} (batch ${h.batch}: ${h.status ?? 'not dispatched'})`).join(', ');
  const parts: string[] = [];
  if (unfinished.length > 0) parts.push(`not Done/Merged yet: ${list(unfinished)}`);
  if (unreviewedFailures.length > 0) parts.push(`Failed without a recorded human review: ${list(unreviewedFailures)}`);
  const message = ready ? `Batch ${batch} may launch: every session of the earlier batches is Done or Merged.` : `Batch ${batch} waits — complete the earlier batches first; ${parts.join('; ')}.`;
  return { batch, ready, unfinished, unreviewedFailures, message };
}

/** The readiness as a violation for the approval gate (null when ready). */
export function readinessViolation(r: BatchReadiness): Violation | null {
  if (r.ready) return null;
  return violation('batch.complete-first', r.message, { batch: r.batch, phases: [...r.unfinished, ...r.unreviewedFailures].map((h) => h.phase) });
}
