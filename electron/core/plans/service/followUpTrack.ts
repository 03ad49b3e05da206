import type { Batch, PhaseFacts } from '../../../../shared/domain/dispatch';
import type { BatchState } from '../../../../shared/domain/planState';
import { comparePhaseIds, MAX_RESEARCH_SESSIONS, parseDeclaredBatch, type ResearchShape } from '../../dispatch';
import { appendDispatchRows, setDispatchCells } from '../dispatchTableEdit';
import { indexPlan } from '../planIndex';
import { ISSUE_ID_PATTERN } from '../issueRefs';
import { classifyTables, type ClassifiedTable } from '../planTables';
import { appendToSection } from '../planWriter';
import { APPROVALS_HEADING } from './dispatchRecord';

/**
 * §1 "INSUFFICIENT (specify which gaps remain and dispatch targeted follow-up tracks)": one click per
 * named gap appends a read-only research phase to the Phase Map — a new id in the research tracks'
 * numbering (R3 → R4, 1C → 1D), Focus naming the gap with `exec:spike, type:research, read-only` (what the plan
 * grammar reads as a research track), in a follow-up batch just before the synthesis — so the engine
 * proposes its dispatch row like any other phase. The follow-up batch is the draft all-research
 * batch right before the synthesis when there is one (up to the 5-session cap, beyond it only with a
 * written justification, kept in `## Dispatch Facts`), else a new batch: the synthesis and every
 * later declared batch move one batch on (their Batch cells only). Pure: plan → edit, or a refusal.
 */

/** Written after the gap in Focus: the gap reads first in the table, the labels make it a read-only research track. */
export const FOLLOW_UP_SUFFIX = '— follow-up research (exec:spike, type:research, read-only)';

export interface FollowUpInput {
  /** The plan file's text (where its Phase Map is). */
  text: string;
  gap: string;
  /** The issue made for the follow-up (`CIA-936`), when the person has one: Issues cell and an Issue Registry row. */
  issue?: string | null;
  /** `https://linear.app/<workspace>`, to write the issue as a link. */
  linkBase?: string | null;
  /** When and by whom, for the Dispatch Approvals line that records a renumbering. */
  at?: string;
  by?: string;
  /** Why more than 5 research sessions go in one batch (§1), when the follow-up batch is full. */
  justification?: string | null;
  facts: readonly PhaseFacts[];
  shape: ResearchShape;
  batches: readonly Batch[];
  batchStates: readonly BatchState[];
}

const ISSUE_ID = new RegExp(`^${ISSUE_ID_PATTERN}$`);

export type FollowUpPlan =
  | { ok: true; phase: string; batch: number; newBatch: boolean; edit: (text: string) => string }
  | { ok: false; reason: string };

/** The gap a phase follows up, when its Focus is a follow-up's. */
export function followUpGap(focus: string): string | null {
  const at = focus.lastIndexOf(FOLLOW_UP_SUFFIX);
  return at < 0 ? null : focus.slice(0, at).trim() || null;
}

/**
 * A gap compared as text: the Phase Map cell is read as rendered markdown (no backticks or emphasis),
 * the assessment's Gaps line as written.
 */
