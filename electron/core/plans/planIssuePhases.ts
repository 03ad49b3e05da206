import type { ParsedPlan } from '../../../shared/domain/plan';
import type { PlanIssuePhase } from '../../../shared/domain/session';
import { resolvePlanSessions, type PlanSessions } from './planSessions';

/**
 * Issue → phase of one plan, one entry per issue the plan names, from the plan's one identity
 * (`planSessions`): the phase a dispatch row resolves to through the table's own columns, else the
 * Phase Map row listing the issue. The agent comes from the dispatch row. The Sessions view and the
 * Merge queue both read phases this way, so a session shows the same phase in both before any
 * Session Registry row exists for it. Pure.
 */
export function planIssuePhases(plan: ParsedPlan, planPath: string, resolved?: PlanSessions): PlanIssuePhase[] {
  const out = new Map<string, PlanIssuePhase>();
  for (const s of (resolved ?? resolvePlanSessions(plan)).sessions) {
    const ids = new Set([s.issueId, ...(s.phaseRow?.issues.map((i) => i.id) ?? [])].filter((x): x is string => !!x).map((x) => x.toUpperCase()));
    for (const id of ids) {
      // The row's agent runs the row's own issue, not every issue of its phase.
      const agent = id === s.issueId?.toUpperCase() ? s.dispatchRow?.agent.trim() || null : null;
      const known = out.get(id);
      if (known) {
        if (!known.phase && s.phase) known.phase = s.phase;
        if (!known.agent && agent) known.agent = agent;
        continue;
      }
      out.set(id, { planPath, issueId: id, phase: s.phase, agent, source: s.phaseRow?.issues.some((i) => i.id.toUpperCase() === id) ? 'phase-map' : 'dispatch' });
    }
  }
  return [...out.values()];
}
