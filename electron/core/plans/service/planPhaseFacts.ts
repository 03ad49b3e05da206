import type { PhaseFacts } from '../../../../shared/domain/dispatch';
import type { DispatchRow, ParsedPlan, SessionRegistryRow } from '../../../../shared/domain/plan';
import { makePhaseFacts } from '../../dispatch';

/**
 * The adapter from a parsed plan file to the dispatch engine's facts, one per Phase Map row.
 * Everything comes from what the plan states (formats.md §2.1): Phase Map dependencies and
 * `(parallel with 1A)`, Issue Registry exec/depends-on, dispatch-table mode/agent/cost, Key Files
 * whose purpose names the phase, paths written in the focus, and Session Registry status.
 */
export function planPhaseFacts(plan: ParsedPlan): PhaseFacts[] {
  const registryByIssue = new Map(plan.issueRegistry.map((r) => [r.issue.id.toUpperCase(), r]));
  const phaseOfIssue = new Map<string, string>();
  for (const p of plan.phases) for (const ref of p.issues) if (!phaseOfIssue.has(ref.id.toUpperCase())) phaseOfIssue.set(ref.id.toUpperCase(), p.phase);
  const dispatchByIssue = new Map<string, DispatchRow>();
  // Later tables win: the newest dispatch of an issue is the one that describes it now.
  for (const table of plan.dispatchTables) for (const row of table.rows) if (row.issue) dispatchByIssue.set(row.issue.id.toUpperCase(), row);

  return plan.phases.map((p) => {
    const issueIds = p.issues.map((i) => i.id);
    const first = issueIds[0]?.toUpperCase() ?? '';
    const registry = registryByIssue.get(first);
    const dispatch = dispatchByIssue.get(first);
    const issueTitles: Record<string, string> = {};
    for (const ref of p.issues) {
      const title = registryByIssue.get(ref.id.toUpperCase())?.title ?? ref.title;
      if (title) issueTitles[ref.id] = title;
    }
    // Issue Registry "Depends On" names issues; the engine reasons about phases.
    const viaIssues = (registry?.dependsOn ?? [])
      .map((id) => phaseOfIssue.get(id.toUpperCase()))
      .filter((id): id is string => id !== undefined && id !== p.phase);
    const execRaw = dispatch?.mode || registry?.exec || null;
    const text = `${p.focus} ${registry?.title ?? ''}`;
    return makePhaseFacts({
      phase: p.phase,
      issueIds,
      issueTitles,
      focus: p.focus,
      batch: p.batch,
      dependsOn: [...new Set([...p.dependencies, ...viaIssues])],
      parallelWith: p.parallelWith,
      execRaw: execRaw && execRaw.trim() !== '' ? execRaw : null,
      readOnlyResearch: /^\W*(exec:)?spike\W*$/i.test(execRaw ?? '') && /\b(research|investigat\w*|evaluat\w*|analys\w*|survey)\b/i.test(text),
      agent: dispatch?.agent && dispatch.agent.trim() !== '' ? dispatch.agent : null,
      estCostUsd: dispatch?.estCostUsd ?? null,
      files: [...filesOfPhase(plan, p.phase), ...pathsIn(p.focus)],
      status: statusOf(plan.sessionRegistry, p.phase, first),
      ...promptMaterial(plan, p.phase, p.focus, issueIds, [...new Set([...p.dependencies, ...viaIssues])]),
    });
  });
}

/**
 * The plan format has no per-phase Context/Tasks/Deliverable, so the prompt gets material derived
 * from what the plan does say; the person reads and edits the prompt before sending it.
 */
function promptMaterial(plan: ParsedPlan, phase: string, focus: string, issueIds: readonly string[], dependsOn: readonly string[]) {
  const files = filesOfPhase(plan, phase);
  const context = [
    `Phase ${phase} of the master plan "${plan.title}" (plan file: \`${plan.fileName}\`).`,
    dependsOn.length > 0 ? `Builds on the output of phase(s) ${dependsOn.join(', ')}; read their merged changes first.` : 'No dependency on other phases: work independently of the parallel sessions.',
    files.length > 0 ? `Key files: ${files.join(', ')}.` : 'Key files: see the plan\'s Key Files table.',
  ];
  const focusText = focus.trim() !== '' ? focus.trim() : `phase ${phase}`;
  return {
    context,
    tasks: [
      `Read the issue${issueIds.length > 1 ? 's' : ''} and the plan's sections for phase ${phase}.`,
      `Implement: ${focusText}.`,
      'Run the tests and fix what fails.',
      "Record your session name and status in the plan's Session Registry.",
    ],
    deliverable: `${focusText} done, tests green, branch ready to merge`,
  };
}

/** Key Files rows whose purpose names the phase (`1A: exit protocol`, `1B and 1C both edit …`). */
function filesOfPhase(plan: ParsedPlan, phase: string): string[] {
  const word = new RegExp(`(^|[^A-Za-z0-9])${escapeRegExp(phase)}([^A-Za-z0-9]|$)`, 'i');
  return plan.keyFiles.filter((k) => word.test(k.purpose)).map((k) => stripTicks(k.file));
}

/** Paths written in a focus cell: backticked, or words with a slash or a file extension. */
export function pathsIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/`([^`]+)`/g)) if (m[1] && /[/.]/.test(m[1])) found.add(m[1]);
  for (const m of text.replace(/`[^`]*`/g, ' ').matchAll(/(?:^|\s)((?:[\w.-]+\/)+[\w.*-]+|[\w-]+\.(?:ts|tsx|js|md|json|ya?ml|sql|css|py))(?=\s|$|[,;)])/g)) {
    if (m[1] && !m[1].startsWith('/go')) found.add(m[1]);
  }
  return [...found];
}

function statusOf(rows: readonly SessionRegistryRow[], phase: string, issueId: string): string | null {
  const matches = rows.filter((r) => r.phase.trim().toLowerCase() === phase.toLowerCase() || (issueId !== '' && r.issue?.id.toUpperCase() === issueId));
  return matches[matches.length - 1]?.status ?? null;
}

function stripTicks(text: string): string {
  return text.trim().replace(/^`|`$/g, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
