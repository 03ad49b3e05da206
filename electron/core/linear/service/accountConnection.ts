import type { LinearConnectionState, LinearPlanState } from '../../../../shared/domain/linear';

/** How a poll result changes the account's connection state (pure). */

export const CONNECTED: LinearConnectionState = { kind: 'ok', message: 'Connected to Linear.', until: null };
export const CONNECTING: LinearConnectionState = { kind: 'ok', message: 'Connecting to Linear…', until: null };

/**
 * A failed poll reports an account-wide error (bad key, rate limit, offline, Linear down); a fresh successful poll means the connection is fine again; a
 * cached (stale) state says nothing about the connection now.
 */
const ACCOUNT_WIDE = new Set<LinearConnectionState['kind']>(['bad-key', 'rate-limited', 'offline', 'linear-down']);

export function connectionAfterPoll(current: LinearConnectionState, plan: LinearPlanState): LinearConnectionState {
  // One plan's missing issue (no-access) or odd reply (error) stays on that plan.
  if (plan.connection.kind !== 'ok') return ACCOUNT_WIDE.has(plan.connection.kind) ? plan.connection : current;
  if (!plan.stale) return current.kind === 'ok' && current.message === CONNECTED.message ? current : CONNECTED;
  return current;
}
