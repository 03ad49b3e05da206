import type { MergeQueueView } from '../../../../shared/domain/mergeView';
import type { PlanSection } from '../../../../shared/domain/plan';
import type { SessionRecord } from '../../../../shared/domain/session';
import type { PlanFileSnapshot } from '../planFile';
import { hasSessionSummary, type PredictedConflict, type SessionExitFacts } from '../sessionExit';
import { planWorkspace } from './planMasterInfo';

/**
 * What Switchyard knows about a finished session, for its §8 exit summary: the live record (issue,
 * branch, commits, files, tokens, cost, TASK_COMPLETE / tasks) and the merge queue's conflict
 * matrix (predicted conflicts with the plan's other sessions). Pure.
 */
export function exitFactsOf(r: SessionRecord, snapshot: PlanFileSnapshot, queues: readonly MergeQueueView[]): SessionExitFacts {
  const workspace = planWorkspace(snapshot.parsed);
  const registry = snapshot.parsed.sessionRegistry.find((row) => row.issue?.id && r.issueId && row.issue.id.toUpperCase() === r.issueId.toUpperCase());
  const issueUrl = registry?.issue?.url ?? (r.issueId && workspace ? `https://linear.app/${workspace}/issue/${r.issueId}` : null);
  const branch = r.git?.branch ?? r.worktree?.branch ?? null;
  const u = r.claude?.usage ?? null;
  const tokens = u ? u.input + u.output + u.cacheWrite5m + u.cacheWrite1h + u.cacheRead : null;
  return {
    session: r.claudeName?.trim() || r.name,
    issueId: r.issueId,
    issueUrl,
    phase: r.phase,
    branch,
    base: r.git?.baseBranch ?? null,
    ahead: r.git ? r.git.ahead : null,
    files: r.git?.filesChangedVsBase ?? [],
    tokens,
    costUsd: r.claude?.costUsd ?? null,
    estimateUsd: r.claude?.estimateUsd ?? null,
    doneBy: r.statusReason,
    tasks: r.progress,
    endedAt: r.claude?.lastActivityAt ?? r.git?.lastCommitAt ?? r.statusSince,
    conflicts: branch ? predictedConflicts(branch, snapshot.path, queues) : [],
  };
}

/** The matrix cells of the plan's queues where this branch and another session's are predicted to conflict. */
export function predictedConflicts(branch: string, planPath: string, queues: readonly MergeQueueView[]): PredictedConflict[] {
  const out = new Map<string, PredictedConflict>();
  for (const q of queues) {
    if (q.planPath !== planPath || !q.matrix) continue;
    for (const c of q.matrix.cells) {
      if (!c.conflicts || (c.a !== branch && c.b !== branch)) continue;
      const other = c.a === branch ? c.b : c.a;
      // The base's own cell ('base' vs branch) is not another session.
      if (other === branch || !q.matrix.branches.includes(other)) continue;
      const row = q.rows.find((x) => x.branch === other);
      const known = out.get(other);
      const files = [...new Set([...(known?.files ?? []), ...c.files])].sort();
      out.set(other, { otherSession: row?.sessionName ?? row?.label ?? other, otherBranch: other, files });
    }
  }
  return [...out.values()];
}

/** The summary subsection the plan has for this session: its heading as written and its text; null when none. */
export function summarySection(text: string, sections: readonly PlanSection[], f: Pick<SessionExitFacts, 'session' | 'issueId'>): { heading: string; depth: number; text: string } | null {
  const i = sections.findIndex((s) => hasSessionSummary([s], f));
  const s = sections[i];
  if (!s) return null;
  const next = sections.slice(i + 1).find((x) => x.depth <= s.depth);
  const lines = text.split(/\r\n|\n|\r/);
  return { heading: s.heading, depth: s.depth, text: lines.slice(s.line - 1, next ? next.line - 1 : lines.length).join('\n') };
}
