import {
  MasterInfoSchema,
  type DispatchDraft,
  type DispatchPrompt,
  type DispatchRowDraft,
  type PhaseFacts,
  type Violation,
} from '../../../../shared/domain/dispatch';
import type { ParsedPlan } from '../../../../shared/domain/plan';
import { DispatchEdits, type DispatchEditsInput, type DispatchEvaluation, type DispatchRowEdit } from '../../../../shared/domain/planState';
import {
  agentInfo,
  branchName,
  buildDispatchDraft,
  checkDispatch,
  checkPlanFileName,
  dedupeViolations,
  rowPrompt,
  launchCommand,
  launchModeFor,
  planBatches,
  violation,
} from '../../dispatch';
import type { InfraPattern } from '../../dispatch/sharedInfrastructure';
import { reorderMerge } from './mergeOrderEdit';
import { planMasterInfo } from './planMasterInfo';
import { planPhaseFacts } from './planPhaseFacts';

export interface DispatchBasis {
  plan: ParsedPlan;
  facts: PhaseFacts[];
  master: ReturnType<typeof MasterInfoSchema.parse>;
  draft: DispatchDraft;
  /** The options the draft was built with, so re-evaluations on edit use the same rules. */
  options?: EvaluateOptions;
}

export interface EvaluateOptions {
  costProfile?: string | null;
  /** Settings → shared infrastructure patterns, added to the rule book's defaults. */
  extraInfraPatterns?: readonly string[];
}

/** Patterns from Settings form their own category: two phases both touching them are sequential. */
function userInfraPatterns(patterns: readonly string[] | undefined): InfraPattern[] {
  return (patterns ?? []).map((pattern) => ({ category: 'configured', pattern }));
}

/** The engine's draft for a plan: facts → decisions → batches → rows, as the plan states them. */
export function dispatchBasis(plan: ParsedPlan, text: string, repos: readonly string[], options: EvaluateOptions = {}): DispatchBasis {
  const facts = planPhaseFacts(plan);
  const master = MasterInfoSchema.parse(planMasterInfo(plan, text, repos));
  const draft = buildDispatchDraft(facts, master, { costProfile: options.costProfile ?? null, extraInfraPatterns: userInfraPatterns(options.extraInfraPatterns) });
  return { plan, facts, master, draft, options };
}

/**
 * Applies the person's in-place edits (mode, agent, cost, focus, merge order) to the draft rows and
 * recomputes what depends on them: Launch as, worktree and branch, prompts, launch commands and
 * every violation. Pure and fast: it runs on each edit.
 */
export function evaluateDispatch(basis: DispatchBasis, editsInput: DispatchEditsInput = {}, options: EvaluateOptions = {}): DispatchEvaluation {
  const edits = DispatchEdits.parse(editsInput);
  const { facts, master, draft } = basis;
  options = { ...basis.options, ...options };
  const edited = draft.rows.map((row) => applyRowEdit(row, edits.rows[row.session]));
  const rows = edited.map((row) => withWorktree(row, edited));
  const mergeOrder = reorderMerge(draft.mergeOrder, edits.mergeOrder);
  for (const row of rows) row.mergeOrder = mergeOrder[row.phase] ?? row.mergeOrder;

  const byId = new Map(facts.map((p) => [p.phase, p]));
  const prompts: Record<string, DispatchPrompt> = {};
  const launchCommands: Record<string, string | null> = {};
  const promptViolations: Violation[] = [];
  for (const row of rows) {
    const prompt = rowPrompt(row, master, byId.get(row.phase));
    prompts[row.session] = prompt;
    launchCommands[row.session] = master.repoPath === '' ? null : launchCommand(row, master.repoPath);
    const where = { batch: row.batch, row: row.session, phases: [row.phase] };
    if (prompt.missing.length > 0) {
      promptViolations.push(violation('prompt.missing-field', `Dispatch prompt for ${row.session} leaves required fields unfilled: ${prompt.missing.join(', ')}.`, where));
    }
    for (const w of prompt.warnings) {
      promptViolations.push(violation(w.startsWith('Plain issue ids') ? 'issue.linked' : 'prompt.missing-field', `Dispatch prompt for ${row.session}: ${w}`, where, 'warning'));
    }
  }
  const fileName = master.planFileName ? checkPlanFileName(master.planFileName) : null;
  const violations = dedupeViolations([
    ...(fileName ? [fileName] : []),
    ...planBatches(facts, draft.decisions, { extraInfraPatterns: userInfraPatterns(options.extraInfraPatterns) }).violations,
    ...checkDispatch(rows, facts, draft.decisions, mergeOrder, { costProfile: options.costProfile ?? null }),
    ...promptViolations,
  ]);
  return { rows, mergeOrder, violations, prompts, launchCommands };
}

function applyRowEdit(row: DispatchRowDraft, edit: DispatchRowEdit | undefined): DispatchRowDraft {
  if (!edit) return { ...row };
  const next = { ...row };
  if (edit.focus !== undefined) next.focus = edit.focus;
  if (edit.mode !== undefined) {
    next.mode = edit.mode;
    next.launchAs = launchModeFor(edit.mode, next.analysisOnly).launchAs;
  }
  if (edit.agent !== undefined) next.agent = edit.agent.trim() === '' ? 'Claude Code' : edit.agent.trim();
  if (edit.estCostUsd !== undefined) next.estCostUsd = edit.estCostUsd;
  if (edit.focus !== undefined || edit.agent !== undefined) {
    const info = agentInfo(next.agent);
    // The branch follows {agent}/{issue-id}-{slug}; agents that name their own branches get none.
    next.branch = next.issueId === '' ? null : info.id === 'claude-code' ? branchName('claude', next.issueId, next.focus) : info.id === 'cursor' ? branchName('cursor', next.issueId, '') : null;
  }
  return next;
}

/** Worktree follows §8: n/a for external agents, yes when 2+ Claude Code sessions share the batch. */
function withWorktree(row: DispatchRowDraft, rows: readonly DispatchRowDraft[]): DispatchRowDraft {
  if (agentInfo(row.agent).external) return { ...row, worktree: 'n/a' };
  const local = rows.filter((r) => r.batch === row.batch && !agentInfo(r.agent).external).length;
  return { ...row, worktree: local >= 2 ? 'yes' : 'no' };
}

export { violationConcernsBatch } from '../../../../shared/domain/violationScope';
