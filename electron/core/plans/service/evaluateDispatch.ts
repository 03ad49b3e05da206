import {
  MasterInfoSchema,
  type Batch,
  type DispatchDraft,
  type DispatchPrompt,
  type DispatchRowDraft,
  type MergeOrder,
  type WorktreeValue,
  type PhaseFacts,
  type Violation,
} from '../../../../shared/domain/dispatch';
import type { ParsedPlan } from '../../../../shared/domain/plan';
import { DispatchEdits, type DispatchEditsInput, type DispatchEvaluation, type DispatchRowEdit } from '../../../../shared/domain/planState';
import {
  agentInfo,
  batchKind,
  batchReadiness,
  readinessViolation,
  researchCostRange,
  branchName,
  buildDispatchDraft,
  checkDispatch,
  dedupeViolations,
  rowPrompt,
  launchCommand,
  launchModeFor,
  planBatches,
  researchShape,
  synthesisGate,
  violation,
  type ResearchShape,
} from '../../dispatch';
import type { InfraPattern } from '../../dispatch/sharedInfrastructure';
import { resolvePlanSessions, type PlanSessions } from '../planSessions';
import { planCostProfile, planMasterInfo } from './planMasterInfo';
import { planNameViolation } from './planNameViolation';
import { planPhaseFactsWithProblems } from './planPhaseFacts';
import { parseWorktreeCell, recordedRow } from './recordedRows';
import { readReviewGates, type PlanReviewGates } from '../reviewGates';
import { preDispatchViolation, reviewGateState } from './reviewGateState';
import type { SufficiencyState } from '../../../../shared/domain/planState';
import { followUpTracks } from './followUpTrack';
import { parseSufficiency } from './sufficiencySection';

export interface DispatchBasis {
  plan: ParsedPlan;
  facts: PhaseFacts[];
  master: ReturnType<typeof MasterInfoSchema.parse>;
  /** The engine's proposals: used only for phases the plan has no dispatch row for yet. */
  draft: DispatchDraft;
  /** The plan's own record: sessions, labels, branches, merge order. */
  sessions: PlanSessions;
  /** `## Dispatch Facts` lines that could not be read. */
  factProblems: Violation[];
  /** The options the draft was built with, so re-evaluations on edit use the same rules. */
  options?: EvaluateOptions;
  /** §3 review gates the plan asks for, and their records. */
  reviewGates?: PlanReviewGates;
  /** Research tracks, synthesis phases and the plan's Research Sufficiency section (§1). */
  research: { shape: ResearchShape; sufficiency: SufficiencyState };
}

export interface EvaluateOptions {
  costProfile?: string | null;
  /** Settings → shared infrastructure patterns, added to the rule book's defaults. */
  extraInfraPatterns?: readonly string[];
  /** The repository the plan's sessions work in, when the plan does not say (REPO_PATH). */
  repoPath?: string | null;
  /** Where launch commands create worktrees (`<Claude home>/worktrees`). */
  worktreeRoot?: string | null;
}

/** Patterns from Settings form their own category: two phases both touching them are sequential. */
function userInfraPatterns(patterns: readonly string[] | undefined): InfraPattern[] {
  return (patterns ?? []).map((pattern) => ({ category: 'configured', pattern }));
}

/** The plan's record plus the engine's proposals for what it does not record yet. */
export function dispatchBasis(plan: ParsedPlan, text: string, repos: readonly string[], options: EvaluateOptions = {}): DispatchBasis {
  // The plan's own `Cost profile:` line is the record for this plan; Settings are the default.
  options = { ...options, costProfile: planCostProfile(text) ?? options.costProfile ?? null };
  const { facts, problems } = planPhaseFactsWithProblems(plan, text);
  const info = planMasterInfo(plan, text, repos, options.repoPath ?? null);
  const master = MasterInfoSchema.parse(info);
  const draft = buildDispatchDraft(facts, master, { costProfile: options.costProfile ?? null, extraInfraPatterns: userInfraPatterns(options.extraInfraPatterns) });
  const research = { shape: researchShape(facts), sufficiency: parseSufficiency(text, plan) };
  return { plan, facts, master, draft, sessions: resolvePlanSessions(plan), factProblems: problems, options, research, reviewGates: readReviewGates(text, plan.sections) };
}

function upper(s: string | null | undefined): string {
  return (s ?? '').trim().toUpperCase();
}

