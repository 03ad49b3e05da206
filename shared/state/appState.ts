import type { AppMeta, AppWarning } from '../domain/appMeta';
import type { Settings } from '../domain/settings';

/** A worktree as the foundation lists it; the session registry enriches it into a SessionRecord. */
export interface WorktreeListItem {
  id: string;
  path: string;
  repoRoot: string | null;
  branch: string | null;
  head: string | null;
  source: string;
}

/**
 * The whole mirrored state. Top-level keys are either singletons (meta, settings) or collections
 * keyed by entity id; patches address `[key]` or `[key, id]` (see statePatch.ts).
 */
export interface AppState {
  meta: AppMeta;
  settings: Settings;
  worktrees: Record<string, WorktreeListItem>;
  warnings: Record<string, AppWarning>;
}

export interface StateSnapshot {
  seq: number;
  state: AppState;
}
