import type { AppMeta } from '../domain/appMeta';
import { NOT_CONFIGURED } from '../domain/linear';
import type { Settings } from '../domain/settings';
import type { AppState } from './appState';

/** The state before anything is known: every collection empty, Linear not configured. */
export function newAppState(meta: AppMeta, settings: Settings): AppState {
  return {
    meta,
    settings,
    sessions: {},
    warnings: {},
    plans: {},
    dispatch: {},
    linearAccount: { connection: NOT_CONFIGURED, viewer: null, keySource: 'none', storageProblem: null, team: null, budget: null },
    linearPlans: {},
    linearCreations: {},
    merge: {},
    launches: {},
  };
}
