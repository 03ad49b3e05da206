import type { ParsedPlan } from '../../../../shared/domain/plan';
import type { SessionRecord } from '../../../../shared/domain/session';
import { isBaseBranch, resolvePlanSessions, type PlanSession, type ResolvedMergeOrder } from '../../plans/planSessions';

/** One branch of a plan's merge queue, with the plan facts that name it. */
export interface PlannedBranch {
  /** The session as the plan calls it (`S-A`, `1A`), else its phase or issue. */
  label: string;
  phase: string | null;
  branch: string;
  issueId: string | null;
  /** The Session Registry row's name (what `setSessionRegistryStatus` finds), else the live session's. */
  sessionName: string | null;
  /** The plan declares this branch's place in the order. */
  declared: boolean;
  /** The plan records a different branch than the one the live session works on (both named). */
  recordedBranch: string | null;
  /** A live session has the branch, or the registry says its session started: a missing branch is gone, not unstarted. */
  started: boolean;
}

const NOT_STARTED = /^(?:|dispatched|planned|not[ -]?started|todo|to[ -]do|queued|pending|ready|approved|draft)$/i;

/** Registry words that mean the session has run (so its branch existed). */
export function registryStatusStarted(status: string | null | undefined): boolean {
  return !NOT_STARTED.test((status ?? '').replace(/^[^\p{L}]+/u, '').trim());
}

export interface PlanMergeOrder {
  branches: PlannedBranch[];
  order: ResolvedMergeOrder;
}

function branchOfRecord(r: SessionRecord): string | null {
  return r.git?.branch ?? r.worktree?.branch ?? null;
}

/** The live session of a plan session: same recorded branch first, else its issue, else its phase. */
function recordOf(s: PlanSession, planPath: string, records: readonly SessionRecord[]): SessionRecord | null {
  const live = records.filter((r) => !r.worktree?.isMain && branchOfRecord(r));
  if (s.branch) {
    const byBranch = live.find((r) => branchOfRecord(r) === s.branch);
    if (byBranch) return byBranch;
  }
  const issue = s.issueId?.toUpperCase();
  if (issue) {
    const byIssue = live.find((r) => r.issueId?.toUpperCase() === issue);
    if (byIssue) return byIssue;
  }
  const phase = s.phase?.toUpperCase();
  if (phase) return live.find((r) => r.planPath === planPath && r.phase?.toUpperCase() === phase) ?? null;
  return null;
}

/**
 * Pure: the plan's branches in merge order. The order and the sessions come from the plan's record
 * (`plans/planSessions`): declared ones first, in the declared order, then the rest by batch and
 * plan order. A session's branch is the one its live worktree is on (that is where the commits
 * are), else the branch the plan records. Sessions with neither (not dispatched) are left out; the
 * base itself (`(direct main)` rows on `main`) is never a queue entry (planQueues drops it).
 */
export function planMergeOrder(parsed: ParsedPlan, records: readonly SessionRecord[] = []): PlanMergeOrder {
  const sessions = resolvePlanSessions(parsed);
  const out: PlannedBranch[] = [];
  for (const key of sessions.mergeOrder.keys) {
    const s = sessions.sessions.find((x) => x.key === key);
    if (!s) continue;
    const record = recordOf(s, parsed.path, records);
    const live = record ? branchOfRecord(record) : null;
    const branch = live ?? s.branch;
    // A direct-main session works on the base itself: §8 "push main directly", never a queue entry.
    if (!branch || isBaseBranch(branch) || out.some((b) => b.branch === branch)) continue;
    out.push({
      label: s.label ?? s.phase ?? s.issueId ?? key,
      phase: s.phase,
      branch,
      issueId: s.issueId ?? record?.issueId ?? null,
      sessionName: s.sessionName ?? record?.name ?? null,
      declared: sessions.mergeOrder.declaredKeys.includes(key),
      recordedBranch: s.branch && live && s.branch !== live ? s.branch : null,
      started: record !== null || registryStatusStarted(s.registryRow?.status),
    });
  }
  return { branches: out, order: sessions.mergeOrder };
}

/** The branches only (callers that do not show where the order came from). */
export function mergeOrderFromPlan(parsed: ParsedPlan, records: readonly SessionRecord[] = []): PlannedBranch[] {
  return planMergeOrder(parsed, records).branches;
}
