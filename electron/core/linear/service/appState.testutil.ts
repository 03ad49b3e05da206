import { defaultSettings } from '../../../../shared/domain/settings';
import type { AppState } from '../../../../shared/state/appState';

/** An empty app state for the Linear service tests. */
export function emptyAppState(demo = false): AppState {
  return {
    meta: { version: '0', mode: 'serve', demo, claudeHome: '/h', dataDir: '/d', startedAt: '', claudeHomeSource: demo ? 'demo' : 'default', ready: false, scanProgress: null },
    settings: defaultSettings(),
    sessions: {},
    warnings: {},
    plans: {},
    dispatch: {},
    linearAccount: { connection: { kind: 'not-configured', message: '', until: null }, viewer: null, keySource: 'none', storageProblem: null, team: null, budget: null },
    linearPlans: {},
    linearCreations: {},
    merge: {},
  };
}
