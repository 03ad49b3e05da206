import type { ParsedPlan } from '../../../../shared/domain/plan';
import type { PlanIssuePhase } from '../../../../shared/domain/session';
import { normalizeIssueId } from './matchIdentity';

function phaseIdNamedIn(text: string, phases: readonly string[]): string | null {
  const trimmed = text.trim();
  const exact = phases.find((p) => p.toLowerCase() === trimmed.toLowerCase());
  if (exact) return exact;
  // "Phase 2A dispatch", "Dispatch — 2A": a phase id as a whole word.
  for (const p of phases) {
    const escaped = p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(^|[^A-Za-z0-9])${escaped}([^A-Za-z0-9]|$)`, 'i').test(trimmed)) return p;
  }
  return null;
}

/**
 * Issue → phase of one plan, one entry per issue the plan names: the phase from its Phase Map row
 * (the first row listing it); failing that, a dispatch table row naming it whose Session cell or
 * table heading names a Phase Map phase. The agent comes from the newest dispatch row naming it.
 * This answers "which phase is CIA-541 in?" before any session registered for it. Pure.
 */
export function planIssuePhases(plan: Pick<ParsedPlan, 'phases' | 'dispatchTables'>, planPath: string): PlanIssuePhase[] {
  const phaseIds = plan.phases.map((p) => p.phase);
  const out = new Map<string, PlanIssuePhase>();
  for (const p of plan.phases) {
    for (const ref of p.issues) {
      const id = normalizeIssueId(ref.id);
      if (!out.has(id)) out.set(id, { planPath, issueId: id, phase: p.phase, agent: null, source: 'phase-map' });
    }
  }
  for (const table of plan.dispatchTables) {
    for (const row of table.rows) {
      if (!row.issue) continue;
      const id = normalizeIssueId(row.issue.id);
      const agent = row.agent.trim() || null;
      const known = out.get(id);
      if (known) {
        // Later tables win: the newest dispatch of an issue says who runs it now.
        if (agent) known.agent = agent;
        if (!known.phase) known.phase = phaseIdNamedIn(row.session, phaseIds) ?? phaseIdNamedIn(table.heading, phaseIds);
        continue;
      }
      const phase = phaseIdNamedIn(row.session, phaseIds) ?? phaseIdNamedIn(table.heading, phaseIds);
      out.set(id, { planPath, issueId: id, phase, agent, source: 'dispatch' });
    }
  }
  return [...out.values()];
}
