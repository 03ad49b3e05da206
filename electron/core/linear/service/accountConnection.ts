import type { LinearConnectionState, LinearPlanState } from '../../../../shared/domain/linear';

/** How a poll result changes the account's connection state (pure). */

export const CONNECTED: LinearConnectionState = { kind: 'ok', message: 'Connected to Linear.', until: null };
export const CONNECTING: LinearConnectionState = { kind: 'ok', message: 'Connecting to Linear…', until: null };

/**
 * A failed poll reports its error; a fresh successful poll means the connection is fine again; a
 * cached (stale) state says nothing about the connection now.
 */
export function connectionAfterPoll(current: LinearConnectionState, plan: LinearPlanState): LinearConnectionState {
  if (plan.connection.kind !== 'ok') return plan.connection;
  if (!plan.stale) return current.kind === 'ok' && current.message === CONNECTED.message ? current : CONNECTED;
  return current;
}
