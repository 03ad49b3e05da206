import type { MergeSessionStatus } from '../../../../shared/domain/merge';
import type { SessionStatus } from '../../../../shared/domain/session';

/**
 * The live registry's status in the merge queue's terms. `merged` still counts as completed: the
 * queue itself sees that everything is in the base. Idle, stale and unknown sessions have not said
 * they finished, so the queue waits for them (a stale one is also blocked by its dirty tree).
 */
export function mergeStatusOf(status: SessionStatus | null | undefined): MergeSessionStatus {
  switch (status) {
    case 'done':
    case 'merged':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'working':
      return 'working';
    case 'waiting':
      return 'waiting-input';
    default:
      return 'unknown';
  }
}
