import {
  MasterInfoSchema,
  type DispatchDraft,
  type DispatchPrompt,
  type DispatchRowDraft,
  type MasterInfoInput,
  type PhaseFacts,
  type SubIssueDraft,
  type Violation,
} from '../../../shared/domain/dispatch';
import { agentInfo } from './agents';
import { branchName } from './branchName';
import { checkDispatch, type CheckDispatchOptions } from './checkDispatch';
import { decidePairs, type DecideOptions } from './decidePair';
import { DecisionIndex } from './decisionIndex';
import { rowPrompt } from './dispatchPrompt';
import { linearIssueUrl } from './linearLinks';
import { evaluatedPhases } from './phaseCap';
import { isAnalysisOnly } from './phaseFacts';
import { estimateAppliesResearchCost, researchCostRange } from './researchCost';
import { defaultMergeOrder, planBatches } from './planBatches';
import { dedupeViolations, violation } from './ruleBook';
import { launchModeFor } from './sessionModeMapping';
import { buildSubIssue, letterFor } from './subIssue';

/** Up to this many pairs (about 63 phases), every decision is kept, PARALLEL OK ones included. */
export const MAX_SHOWN_DECISIONS = 2000;

export interface BuildDispatchOptions extends DecideOptions, CheckDispatchOptions {
  /** `batch` → `1A`, `1B`, `2A`…; `session` → `S-A`, `S-B`, `S-C`…. Default `batch`. */
  sessionNaming?: 'batch' | 'session';
  ignoreDeclaredBatches?: boolean;
}

/**
 * From the phases of a master plan to a draft dispatch table for a person to approve: the pair
 * decisions, batches, one row per phase (its first issue), the default merge order, every rule
 * violation, and the §4 prompt and Linear sub-issue for each row.
 */
export function buildDispatchDraft(
  allPhases: readonly PhaseFacts[],
  masterInput: MasterInfoInput,
  options: BuildDispatchOptions = {},
): DispatchDraft {
  const master = MasterInfoSchema.parse(masterInput);
  const phases = evaluatedPhases(allPhases);
  // Small plans keep every decision (the view lists a phase against every other); big ones only
  // those that constrain something — a pair absent from the index is PARALLEL OK.
  const pairCount = (phases.length * (phases.length - 1)) / 2;
  const scan = decidePairs(phases, options, pairCount <= MAX_SHOWN_DECISIONS);
  const all = new DecisionIndex(scan.decisions);
  const planned = planBatches(allPhases, all, options);
  const mergeOrder = defaultMergeOrder(planned.batches, all);
  const byId = new Map(phases.map((p) => [p.phase, p]));

  const rows: DispatchRowDraft[] = [];
  const letters = new Map<string, string>();
  let sessionIndex = 0;
  for (const b of planned.batches) {
    const local = b.phases.filter((id) => !agentInfo(byId.get(id)?.agent ?? null).external).length;
    b.phases.forEach((id, i) => {
      const p = byId.get(id);
      if (!p) return;
      const letter = letterFor(i);
      const session = options.sessionNaming === 'session' ? `S-${letterFor(sessionIndex)}` : `${b.index}${letter}`;
      sessionIndex += 1;
      letters.set(session, letter);
      const agent = agentInfo(p.agent);
      const issueId = p.issueIds[0] ?? '';
      const analysisOnly = isAnalysisOnly(p);
      const changesCode = p.producesCode === true;
      const costNote = p.readOnlyResearch && p.estCostUsd !== null && !estimateAppliesResearchCost(p, p.estCostUsd);
      rows.push({
        session,
        phase: p.phase,
        issueId,
        issueTitle: p.issueTitles[issueId] ?? null,
        issueUrl: issueId !== '' && master.workspace !== '' ? linearIssueUrl(master.workspace, issueId) : null,
        focus: p.focus,
        mode: p.exec,
        launchAs: launchModeFor(p.exec, { analysisOnly, changesCode }).launchAs,
        analysisOnly,
        estCostUsd: p.estCostUsd,
        agent: agent.id === 'claude-code' ? 'Claude Code' : (p.agent ?? agent.label).trim(),
        worktree: agent.external ? 'n/a' : local >= 2 ? 'yes' : 'no',
        branch: issueId === '' ? null : agent.id === 'claude-code' ? branchName('claude', issueId, p.focus) : agent.id === 'cursor' ? branchName('cursor', issueId, '') : null,
        batch: b.index,
        mergeOrder: mergeOrder[p.phase] ?? rows.length + 1,
        changesCode,
        research: p.readOnlyResearch,
        ...(p.sources.readOnlyResearch ? { researchWhy: p.sources.readOnlyResearch } : {}),
        ...(costNote && p.estCostUsd !== null ? { researchCostRangeUsd: researchCostRange(p.estCostUsd) } : {}),
      });
    });
  }

  const prompts: Record<string, DispatchPrompt> = {};
  const subIssues: Record<string, SubIssueDraft> = {};
  const promptViolations: Violation[] = [];
  for (const row of rows) {
    const prompt = rowPrompt(row, master, byId.get(row.phase));
    prompts[row.session] = prompt;
    subIssues[row.session] = buildSubIssue(row, prompt, master.issueId, letters.get(row.session) ?? 'A', byId.get(row.phase)?.agent ?? null);
    if (prompt.missing.length > 0) {
      promptViolations.push(
        violation(
          'prompt.missing-field',
          `Dispatch prompt for ${row.session} leaves required fields unfilled: ${prompt.missing.join(', ')}.`,
          { batch: row.batch, row: row.session, phases: [row.phase] },
        ),
      );
    }
    for (const w of prompt.warnings) {
      const rule = w.startsWith('Plain issue ids') ? 'issue.linked' : 'prompt.missing-field';
      promptViolations.push(violation(rule, `Dispatch prompt for ${row.session}: ${w}`, { batch: row.batch, row: row.session, phases: [row.phase] }, 'warning'));
    }
  }

  // The plan file's name is the plans module's rule (plans/service/planNameViolation), not the engine's.
  const violations = dedupeViolations([
    ...planned.violations,
    ...checkDispatch(rows, allPhases, all, mergeOrder, options),
    ...promptViolations,
  ]);

  return {
    decisions: scan.decisions,
    omitted: { parallelOkPairs: scan.parallelOkOmitted, phases: allPhases.length - phases.length },
    batches: planned.batches,
    rows,
    mergeOrder,
    violations,
    prompts,
    subIssues,
  };
}

