import { dirname, sep } from 'node:path';
import type { ParsedPlan } from '../../../../shared/domain/plan';
import type { SessionRecord } from '../../../../shared/domain/session';
import { resolvePlanSessions, type PlanSessions } from '../planSessions';

function inside(path: string, dir: string): boolean {
  const d = dir.endsWith(sep) ? dir : dir + sep;
  return path.startsWith(d);
}

/**
 * The repository a plan's sessions work in, when the plan names none (REPO_PATH of §4): the
 * repository of the plan's own worktrees (records on its branches or issues), else the known
 * repository the plan file lives in, else the only known repository. Null when none of these says:
 * then the template field stays unfilled and is flagged.
 */
export function planRepository(plan: ParsedPlan, records: readonly SessionRecord[], knownRepos: readonly string[], resolved?: PlanSessions): string | null {
  const sessions = (resolved ?? resolvePlanSessions(plan)).sessions;
  const branches = new Set(sessions.map((s) => s.branch).filter((b): b is string => !!b && b !== 'main'));
  const issues = new Set(sessions.map((s) => s.issueId?.toUpperCase()).filter((i): i is string => !!i));
  const counts = new Map<string, number>();
  for (const r of records) {
    const repo = r.worktree?.repoRoot;
    if (!repo) continue;
    const branch = r.git?.branch ?? r.worktree?.branch ?? null;
    const mine = r.planPath === plan.path || (branch !== null && branches.has(branch)) || (r.issueId !== null && issues.has(r.issueId.toUpperCase()));
    if (mine) counts.set(repo, (counts.get(repo) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (best) return best;
  const home = knownRepos.find((repo) => inside(dirname(plan.path), repo) || dirname(plan.path) === repo);
  if (home) return home;
  return knownRepos.length === 1 ? (knownRepos[0] ?? null) : null;
}
