import type { AppMeta, AppWarning } from '../domain/appMeta';
import type { LinearConnectionState, LinearPlanState, RateBudget, SubIssueCreation } from '../domain/linear';
import type { MergeQueueView } from '../domain/mergeView';
import type { LaunchRecord } from '../domain/launch';
import type { DispatchState, PlanSummary } from '../domain/planState';
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
  /** Every discovered plan file, keyed by its absolute path. */
  plans: Record<string, PlanSummary>;
  /** The derived dispatch state of each plan with phases, keyed by the plan's absolute path. */
  dispatch: Record<string, DispatchState>;
  /** Who Switchyard is connected to Linear as, and how healthy that connection is. */
  linearAccount: LinearAccount;
  /** Live Linear state of each master plan's issue and its children, keyed by master issue id. */
  linearPlans: Record<string, LinearPlanState>;
  /** Sub-issue creation progress per dispatch row, keyed by `${planPath}#${rowKey}`. */
  linearCreations: Record<string, SubIssueCreation & { planPath: string }>;
  /** One merge queue per master plan × repository × base branch, keyed by MergeQueueView.id. */
  merge: Record<string, MergeQueueView>;
  /** Dispatch rows Switchyard launched in a PTY it owns, keyed by LaunchRecord.id. */
  launches: Record<string, LaunchRecord>;
}

export interface LinearAccount {
  connection: LinearConnectionState;
  viewer: { id: string; name: string; email: string | null } | null;
  /** Where the key comes from; the key itself never reaches a client. */
  keySource: 'none' | 'env' | 'safe-storage' | 'memory';
  /** Why the key cannot be stored (e.g. Linux basic_text backend), when it cannot. */
  storageProblem: string | null;
  team: { id: string; key: string; name: string } | null;
  budget: RateBudget | null;
}

export interface StateSnapshot {
  seq: number;
  state: AppState;
}
