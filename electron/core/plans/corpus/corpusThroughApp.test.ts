import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DispatchRowDraft, Violation } from '../../../../shared/domain/dispatch';
import { planMergeOrder } from '../../merge/service/mergeOrderFromPlan';
import { parsePlan } from '../parsePlan';
import { classifyPlanFileName } from '../planNaming';
import { resolvePlanSessions } from '../planSessions';
import { approvalEdit } from '../service/dispatchRecord';
import { dispatchBasis, evaluateDispatch } from '../service/evaluateDispatch';

/**
 * The corpus (plans Switchyard did not write, answers taken from the rule book's text by someone who
 * did not read this code) run through the same path the views use: `dispatchBasis` +
 * `evaluateDispatch` for the Dispatch view, `planMergeOrder` for the Merge queue, the plans module's
 * naming rule for both, and the approval write-back for "never lose a byte".
 */

interface ExpectedRow {
  session: string;
  phase?: string;
  issue?: string | null;
  branch?: string | null;
  worktree?: string | null;
  launchAs?: string | null;
  mode?: string | null;
  recorded: boolean;
}
interface ViolationExpectation {
  rule?: string;
  anyOf?: string[];
  row?: string;
  phases?: string[];
  field?: string;
  why?: string;
}
interface Expected {
  naming: { kind: string; flagged: boolean };
  dispatchRows?: ExpectedRow[];
  mergeQueue?: { declared: boolean; order: string[]; unmatchedTokens?: string[] };
  batches?: string[][];
  violations?: { mustInclude?: ViolationExpectation[]; mustNotInclude?: ViolationExpectation[] };
}

const here = __dirname;
const cases = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^c\d+/.test(d.name))
  .map((d) => {
    const files = readdirSync(join(here, d.name));
    const planFile = files.find((f) => f.endsWith('.md')) ?? '';
    return {
      id: d.name,
      planFile,
      text: readFileSync(join(here, d.name, planFile), 'utf8'),
      expected: JSON.parse(readFileSync(join(here, d.name, 'expected.json'), 'utf8')) as Expected,
    };
  });

function evaluate(c: (typeof cases)[number]) {
  const path = `/plans/${c.planFile}`;
  const plan = parsePlan(c.text, path);
  const basis = plan.phases.length > 0 || plan.dispatchTables.length > 0 ? dispatchBasis(plan, c.text, []) : null;
  return { plan, basis, evaluation: basis ? evaluateDispatch(basis) : null };
}

