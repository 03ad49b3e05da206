import type { AppMeta, AppWarning } from '../domain/appMeta';
import type { SessionRecord } from '../domain/session';
import type { Settings } from '../domain/settings';

/**
 * The whole mirrored state. Top-level keys are either singletons (meta, settings) or collections
 * keyed by entity id; patches address `[key]` or `[key, id]` (see statePatch.ts).
 */
export interface AppState {
  meta: AppMeta;
  settings: Settings;
  /** One record per worktree (or live Claude process outside any), keyed by SessionRecord.id. */
  sessions: Record<string, SessionRecord>;
  warnings: Record<string, AppWarning>;
}

export interface StateSnapshot {
  seq: number;
  state: AppState;
}
