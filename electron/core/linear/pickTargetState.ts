import type { LinearState } from '../../../shared/domain/linear';

/** Which workflow state a write-back moves an issue to (pure). */

export type WriteBackEvent = 'session-started' | 'branch-merged';

export interface TeamState extends LinearState {
  position: number;
}

const PREFERRED: Record<WriteBackEvent, { type: string; name: string }> = {
  'session-started': { type: 'started', name: 'in progress' },
  'branch-merged': { type: 'completed', name: 'done' },
};

/** The target state, or null when no move is needed (already there, or further along). */
export function pickTargetState(event: WriteBackEvent, current: LinearState, states: TeamState[]): TeamState | null {
  const want = PREFERRED[event];
  if (current.type === want.type) return null;
  // Never pull a finished issue back to In Progress.
  if (event === 'session-started' && ['completed', 'canceled', 'duplicate'].includes(current.type)) return null;
  const candidates = states.filter((s) => s.type === want.type).sort((a, b) => a.position - b.position);
  return candidates.find((s) => s.name.trim().toLowerCase() === want.name) ?? candidates[0] ?? null;
}
