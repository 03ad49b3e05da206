import type { PhaseFacts, Violation } from '../../../shared/domain/dispatch';
import { violation } from './ruleBook';

/**
 * The most phases of one plan the engine evaluates. Every pair is decided (n² / 2 decisions), so
 * the cap bounds both the time the event loop is blocked and the memory the decisions take; a
 * plan beyond it is evaluated on its first phases and says so. Measured (bench/dispatchScale.ts,
 * 2 shared cores): 300 phases evaluate in about a second; a plan of thousands of phases is not
 * something a person can dispatch anyway (3 sessions per batch).
 */
export const MAX_EVALUATED_PHASES = 300;

const slices = new WeakMap<readonly PhaseFacts[], readonly PhaseFacts[]>();

/** The phases the engine evaluates: the first MAX_EVALUATED_PHASES in plan order (same array when under). */
export function evaluatedPhases(phases: readonly PhaseFacts[]): readonly PhaseFacts[] {
  if (phases.length <= MAX_EVALUATED_PHASES) return phases;
  let slice = slices.get(phases);
  if (!slice) {
    slice = phases.slice(0, MAX_EVALUATED_PHASES);
    slices.set(phases, slice);
  }
  return slice;
}

/** The warning for a plan over the cap, null when it is under. */
export function tooManyPhases(phases: readonly PhaseFacts[]): Violation | null {
  if (phases.length <= MAX_EVALUATED_PHASES) return null;
  const first = phases[0]?.phase ?? '';
  const last = phases[MAX_EVALUATED_PHASES - 1]?.phase ?? '';
  return violation(
    'plan.size',
    `The plan has ${phases.length.toLocaleString('en')} phases; only the first ${MAX_EVALUATED_PHASES} (${first} … ${last}) are evaluated and batched. The other ${(phases.length - MAX_EVALUATED_PHASES).toLocaleString('en')} are left out of this dispatch: split the plan, or dispatch these first.`,
    {},
    'warning',
  );
}
