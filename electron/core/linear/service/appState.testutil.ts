import { defaultSettings } from '../../../../shared/domain/settings';
import type { AppState } from '../../../../shared/state/appState';
import { newAppState } from '../../../../shared/state/newAppState';

/** An empty app state for the Linear service tests. */
export function emptyAppState(demo = false): AppState {
  return newAppState(
    { version: '0', mode: 'serve', demo, claudeHome: '/h', dataDir: '/d', startedAt: '', claudeHomeSource: demo ? 'demo' : 'default', ready: false, scanProgress: null },
    defaultSettings(),
  );
}