export function gapKey(gap: string): string {
  return gap.replace(/[`*_~]/g, '').replace(/\\\|/g, '|').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The follow-up tracks of the plan, each under the gap as the assessment names it (when it still does). */
export function followUpTracks(facts: readonly PhaseFacts[], gapList: readonly string[]): { gap: string; phase: string }[] {
  const out: { gap: string; phase: string }[] = [];
  for (const f of facts) {
    const gap = followUpGap(f.focus);
    if (gap === null) continue;
    out.push({ gap: gapList.find((g) => gapKey(g) === gapKey(gap)) ?? gap, phase: f.phase });
  }
  return out;
}

/** R3 → R4, 1C → 1D, 1Z → 1AA, T-9 → T-10: the next free id after `last`. */
export function nextPhaseId(last: string, taken: readonly string[]): string {
  const used = new Set(taken.map((t) => t.toUpperCase()));
  let id = last;
  for (let guard = 0; guard < 1000; guard += 1) {
    const digits = /^(.*?)(\d+)$/.exec(id);
    if (digits) id = `${digits[1] ?? ''}${Number(digits[2]) + 1}`;
    else {
      const letters = /^(.*?)([A-Za-z])$/.exec(id);
      if (letters) {
        const ch = letters[2] ?? 'A';
        id = ch === 'Z' || ch === 'z' ? `${id}${ch === 'Z' ? 'A' : 'a'}` : `${letters[1] ?? ''}${String.fromCharCode(ch.charCodeAt(0) + 1)}`;
      } else id = `${id}2`;
    }
    if (!used.has(id.toUpperCase())) return id;
  }
  return `${last}-follow-up`;
}

function phaseMaps(text: string): ClassifiedTable[] {
  return classifyTables(indexPlan(text)).filter((t) => t.kind === 'phaseMap' && t.table.editable);
}

/** The Phase Map holding the research tracks (the last one's row), else the first Phase Map. */
function trackTable(text: string, tracks: readonly string[]): ClassifiedTable | null {
  const maps = phaseMaps(text);
  const holds = (t: ClassifiedTable, id: string) => {
    const column = t.columns.index.phase;
    return column !== undefined && t.table.rows.some((r) => (r.cells[column]?.text ?? '').trim() === id);
  };
  return [...tracks].reverse().map((id) => maps.find((t) => holds(t, id))).find((t) => t !== undefined) ?? maps[0] ?? null;
}

export function planFollowUpTrack(input: FollowUpInput): FollowUpPlan {
  const gap = input.gap.replace(/\s+/g, ' ').trim();
  if (gap === '') return { ok: false, reason: 'Name the gap the follow-up track should close.' };
  const existing = input.facts.find((f) => {
    const own = followUpGap(f.focus);
    return own !== null && gapKey(own) === gapKey(gap);
  });
  if (existing) return { ok: false, reason: `The gap "${gap}" already has the follow-up track ${existing.phase}.` };
  if (input.shape.tracks.length === 0) return { ok: false, reason: 'The plan has no read-only research tracks to follow up.' };
  const issue = (input.issue ?? '').trim().toUpperCase();
  if (issue !== '' && !ISSUE_ID.test(issue)) return { ok: false, reason: `"${input.issue ?? ''}" is not an issue id (like CIA-936).` };
  const holder = input.facts.find((f) => f.issueIds.some((i) => i.toUpperCase() === issue));
  if (issue !== '' && holder) return { ok: false, reason: `${issue} is already the issue of phase ${holder.phase}: one issue per session.` };

  const phaseMap = trackTable(input.text, input.shape.tracks);
  if (!phaseMap) return { ok: false, reason: 'The plan has no Phase Map table to add the follow-up track to.' };
  if (phaseMap.columns.index.batch === undefined || phaseMap.columns.index.phase === undefined) {
    return { ok: false, reason: 'The Phase Map has no Phase and Batch columns, so a follow-up batch before the synthesis cannot be declared: add the follow-up phase by hand.' };
  }

  const batchOf = new Map(input.batches.flatMap((b) => b.phases.map((p) => [p, b.index] as const)));
  const synthesisBatches = input.shape.synthesis.map((s) => batchOf.get(s.phase)).filter((n): n is number => n !== undefined);
  const trackBatches = input.shape.tracks.map((t) => batchOf.get(t)).filter((n): n is number => n !== undefined);
  const before = synthesisBatches.length > 0 ? Math.min(...synthesisBatches) : Math.max(0, ...trackBatches) + 1;
  const stateOf = (n: number) => input.batchStates.find((s) => s.index === n)?.state ?? 'draft';
  const open = (n: number) => stateOf(n) === 'draft' || stateOf(n) === 'rejected';
  const research = new Set(input.facts.filter((f) => f.readOnlyResearch).map((f) => f.phase));
  const synthesisIds = new Set(input.shape.synthesis.map((s) => s.phase));

  // Join the all-research draft batch right before the synthesis (an earlier follow-up batch).
  const previous = input.batches.find((b) => b.index === before - 1);
  const joinable = previous !== undefined && open(previous.index) && previous.phases.every((p) => research.has(p) && !synthesisIds.has(p)) && previous.phases.some((p) => input.facts.some((f) => f.phase === p && followUpGap(f.focus) !== null));
  const justification = (input.justification ?? '').replace(/\s+/g, ' ').trim();
  if (joinable && previous.phases.length + 1 > MAX_RESEARCH_SESSIONS && justification === '') {
    return {
      ok: false,
      reason: `Follow-up batch ${previous.index} already has ${previous.phases.length} research sessions: the cap is ${MAX_RESEARCH_SESSIONS}, and beyond it the rule book asks for an explicit justification (write one).`,
    };
  }
  const laterBatches = input.batches.filter((b) => b.index >= before);
  if (!joinable) {
    const closed = laterBatches.find((b) => !open(b.index));
    if (closed) return { ok: false, reason: `Batch ${closed.index} is already ${stateOf(closed.index)}: a follow-up batch cannot go before it. Add the follow-up phase to the Phase Map by hand.` };
  }

  const lastTrack = [...input.shape.tracks].sort(comparePhaseIds).at(-1) ?? 'R0';
  const phase = nextPhaseId(lastTrack, input.facts.map((f) => f.phase));
  const batch = joinable ? previous.index : before;
  const focus = `${gap} ${FOLLOW_UP_SUFFIX}`;
  const shifted = new Set(joinable ? [] : laterBatches.flatMap((b) => b.phases));
  const reopened = joinable ? [] : laterBatches.filter((b) => stateOf(b.index) === 'rejected').map((b) => b.index);

  const edit = (text: string): string => {
    const phaseMap = trackTable(text, input.shape.tracks);
    if (!phaseMap) return text;
    let next = text;
    // Every Phase Map (a plan may keep one per stage) moves the shifted phases' Batch cells; cell edits keep line numbers.
    for (const map of shifted.size > 0 ? phaseMaps(text) : []) {
      const batchColumn = map.columns.index.batch;
      const phaseColumn = map.columns.index.phase;
      if (batchColumn === undefined || phaseColumn === undefined) continue;
      const writes = map.table.rows
        .filter((r) => shifted.has((r.cells[phaseColumn]?.text ?? '').trim()))
        .map((r) => ({ r, cell: r.cells[batchColumn]?.text ?? '' }))
        .filter(({ cell }) => parseDeclaredBatch(cell) !== null)
        .map(({ r, cell }) => ({ line: r.line, cells: { batch: cell.replace(/\d+/, (n) => String(Number(n) + 1)) } }));
      next = setDispatchCells(next, map.table.line, writes).text;
    }
    const issueCell = issue === '' ? '' : input.linkBase ? `[${issue}](${input.linkBase}/issue/${issue})` : issue;
    next = appendDispatchRows(next, phaseMap.table.line, [{ phase, issues: issueCell, focus, batch: String(batch), dependencies: 'None' }]);
    const registry = issue === '' ? undefined : classifyTables(indexPlan(next)).find((t) => t.kind === 'issueRegistry' && t.table.editable);
    if (registry) next = appendDispatchRows(next, registry.table.line, [{ id: issueCell, issue: issueCell, title: `Follow-up research: ${gap}`, status: 'Todo', exec: 'spike', dependsOn: 'None' }]);
    if (joinable && previous.phases.length + 1 > MAX_RESEARCH_SESSIONS) next = appendToSection(next, '## Dispatch Facts', `- Batch ${batch}: justification: ${justification}`);
    if (!joinable) {
      // The record says the numbers moved; a rejection of a moved batch would otherwise name the new one.
      const who = `${input.at ?? new Date().toISOString()} — `;
      // The gap stays out of the line: its words could read as a batch decision.
      const lines = [`- ${who}Follow-up track ${phase} added${input.by ? ` by ${input.by}` : ''} to the Phase Map as the new batch ${batch}; the synthesis and the batches after it moved one batch on (earlier lines name the old numbers)`];
      for (const k of reopened) lines.push(`- ${who}Batch ${k} reopened: its rejection above was for the batch now numbered ${k + 1}`);
      next = appendToSection(next, APPROVALS_HEADING, lines);
    }
    return next;
  };
  return { ok: true, phase, batch, newBatch: !joinable, edit };
}

/** Does a batch holding follow-up tracks already have the 5 research sessions §1 allows? */
export function followUpBatchFull(facts: readonly PhaseFacts[], batches: readonly Batch[]): boolean {
  const followUps = new Set(facts.filter((f) => followUpGap(f.focus) !== null).map((f) => f.phase));
  return batches.some((b) => b.phases.some((p) => followUps.has(p)) && b.phases.length >= MAX_RESEARCH_SESSIONS);
}