/**
 * The dispatch table the person sees: every row the plan records, exactly as written (labels,
 * Branch / Worktree / Launch-as cells) and checked against the rules; a proposal from the engine
 * only for a phase that has no row yet. Then the person's in-place edits, the merge order (the
 * plan's declared one, or the person's drag and drop), prompts, launch commands and violations.
 * Pure and fast: it runs on each edit.
 */
export function evaluateDispatch(basis: DispatchBasis, editsInput: DispatchEditsInput = {}, options: EvaluateOptions = {}): DispatchEvaluation {
  const edits = DispatchEdits.parse(editsInput);
  const { facts, master, draft, sessions } = basis;
  options = { ...basis.options, ...options };
  const byId = new Map(facts.map((p) => [upper(p.phase), p]));
  const draftBatchOf = new Map(draft.rows.map((r) => [upper(r.phase), r.batch]));

  const recorded = sessions.sessions
    .filter((s) => s.dispatchRow !== null)
    .map((s) => recordedRow(s, byId.get(upper(s.phase)), master, draftBatchOf.get(upper(s.phase)) ?? 1));
  const recordedPhases = new Set(recorded.map((r) => upper(r.phase)));
  const usedLabels = new Set(recorded.map((r) => upper(r.session)));
  const proposals = draft.rows
    .filter((r) => !recordedPhases.has(upper(r.phase)))
    .map((r) => (usedLabels.has(upper(r.session)) ? { ...r, session: `${r.session} (${r.phase})` } : r))
    .map((r) => registered(r, sessions));
  const fromRegistry = new Set(proposals.filter((r) => registeredWorktree(r.phase, sessions) !== null).map((r) => r.session));

  const edited = [...recorded, ...proposals].map((row) => applyRowEdit(row, edits.rows[row.session]));
  const rows = edited.map((row) => (row.recorded || fromRegistry.has(row.session) ? row : withWorktree(row, edited)));

  // One merge order for the Dispatch view, the Merge queue and the write-back: the plan's (declared
  // first, then batch and plan order), or the person's reordering of it.
  const sessionOf = (key: string): DispatchRowDraft | undefined => {
    const s = sessions.sessions.find((x) => x.key === key);
    if (!s) return undefined;
    return rows.find((r) => r.recorded && s.label !== null && r.session === s.label) ?? rows.find((r) => !r.recorded && s.phase !== null && upper(r.phase) === upper(s.phase));
  };
  const planOrder = [...new Set(sessions.mergeOrder.keys.map((k) => sessionOf(k)?.session).filter((x): x is string => !!x))];
  for (const r of rows) if (!planOrder.includes(r.session)) planOrder.push(r.session);
  const order = reorder(planOrder, edits.mergeOrder, rows);
  const mergeOrder: MergeOrder = {};
  // What the plan (or the person, in the view) actually declares: §8 asks for it when sessions touch adjacent code.
  const declaredOrder: MergeOrder = {};
  const declaredSessions = new Set([
    ...sessions.mergeOrder.declaredKeys.map((k) => sessionOf(k)?.session).filter((x): x is string => !!x),
    ...(edits.mergeOrder ?? []).map((t) => rows.find((r) => r.session === t || upper(r.phase) === upper(t))?.session).filter((x): x is string => !!x),
  ]);
  order.forEach((session, i) => {
    const row = rows.find((r) => r.session === session);
    if (row) {
      row.mergeOrder = i + 1;
      if (mergeOrder[row.phase] === undefined) mergeOrder[row.phase] = i + 1;
      if (declaredSessions.has(session) && declaredOrder[row.phase] === undefined) declaredOrder[row.phase] = i + 1;
    }
  });

  const prompts: Record<string, DispatchPrompt> = {};
  const launchCommands: Record<string, string | null> = {};
  const rowViolations: Violation[] = [];
  for (const row of rows) {
    const phase = byId.get(upper(row.phase));
    if (!row.issueTitle && row.issueId !== '' && row.focus.trim() !== '') {
      // The plan gives no issue title (no Issue Registry, a link without "ID: Title"): the prompt uses
      // the row's Focus and says so, instead of blocking every row on {TITLE}.
      row.issueTitle = row.focus.trim();
      rowViolations.push(
        violation('prompt.missing-field', `Dispatch prompt for ${row.session}: the plan names no title for ${row.issueId}; the prompt uses the Focus "${row.issueTitle}" (write [${row.issueId}: Title](url) or an Issue Registry row to set it).`, { batch: row.batch, row: row.session, phases: [row.phase] }, 'warning'),
      );
    }
    const prompt = rowPrompt(row, master, phase);
    prompts[row.session] = prompt;
    launchCommands[row.session] = master.repoPath === '' ? null : launchCommand(row, master.repoPath, options.worktreeRoot ? { worktreeRoot: options.worktreeRoot } : {});
    const where = { batch: row.batch, row: row.session, phases: [row.phase] };
    if (prompt.missing.length > 0) {
      rowViolations.push(violation('prompt.missing-field', `Dispatch prompt for ${row.session} leaves required fields unfilled: ${prompt.missing.join(', ')}.`, where));
    }
    for (const w of prompt.warnings) {
      rowViolations.push(violation(w.startsWith('Plain issue ids') ? 'issue.linked' : 'prompt.missing-field', `Dispatch prompt for ${row.session}: ${w}`, where, 'warning'));
    }
    rowViolations.push(...unreadableCells(row, where));
  }
  const fileName = master.planFileName ? planNameViolation(master.planFileName) : null;
  const orderViolations = sessions.mergeOrder.unmatched.map((u) =>
    violation('merge.order', `The plan's merge order (line ${u.line}) names "${u.token}", which is no session, phase or issue of this plan.`, {}, 'warning'),
  );
  // §1 "Complete Batch 1 before launching Batch 2" and §8 failed sessions: each later batch waits for the earlier ones.
  const batches = batchesOf(rows, facts);
  const readiness = batches
    .filter((b) => b.index > (batches[0]?.index ?? 1))
    .map((b) => readinessViolation(batchReadiness(b.index, batches, facts)))
    .filter((v): v is Violation => v !== null);
  // §3 "All sessions block until review passes Gate 2": every batch, the first one included.
  const review = basis.reviewGates ? reviewGateState(basis.reviewGates, rows) : null;
  const reviewHolds = review ? batches.map((b) => preDispatchViolation(review, b.index)).filter((v): v is Violation => v !== null) : [];
  // §1 Research Sufficiency: synthesis waits for SUFFICIENT (or an override with a written reason).
  const sufficiency = synthesisGate(batches, basis.research.shape, basis.research.sufficiency, followUpTracks(facts, basis.research.sufficiency.gapList));
  const violations = dedupeViolations([
    ...(fileName ? [fileName] : []),
    ...basis.factProblems,
    ...reviewHolds,
    ...readiness,
    ...sufficiency,
    ...planBatches(facts, draft.decisions, { extraInfraPatterns: userInfraPatterns(options.extraInfraPatterns) }).violations,
    ...checkDispatch(rows, facts, draft.decisions, declaredOrder, { costProfile: options.costProfile ?? null }).map(undeclaredOrderIsAWarning),
    ...rowViolations,
    ...orderViolations,
  ]);
  return { rows, mergeOrder, violations, prompts, launchCommands };
}

