import type { GitFacts, PlanContext, PlanSessionRow, SessionRecord, SessionStatus, WorktreeInfo } from '../../../../shared/domain/session';
import { agentInfo } from '../../dispatch/agents';

/** A Session Registry row worked by an external agent in its own sandbox (Worktree `n/a` or empty). */
export function isAgentRow(row: PlanSessionRow): boolean {
  const worktree = row.worktree?.trim().replace(/^`|`$/g, '').toLowerCase() ?? '';
  return agentInfo(row.agent).external && (worktree === '' || worktree === 'n/a' || worktree === '-' || worktree === '—');
}

/** Stable per plan and issue (or session name when the row names no issue); null when the row names neither. */
export function agentRecordId(row: PlanSessionRow): string | null {
  const which = row.issueId?.trim() || row.sessionName?.trim();
  return which ? `agent:${row.planPath ?? ''}#${which.toUpperCase()}` : null;
}

function statusOf(row: PlanSessionRow, label: string, linearState: string | null): { status: SessionStatus; reason: string; word: string | null } {
  const plan = row.status?.trim() ?? '';
  if (linearState === 'completed') return { status: 'done', reason: `Done in Linear (${label})`, word: null };
  if (linearState === 'canceled') return { status: 'stale', reason: `Canceled in Linear (${label})`, word: 'Canceled' };
  if (/^merged/i.test(plan)) return { status: 'merged', reason: `The plan marks it Merged (${label})`, word: null };
  if (/^(done|complete)/i.test(plan)) return { status: 'done', reason: `The plan marks it Done (${label})`, word: null };
  if (/^fail/i.test(plan)) return { status: 'failed', reason: `The plan marks it Failed (${label})`, word: null };
  if (linearState === 'started' || /^in[ -]?progress/i.test(plan)) {
    return { status: 'working', reason: `${label} is working on it (In Progress)`, word: 'In Progress' };
  }
  return { status: 'working', reason: `Delegated to ${label}: it works in its own sandbox`, word: `With ${label}` };
}

/**
 * One record per external agent's Session Registry row, unless a worktree already sits on its branch
 * (that worktree's record is the session). Branch facts come from the agent's pushed branch when one
 * was found. Pure.
 */
export function agentRecords(input: {
  plan: PlanContext;
  worktrees: readonly WorktreeInfo[];
  branches: ReadonlyMap<string, GitFacts>;
  now: number;
}): SessionRecord[] {
  const worktreeBranches = new Set(input.worktrees.map((w) => w.branch).filter((b): b is string => !!b));
  const seen = new Set<string>();
  const out: SessionRecord[] = [];
  for (const row of input.plan.rows) {
    if (!isAgentRow(row)) continue;
    const id = agentRecordId(row);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const git = input.branches.get(id) ?? null;
    const recorded = row.branch?.trim().replace(/^`|`$/g, '') || null;
    if ((git?.branch && worktreeBranches.has(git.branch)) || (recorded && worktreeBranches.has(recorded))) continue;
    const label = agentInfo(row.agent).label;
    const issueId = row.issueId?.trim().toUpperCase() || null;
    const s = statusOf(row, label, issueId ? (input.plan.linearStates?.[issueId] ?? null) : null);
    out.push({
      id,
      name: row.sessionName?.trim() || `${label} · ${issueId ?? id}`,
      worktree: null,
      git,
      issueId,
      phase: row.phase?.trim() || null,
      agent: label,
      planPath: row.planPath,
      matchedBy: ['registry-row'],
      unmatched: false,
      status: s.status,
      statusReason: git?.branch ? `${s.reason}; its branch ${git.branch} is here` : recorded ? `${s.reason}; branch ${recorded} not here yet` : s.reason,
      statusSince: new Date(input.now).toISOString(),
      claude: null,
      progress: null,
      collisions: [],
      warnings: git?.error ? [`git: ${git.error}`] : [],
      statusWord: s.word,
    });
  }
  return out;
}
