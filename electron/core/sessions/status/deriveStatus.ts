import type { SessionStatus } from '../../../../shared/domain/session';
import type { LiveSessionStatus } from '../../../../shared/domain/claude';

export interface StatusInput {
  /** The live registry entry for the session, if one was found. */
  live: { alive: boolean; liveStatus: LiveSessionStatus } | null;
  transcript: {
    turnInProgress: boolean;
    lastActivityAt: string | null;
    taskCompleteSeen: boolean;
    /** true when the transcript shows an open permission prompt; null when it cannot tell. */
    awaitingPermission?: boolean | null;
  } | null;
  ccc: { awaitingGate: string | null; done: boolean } | null;
  git: { dirty: boolean; ahead: number; mergedIntoBase: boolean; error: string | null } | null;
  /** Status column of the plan's Session Registry row (`Done`, `Failed`, `Active`, …). */
  planStatus: string | null;
  /** Linear `WorkflowState.type` of the issue (`completed`, `started`, …). */
  linearStateType: string | null;
  /**
   * The repository's main checkout: a place a person works, not a session. Its uncommitted changes
   * are never "stale", and it is never "merged" (it is the base).
   */
  mainCheckout?: boolean;
  now: number;
  /** A transcript written to within this window counts as growing. Default 30 s. */
  activeWindowMs?: number;
}

export interface DerivedStatus {
  status: SessionStatus;
  reason: string;
}

export const DEFAULT_ACTIVE_WINDOW_MS = 30_000;

function ageMs(iso: string | null, now: number): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : Math.max(0, now - t);
}

function planSays(planStatus: string | null, word: RegExp): boolean {
  return !!planStatus && word.test(planStatus.trim());
}

/**
 * One status and the reason in words. Order (first that applies wins):
 * waiting > working > failed > merged > done > stale > idle > unknown. Pure.
 */
export function deriveStatus(input: StatusInput): DerivedStatus {
  const { live, transcript, ccc, git, now } = input;
  const windowMs = input.activeWindowMs ?? DEFAULT_ACTIVE_WINDOW_MS;
  const alive = !!live?.alive;
  const liveStatus = alive ? live?.liveStatus : undefined;
  const activity = ageMs(transcript?.lastActivityAt ?? null, now);
  const growing = activity !== null && activity <= windowMs;
  const dirty = !!git?.dirty;

  // Waiting for a person.
  if (liveStatus === 'waiting') return { status: 'waiting', reason: 'Claude is waiting for your answer' };
  if (ccc?.awaitingGate && (alive || !live)) {
    return { status: 'waiting', reason: `Waiting for you to pass the ${ccc.awaitingGate} gate` };
  }
  if (transcript?.awaitingPermission && transcript.turnInProgress && (alive || !live)) {
    return { status: 'waiting', reason: 'Claude is waiting for a permission answer' };
  }

  // Working.
  if (liveStatus === 'busy') return { status: 'working', reason: 'Claude is working' };
  const liveSilent = !live || (alive && (liveStatus === 'shell' || liveStatus === 'unknown'));
  if (liveSilent && transcript?.turnInProgress && growing) {
    return { status: 'working', reason: 'The transcript is growing' };
  }

  // Failed.
  if (planSays(input.planStatus, /^fail/i)) return { status: 'failed', reason: 'The plan marks this session Failed' };
  if (live && !live.alive && transcript?.turnInProgress) {
    return { status: 'failed', reason: 'Claude exited in the middle of a turn' };
  }

  const main = !!input.mainCheckout;
  // Merged.
  if (!main && git?.mergedIntoBase && !dirty) return { status: 'merged', reason: 'The branch is merged into its base' };

  // Done.
  const doneBy: string[] = [];
  if (transcript?.taskCompleteSeen) doneBy.push('Claude said TASK_COMPLETE');
  if (ccc?.done) doneBy.push('every task of the execution loop is done');
  if (input.linearStateType === 'completed') doneBy.push('the Linear issue is done');
  if (planSays(input.planStatus, /^(done|complete)/i)) doneBy.push('the plan marks it Done');
  if (doneBy.length > 0 && !dirty && !(alive && transcript?.turnInProgress)) {
    return { status: 'done', reason: `Done: ${doneBy[0]} and all work is committed` };
  }

  // Stale: nobody is at work and changes lie uncommitted.
  if (!alive && dirty && !main) {
    const what = doneBy.length > 0 ? `${doneBy[0]}, but changes are not committed` : 'No Claude process, and changes are not committed';
    return { status: 'stale', reason: what };
  }

  // Idle.
  if (alive) {
    return {
      status: 'idle',
      reason: liveStatus === 'shell' ? 'Claude is running a shell command you started' : 'Claude is idle, waiting for a prompt',
    };
  }
  if (main && !git?.error) {
    return { status: 'idle', reason: dirty ? 'Main checkout with uncommitted changes; no Claude process here' : 'Main checkout; no Claude process here' };
  }
  if (git?.error && !transcript) return { status: 'unknown', reason: `Git cannot read this worktree: ${git.error}` };
  if (transcript) {
    return {
      status: 'idle',
      reason: transcript.turnInProgress ? 'No recent activity in the middle of a turn' : 'No Claude process is running here',
    };
  }
  if (git) return { status: 'idle', reason: git.ahead > 0 ? 'Committed work, no session running' : 'No session running' };
  return { status: 'unknown', reason: 'Nothing is known about this session yet' };
}
