import { createHash } from 'node:crypto';
import type { SessionRecord } from '../../../../shared/domain/session';
import type { PlannedBranch } from './mergeOrderFromPlan';

/** What one merge queue is made of: a plan's branches that share a repository and a base branch. */
export interface QueueSpec {
  id: string;
  planPath: string;
  repoDir: string;
  base: string;
  branches: PlannedBranch[];
}

export function queueIdOf(planPath: string, repoDir: string, base: string): string {
  return createHash('sha256').update(`${planPath}\0${repoDir}\0${base}`).digest('hex').slice(0, 12);
}

/** The live session record that has `branch` checked out (a worktree record, not the main checkout). */
export function recordOfBranch(records: readonly SessionRecord[], branch: string, repoDir?: string): SessionRecord | null {
  const has = (r: SessionRecord) => (r.git?.branch ?? r.worktree?.branch) === branch && (!repoDir || r.worktree?.repoRoot === repoDir);
  return records.find((r) => has(r) && !r.worktree?.isMain) ?? records.find(has) ?? null;
}

/**
 * Pure: groups a plan's branches by where they live. The repository and base come from the live
 * session record of each branch (its worktree's repo root and the base branch the registry found);
 * a branch no session has checked out falls back to the plan's `**Repo:**` line and the base the
 * other branches use (else `main`). Branches with no repository at all are left out.
 */
export function planQueues(planPath: string, branches: readonly PlannedBranch[], records: readonly SessionRecord[], planRepo: string | null): QueueSpec[] {
  const located = branches.map((b) => {
    const r = recordOfBranch(records, b.branch);
    return { b, repo: r?.worktree?.repoRoot ?? null, base: r?.git?.baseBranch ?? null };
  });
  const commonBase = located.find((l) => l.base)?.base ?? 'main';
  const fallbackRepo = planRepo ?? located.find((l) => l.repo)?.repo ?? null;
  const queues = new Map<string, QueueSpec>();
  for (const l of located) {
    const repoDir = l.repo ?? fallbackRepo;
    const base = l.base ?? commonBase;
    if (!repoDir || l.b.branch === base) continue;
    const id = queueIdOf(planPath, repoDir, base);
    const q = queues.get(id) ?? { id, planPath, repoDir, base, branches: [] };
    q.branches.push(l.b);
    queues.set(id, q);
  }
  return [...queues.values()];
}
