import type { DispatchRowDraft } from '../../../shared/domain/dispatch';
import { agentInfo } from './agents';

export type MergeSessionType = 'worktree' | 'non-worktree-on-main' | 'external';

export interface MergeGuidance {
  sessionType: MergeSessionType;
  /** What the Desktop Code UI shows at the bottom of the session. */
  uiShows: string;
  /** What to do (§8 Merging Completed Sessions). */
  action: string;
}

/** §8 "Merging Completed Sessions (Desktop Code UI)" for one row. */
export function mergeGuidance(row: Pick<DispatchRowDraft, 'agent' | 'worktree' | 'branch'>): MergeGuidance {
  if (agentInfo(row.agent).external || row.worktree === 'n/a') {
    return {
      sessionType: 'external',
      uiShows: 'N/A (managed by agent platform)',
      action: 'The agent auto-creates a PR. Review and merge in GitHub.',
    };
  }
  if (row.worktree === 'yes') {
    return {
      sessionType: 'worktree',
      uiShows: `main ← ${row.branch ?? 'claude/{session-name}'} + "Commit changes"`,
      action: 'Click "Commit changes" to push the branch and create a PR. Review the diff in GitHub, then merge in the dispatch table\'s merge order.',
    };
  }
  if (row.branch !== null && row.branch !== 'main') {
    return {
      sessionType: 'non-worktree-on-main',
      uiShows: `main ← ${row.branch} + "Create PR"`,
      action: `The session worked in the main checkout on ${row.branch}: create the PR from that branch, review, then merge.`,
    };
  }
  return {
    sessionType: 'non-worktree-on-main',
    uiShows: 'main ← main + "Create PR"',
    action: 'Do NOT click "Create PR" (main→main PR is meaningless). Push main directly via terminal when ready: git push.',
  };
}