function normMode(m: string | null | undefined): string | null {
  if (m === null || m === undefined) return null;
  return m.replace(/^exec:/i, '').replace(/[`*]/g, '').trim().toLowerCase();
}

function matches(v: Violation, e: ViolationExpectation, rows: readonly DispatchRowDraft[]): boolean {
  const rules = e.anyOf ?? (e.rule ? [e.rule] : []);
  if (!rules.includes(v.rule)) return false;
  if (e.row) {
    const inRow = v.where.row?.split(/,\s*/).includes(e.row) ?? false;
    const phase = rows.find((r) => r.session === e.row)?.phase;
    if (!inRow && !(phase && (v.where.phases ?? []).includes(phase) && !v.where.row)) return false;
  }
  if (e.phases && !e.phases.every((p) => (v.where.phases ?? []).includes(p) || v.message.includes(p))) return false;
  if (e.field && !v.message.includes(e.field)) return false;
  return true;
}

describe.each(cases)('corpus $id', (c) => {
  const { plan, basis, evaluation } = evaluate(c);
  const e = c.expected;

  it('names the plan file the way the rule book does', () => {
    expect(classifyPlanFileName(c.planFile).kind).toBe(e.naming.kind);
    const flagged = evaluation?.violations.some((v) => v.rule === 'plan.file-name') ?? !classifyPlanFileName(c.planFile).conventional;
    expect(flagged).toBe(e.naming.flagged);
  });

  if (e.dispatchRows && e.dispatchRows.length > 0) {
    it('shows the dispatch rows the plan records, as written, and proposes only the rest', () => {
      const rows = evaluation?.rows ?? [];
      for (const want of e.dispatchRows ?? []) {
        const got = want.recorded ? rows.find((r) => r.recorded && r.session === want.session) : rows.find((r) => !r.recorded && r.phase === want.phase);
        expect(got, `${want.recorded ? 'recorded' : 'proposed'} row ${want.session} (${want.phase ?? ''})`).toBeDefined();
        if (!got) continue;
        const where = `${c.id} ${want.session}`;
        // A row whose label names no Phase Map phase keeps its label as its key: "no phase" to a person.
        if (want.phase !== undefined) expect(plan.phases.some((p) => p.phase === got.phase) ? got.phase : null, `${where} phase`).toBe(want.phase);
        if (want.issue !== undefined) expect(got.issueId || null, `${where} issue`).toBe(want.issue);
        if (want.recorded) {
          if (want.branch !== undefined) expect(got.written?.branch ?? null, `${where} branch as written`).toBe(want.branch);
          if (want.worktree !== undefined) expect(got.written?.worktree ?? null, `${where} worktree as written`).toBe(want.worktree);
          if (want.launchAs !== undefined) expect(got.written?.launchAs ?? null, `${where} launch as written`).toBe(want.launchAs);
          if (want.mode !== undefined) expect(normMode(got.written?.mode), `${where} mode`).toBe(normMode(want.mode));
        } else {
          if (want.launchAs !== undefined) expect(got.launchAs, `${where} launch as`).toBe(want.launchAs);
          if (want.worktree !== undefined && want.worktree !== null) expect(got.worktree, `${where} worktree`).toBe(want.worktree);
          if (want.branch !== undefined && want.branch !== null) expect(got.branch, `${where} branch`).toBe(want.branch);
          if (want.mode !== undefined && want.mode !== null) expect(got.mode, `${where} mode`).toBe(normMode(want.mode));
        }
      }
      const recordedWanted = (e.dispatchRows ?? []).filter((r) => r.recorded).map((r) => r.session).sort();
      expect(rows.filter((r) => r.recorded).map((r) => r.session).sort()).toEqual(recordedWanted);
    });
  }

  if (e.mergeQueue) {
    it('queues the sessions in the merge order the plan declares', () => {
      const sessions = resolvePlanSessions(plan);
      const rows = evaluation?.rows ?? [];
      // Only dispatched sessions are queued; when nothing is dispatched yet, the Phase Map's order is what will be.
      const anyDispatched = sessions.sessions.some((s) => s.dispatchRow);
      const queued = sessions.mergeOrder.keys
        .map((k) => sessions.sessions.find((s) => s.key === k))
        .filter((s) => !anyDispatched || s?.dispatchRow)
        .filter((s) => {
          const row = rows.find((r) => (r.recorded && r.session === s?.label) || (!r.recorded && !s?.label && r.phase === s?.phase));
          const onMain = row?.worktree === 'no' && /^(?:main|\(direct main\))$/i.test((row.branch ?? s?.branch ?? 'main').trim());
          return row ? !row.analysisOnly && !onMain : true;
        })
        .map((s) => s?.label ?? s?.phase ?? '');
      expect(queued).toEqual(e.mergeQueue?.order);
      expect(sessions.mergeOrder.declared).toBe(e.mergeQueue?.declared);
      expect(sessions.mergeOrder.unmatched.map((u) => u.token)).toEqual(e.mergeQueue?.unmatchedTokens ?? []);
      // The Merge view's queue is that order restricted to sessions with a branch.
      const branches = planMergeOrder(plan, []).branches.map((b) => b.label);
      expect(branches).toEqual(queued.filter((l) => branches.includes(l)));
    });
  }

  if (e.batches) {
    it('batches the phases as the rule book settles it', () => {
      const rows = evaluation?.rows ?? [];
      const byBatch = [...new Set(rows.map((r) => r.batch))].sort((a, b) => a - b).map((b) => rows.filter((r) => r.batch === b).map((r) => r.phase).sort());
      expect(byBatch).toEqual((e.batches ?? []).map((b) => [...b].sort()));
    });
  }

  for (const want of e.violations?.mustInclude ?? []) {
    it(`reports ${want.anyOf?.join(' or ') ?? want.rule}${want.row ? ` on ${want.row}` : ''}`, () => {
      const rows = evaluation?.rows ?? [];
      const hit = (evaluation?.violations ?? []).some((v) => matches(v, want, rows));
      expect(hit, JSON.stringify((evaluation?.violations ?? []).map((v) => [v.rule, v.where.row ?? v.where.phases, v.message]), null, 1)).toBe(true);
    });
  }
  for (const want of e.violations?.mustNotInclude ?? []) {
    it(`does not report ${want.rule}${want.row ? ` on ${want.row}` : ''}${want.field ? ` (${want.field})` : ''}`, () => {
      const rows = evaluation?.rows ?? [];
      const hits = (evaluation?.violations ?? []).filter((v) => matches(v, want, rows));
      expect(hits.map((v) => v.message), want.why).toEqual([]);
    });
  }

  if (basis && evaluation) {
    it('approving each batch keeps every line the person wrote', () => {
      let text = c.text;
      for (const b of [...new Set(evaluation.rows.map((r) => r.batch))]) {
        const rows = evaluation.rows.filter((r) => r.batch === b);
        text = approvalEdit({ batch: b, rows, at: '2026-12-01T00:00:00.000Z', by: 'corpus', overrideReason: 'corpus', overridden: [] })(text);
      }
      const kept = text.split(/\r?\n/);
      const missing = c.text.split(/\r?\n/).filter((line) => line.trim() !== '' && !kept.includes(line));
      expect(missing).toEqual([]);
      expect(text.startsWith('\uFEFF')).toBe(c.text.startsWith('\uFEFF'));
    });
  }
});
