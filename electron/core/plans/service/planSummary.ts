import type { ParsedPlan } from '../../../../shared/domain/plan';
import type { PlanNaming, PlanSummary } from '../../../../shared/domain/planState';
import type { DiscoveredPlan } from '../discoverPlans';
import type { PlanFileSnapshot } from '../planFile';
import { classifyPlanFileName } from '../planNaming';
import { suggestNameForPlan } from '../renamePlan';
import { planWorkspace } from './planMasterInfo';
import { sessionSummariesIn } from '../sessionExit';

const NAMING_RULE = 'Plan files are named {YYYY-MM-DD}-{project-short}-{topic}.md (or KEY-N-slug.md), not a random session name (§5).';
const DONE = /^\s*(done|merged)\b/i;

/** What the Plans view lists for one plan file. */
export function planSummary(found: DiscoveredPlan, snapshot: PlanFileSnapshot, repos: readonly string[]): PlanSummary {
  const plan = snapshot.parsed;
  return {
    path: found.path,
    fileName: found.fileName,
    folder: found.folder,
    source: found.source,
    title: plan.title,
    masterIssue: plan.header.parentIssue,
    date: plan.header.date,
    phases: plan.phases.map((p) => ({
      phase: p.phase,
      focus: p.focus,
      batch: p.batch,
      issues: p.issues.map((i) => i.id),
      dependencies: p.dependencies,
      status: lastStatus(plan, p.phase),
    })),
    verification: { done: plan.verification.filter((v) => v.checked).length, total: plan.verification.length },
    sessions: { done: plan.sessionRegistry.filter((r) => DONE.test(r.status ?? '')).length, total: plan.sessionRegistry.length },
    naming: naming(snapshot, found, repos),
    unlinkedIds: [...new Set(plan.diagnostics.filter((d) => d.code === 'plain-issue-id').map((d) => /([A-Z][A-Z0-9]*-\d+)/.exec(d.message)?.[1] ?? '').filter((id) => id !== ''))],
    linkBase: linkBase(plan),
    diagnostics: plan.diagnostics,
    contentHash: snapshot.hash,
    mtimeMs: snapshot.mtimeMs,
    readError: null,
    sessionSummaries: sessionSummariesIn(snapshot.text, plan.sections),
  };
}

/** A plan that could not be read still shows, with why. */
export function unreadableSummary(found: DiscoveredPlan, error: string): PlanSummary {
  const info = classifyPlanFileName(found.fileName);
  return {
    path: found.path,
    fileName: found.fileName,
    folder: found.folder,
    source: found.source,
    title: found.fileName.replace(/\.md$/i, ''),
    masterIssue: null,
    date: null,
    phases: [],
    verification: { done: 0, total: 0 },
    sessions: { done: 0, total: 0 },
    naming: { kind: info.kind, violation: !info.conventional, rule: info.conventional ? null : NAMING_RULE, suggestedName: null },
    unlinkedIds: [],
    linkBase: null,
    diagnostics: [{ severity: 'error', code: 'unreadable', message: error, line: null }],
    contentHash: '',
    mtimeMs: found.mtimeMs,
    readError: error,
    sessionSummaries: [],
  };
}

function naming(snapshot: PlanFileSnapshot, found: DiscoveredPlan, repos: readonly string[]): PlanNaming {
  const info = classifyPlanFileName(found.fileName);
  if (info.conventional) return { kind: info.kind, violation: false, rule: null, suggestedName: null };
  // A §8.5 local dispatch file is no plan to rename: it is kept, under its name, for history.
  if (snapshot.parsed.diagnostics.some((d) => d.code === 'deprecated-dispatch-file')) return { kind: info.kind, violation: false, rule: null, suggestedName: null };
  // The project short comes from the repo the plan lives in, else the first known repo.
  const repo = repos.find((r) => found.path.startsWith(r)) ?? repos[0];
  const suggested = suggestNameForPlan(snapshot, repo ? { project: repo.replace(/[\\/]+$/, '').replace(/^.*[\\/]/, '') } : {});
  return { kind: info.kind, violation: true, rule: NAMING_RULE, suggestedName: suggested === found.fileName ? null : suggested };
}

function linkBase(plan: ParsedPlan): string | null {
  const ws = planWorkspace(plan);
  return ws ? `https://linear.app/${ws}` : null;
}

function lastStatus(plan: ParsedPlan, phase: string): string | null {
  const rows = plan.sessionRegistry.filter((r) => r.phase.trim().toLowerCase() === phase.toLowerCase());
  return rows[rows.length - 1]?.status ?? null;
}