/**
 * §8 "Define merge order in the dispatch table if sessions touch adjacent code": said, but not a
 * blocker — approving writes the order the view shows into the plan, which then declares it.
 */
function undeclaredOrderIsAWarning(v: Violation): Violation {
  if (v.rule !== 'merge.order-required') return v;
  return { ...v, severity: 'warning', message: `${v.message} Approving records the order shown here as the plan's merge order.` };
}

/** The batches the table has now: recorded rows keep the batch the plan gives them. */
export function batchesOf(rows: readonly DispatchRowDraft[], facts: readonly PhaseFacts[]): Batch[] {
  const byId = new Map(facts.map((p) => [p.phase, p]));
  const indices = [...new Set(rows.map((r) => r.batch))].sort((a, b) => a - b);
  return indices.map((index) => {
    const phases = [...new Set(rows.filter((r) => r.batch === index).map((r) => r.phase))];
    return { index, phases, kind: batchKind(phases, byId) };
  });
}

/** A cell the person wrote that no rule can read is said, not silently replaced. */
function unreadableCells(row: DispatchRowDraft, where: { batch: number; row: string; phases: string[] }): Violation[] {
  const w = row.written;
  if (!w) return [];
  const out: Violation[] = [];
  if (w.launchAs !== null && row.launchAs === null) {
    out.push(violation('launch.mapping', `Session ${row.session}: "Launch as" says "${w.launchAs}", which is none of Bypass permissions, Plan mode, Ask permissions.`, where));
  }
  if (w.worktree !== null && parseWorktreeCell(w.worktree) === null) {
    out.push(violation('worktree.parallel', `Session ${row.session}: Worktree says "${w.worktree}"; the rule book's values are yes, no and n/a.`, where, 'warning'));
  }
  return out;
}

