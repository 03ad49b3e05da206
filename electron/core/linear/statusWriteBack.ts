import type { LinearGateway } from './linearGateway';
import { LinearRequestError } from './linearGateway';
import { mapLinearError } from './mapLinearError';
import { pickTargetState, type WriteBackEvent } from './pickTargetState';

/**
 * Optional status write-back: session started → In Progress, branch merged → Done. Each is behind a
 * setting flag (off by default). Two requests per write: the issue with its team's states, then
 * `issueUpdate(id, { stateId })`.
 */

export interface StatusWriteBackSettings {
  moveToInProgressOnSessionStart: boolean;
  moveToDoneOnMerge: boolean;
}

export const DEFAULT_STATUS_WRITE_BACK: StatusWriteBackSettings = {
  moveToInProgressOnSessionStart: false,
  moveToDoneOnMerge: false,
};

export type WriteBackResult =
  | { kind: 'disabled' }
  | { kind: 'unchanged'; stateName: string }
  | { kind: 'moved'; from: string; to: string }
  | { kind: 'no-target-state' }
  | { kind: 'failed'; message: string };

export interface StatusWriteBack {
  sessionStarted(issueId: string): Promise<WriteBackResult>;
  branchMerged(issueId: string): Promise<WriteBackResult>;
}

export function createStatusWriteBack(
  gateway: Pick<LinearGateway, 'issueTeamStates' | 'updateIssueState'>,
  settings: () => StatusWriteBackSettings = () => DEFAULT_STATUS_WRITE_BACK,
): StatusWriteBack {
  async function move(issueId: string, event: WriteBackEvent, enabled: boolean): Promise<WriteBackResult> {
    if (!enabled) return { kind: 'disabled' };
    try {
      const { data } = await gateway.issueTeamStates(issueId);
      const current = data.issue.state;
      const target = pickTargetState(event, current, data.issue.team.states.nodes);
      if (!target) {
        const hasType = data.issue.team.states.nodes.some((s) => s.type === (event === 'session-started' ? 'started' : 'completed'));
        return hasType ? { kind: 'unchanged', stateName: current.name } : { kind: 'no-target-state' };
      }
      const res = await gateway.updateIssueState(issueId, target.id);
      if (!res.data.issueUpdate.success) return { kind: 'failed', message: 'Linear did not update the issue.' };
      return { kind: 'moved', from: current.name, to: target.name };
    } catch (error) {
      const connection = error instanceof LinearRequestError ? error.connection : mapLinearError(error, Date.now());
      return { kind: 'failed', message: connection.message };
    }
  }
  return {
    sessionStarted: (id) => move(id, 'session-started', settings().moveToInProgressOnSessionStart),
    branchMerged: (id) => move(id, 'branch-merged', settings().moveToDoneOnMerge),
  };
}