/** The person's drag and drop: the listed sessions take the places they held between them. */
function reorder(planOrder: readonly string[], edited: readonly string[] | null, rows: readonly DispatchRowDraft[]): string[] {
  if (!edited || edited.length === 0) return [...planOrder];
  // Edits name sessions (or, from older clients, phase ids).
  const asSession = (token: string) => rows.find((r) => r.session === token)?.session ?? rows.find((r) => upper(r.phase) === upper(token))?.session;
  const listed = [...new Set(edited.map(asSession).filter((x): x is string => !!x && planOrder.includes(x)))];
  const slots = listed.map((s) => planOrder.indexOf(s)).sort((a, b) => a - b);
  const next = [...planOrder];
  listed.forEach((s, i) => {
    const slot = slots[i];
    if (slot !== undefined) next[slot] = s;
  });
  return next;
}

function applyRowEdit(row: DispatchRowDraft, edit: DispatchRowEdit | undefined): DispatchRowDraft {
  if (!edit) return { ...row };
  const next = { ...row };
  if (edit.focus !== undefined) next.focus = edit.focus;
  if (edit.mode !== undefined) {
    next.mode = edit.mode;
    next.launchAs = launchModeFor(edit.mode, { analysisOnly: next.analysisOnly, changesCode: next.changesCode ?? false }).launchAs;
  }
  if (edit.agent !== undefined) next.agent = edit.agent.trim() === '' ? 'Claude Code' : edit.agent.trim();
  if (edit.estCostUsd !== undefined) {
    next.estCostUsd = edit.estCostUsd;
    if (next.research && edit.estCostUsd !== null) next.researchCostRangeUsd = researchCostRange(edit.estCostUsd);
  }
  // A recorded branch is the person's: it changes only when they change it in the plan.
  if (!row.recorded && (edit.focus !== undefined || edit.agent !== undefined)) {
    const info = agentInfo(next.agent);
    // The branch follows {agent}/{issue-id}-{slug}; agents that name their own branches get none.
    next.branch = next.issueId === '' ? null : info.id === 'claude-code' ? branchName('claude', next.issueId, next.focus) : info.id === 'cursor' ? branchName('cursor', next.issueId, '') : null;
  }
  return next;
}

function registryOf(phase: string, sessions: PlanSessions) {
  return sessions.sessions.find((s) => s.dispatchRow === null && s.registryRow !== null && upper(s.phase) === upper(phase))?.registryRow ?? null;
}

const DIRECT_MAIN = /\(direct main\)/i;

function registeredWorktree(phase: string, sessions: PlanSessions): WorktreeValue | null {
  const reg = registryOf(phase, sessions);
  if (!reg) return null;
  return parseWorktreeCell(reg.worktree) ?? (DIRECT_MAIN.test(reg.sessionName) ? 'no' : null);
}

/**
 * A phase the Session Registry already records (§6) but no dispatch table has yet: its Branch and
 * Worktree cells (or `(direct main)`) are the plan's record, not something to propose anew.
 */
function registered(row: DispatchRowDraft, sessions: PlanSessions): DispatchRowDraft {
  const reg = registryOf(row.phase, sessions);
  if (!reg) return row;
  const branch = reg.branch && reg.branch.trim() !== '' ? reg.branch.trim() : DIRECT_MAIN.test(reg.sessionName) ? 'main' : row.branch;
  const worktree = registeredWorktree(row.phase, sessions);
  return { ...row, branch, ...(worktree ? { worktree } : {}) };
}

/** Worktree follows §8: n/a for external agents, yes when 2+ Claude Code sessions share the batch. */
function withWorktree(row: DispatchRowDraft, rows: readonly DispatchRowDraft[]): DispatchRowDraft {
  if (agentInfo(row.agent).external) return { ...row, worktree: 'n/a' };
  const local = rows.filter((r) => r.batch === row.batch && !agentInfo(r.agent).external).length;
  return { ...row, worktree: local >= 2 ? 'yes' : 'no' };
}

export { violationConcernsBatch } from '../../../../shared/domain/violationScope';
