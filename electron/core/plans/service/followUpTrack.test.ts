import { describe, expect, it } from 'vitest';
import { parsePlan } from '../parsePlan';
import { batchStates } from './batchStates';
import { batchesOf, dispatchBasis, evaluateDispatch } from './evaluateDispatch';
import { followUpBatchFull, followUpTracks, nextPhaseId, planFollowUpTrack, type FollowUpPlan } from './followUpTrack';

/**
 * §1 "INSUFFICIENT (specify which gaps remain and dispatch targeted follow-up tracks)": a follow-up
 * track appended to a plan written as markdown, then read back through the Dispatch view's path.
 */

const PATH = '/plans/2026-12-01-ccc-follow-up.md';
const link = (id: string): string => `[${id}](https://linear.app/claudian/issue/${id})`;

function plan(opts: { tracks?: number; synthesisBatch?: string; later?: boolean; extra?: string } = {}): string {
  const tracks = Array.from({ length: opts.tracks ?? 3 }, (_v, i) => `| R${i + 1} | ${link(`CIA-93${i + 1}`)} | Source ${i + 1} discovery (spike) | 1 | None |`);
  return `# Follow-up cases

**Parent issue:** ${link('CIA-930')}

## Issue Registry

| ID | Title | Status | Exec | Est | Depends On |
|----|-------|--------|------|-----|------------|
${Array.from({ length: opts.tracks ?? 3 }, (_v, i) => `| ${link(`CIA-93${i + 1}`)} | Source ${i + 1} discovery | Done | spike | 2 | None |`).join('\n')}
| ${link('CIA-939')} | Synthesis of the findings | Todo | spike | 2 | None |
| ${link('CIA-940')} | Build the chosen option | Todo | tdd | 3 | None |

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
${tracks.join('\n')}
| S1 | ${link('CIA-939')} | Synthesis of the findings | ${opts.synthesisBatch ?? '2'} | R1, R2, R3 |
${opts.later ? `| 3A | ${link('CIA-940')} | Build the chosen option | 3 (after S1) | S1 |\n` : ''}
## Research Sufficiency

- [x] Evidence convergence: yes
- [x] Coverage: no — Q3 has no source
- [x] Contradictions: no
- Gaps: Q3 cost model; a second source for latency
${opts.extra ?? ''}`;
}

function follow(md: string, gap: string, justification: string | null = null, issue: string | null = null): FollowUpPlan {
  const basis = dispatchBasis(parsePlan(md, PATH), md, ['/repo']);
  const evaluation = evaluateDispatch(basis);
  const batches = batchesOf(evaluation.rows, basis.facts);
  return planFollowUpTrack({ text: md, at: '2026-12-02T10:00:00.000Z', by: 'dgw', gap, justification, issue, linkBase: 'https://linear.app/claudian', facts: basis.facts, shape: basis.research.shape, batches, batchStates: batchStates(basis.plan, batches) });
}

function applied(md: string, gap: string, justification: string | null = null): string {
  const p = follow(md, gap, justification);
  if (!p.ok) throw new Error(p.reason);
  return p.edit(md);
}

const view = (md: string) => {
  const basis = dispatchBasis(parsePlan(md, PATH), md, ['/repo']);
  return { basis, evaluation: evaluateDispatch(basis) };
};

describe('adding a follow-up track for a named gap', () => {
  it('appends a research row in the tracks numbering, in a new batch before the synthesis, which moves one batch on', () => {
    const md = plan();
    const next = applied(md, 'Q3 cost model');
    expect(next).toContain('| S1 | [CIA-939](https://linear.app/claudian/issue/CIA-939) | Synthesis of the findings | 3 | R1, R2, R3 |');
    expect(next).toContain('| R4 |  | Q3 cost model — follow-up research (exec:spike, type:research, read-only) | 2 | None |');
    // Only the Phase Map changed, and the renumbering is recorded: every other line is as it was.
    const changed = next.split('\n').filter((l) => !md.split('\n').includes(l));
    expect(changed).toEqual([
      '| S1 | [CIA-939](https://linear.app/claudian/issue/CIA-939) | Synthesis of the findings | 3 | R1, R2, R3 |',
      '| R4 |  | Q3 cost model — follow-up research (exec:spike, type:research, read-only) | 2 | None |',
      '## Dispatch Approvals',
      '- 2026-12-02T10:00:00.000Z — Follow-up track R4 added by dgw to the Phase Map as the new batch 2; the synthesis and the batches after it moved one batch on (earlier lines name the old numbers)',
    ]);

    const { basis, evaluation } = view(next);
    const r4 = evaluation.rows.find((r) => r.phase === 'R4');
    expect(r4).toMatchObject({ batch: 2, research: true, launchAs: 'Bypass permissions' });
    expect(r4?.recorded).not.toBe(true);
    expect(r4?.mode).toBe('spike');
    expect(r4?.researchWhy).toBe('label type:research');
    expect(basis.research.shape.tracks).toEqual(['R1', 'R2', 'R3', 'R4']);
    expect(batchesOf(evaluation.rows, basis.facts).map((b) => [b.index, b.phases, b.kind])).toEqual([
      [1, ['R1', 'R2', 'R3'], 'research'],
      [2, ['R4'], 'research'],
      [3, ['S1'], 'research'],
    ]);
  });

  it('with the issue made for it: a linked Issues cell and an Issue Registry row, so the proposed row has issue and branch', () => {
    const p = follow(plan(), 'Q3 cost model', null, 'cia-936');
    if (!p.ok) throw new Error(p.reason);
    const next = p.edit(plan());
    expect(next).toContain('| R4 | [CIA-936](https://linear.app/claudian/issue/CIA-936) | Q3 cost model — follow-up research (exec:spike, type:research, read-only) | 2 | None |');
    expect(next).toContain('| [CIA-936](https://linear.app/claudian/issue/CIA-936) | Follow-up research: Q3 cost model | Todo | spike |  | None |');
    const r4 = view(next).evaluation.rows.find((r) => r.phase === 'R4');
    expect(r4).toMatchObject({ issueId: 'CIA-936', mode: 'spike', research: true });
    expect(r4?.branch).toMatch(/^claude\/cia-936-/);
    const taken = follow(next, 'latency', null, 'CIA-936');
    expect(taken).toMatchObject({ ok: false, reason: 'CIA-936 is already the issue of phase R4: one issue per session.' });
  });

  it('a gap that names code or files is still read-only research (the Focus says read-only)', () => {
    const next = applied(plan(), 'how others implement caching in `src/cache.ts` | and why');
    const r4 = view(next).evaluation.rows.find((r) => r.phase === 'R4');
    expect(r4).toMatchObject({ research: true, analysisOnly: true, launchAs: 'Bypass permissions' });
    expect(view(next).basis.research.shape.tracks).toContain('R4');
    // The cell reads back as rendered text; the gap as the assessment writes it still finds its track.
    const gap = 'how others implement caching in `src/cache.ts` | and why';
    expect(followUpTracks(view(next).basis.facts, [gap])).toEqual([{ gap, phase: 'R4' }]);
    expect(follow(next, gap)).toMatchObject({ ok: false, reason: `The gap "${gap}" already has the follow-up track R4.` });
  });

  it('a second gap joins the follow-up batch instead of opening another', () => {
    const next = applied(applied(plan(), 'Q3 cost model'), 'a second source for latency');
    const v = view(next);
    expect(followUpBatchFull(v.basis.facts, batchesOf(v.evaluation.rows, v.basis.facts))).toBe(false);
    expect(next).toContain('| R5 |  | a second source for latency — follow-up research (exec:spike, type:research, read-only) | 2 | None |');
    expect(next).toContain('| Synthesis of the findings | 3 |');
  });

  it('every later declared batch moves with the synthesis, keeping what its cell says', () => {
    const next = applied(plan({ later: true }), 'Q3 cost model');
    expect(next).toContain('| Build the chosen option | 4 (after S1) | S1 |');
  });

  it('a plan with a Phase Map per stage: the row goes into the tracks\' table, the synthesis moves in its own', () => {
    const md = plan().replace(/\| S1 \| (.*)\n/, '\n### Phase Map (synthesis)\n\n| Phase | Issues | Focus | Batch | Dependencies |\n|-------|--------|-------|-------|--------------|\n| S1 | $1\n');
    expect(view(md).basis.research.shape.synthesis.map((x) => x.phase)).toEqual(['S1']);
    const next = applied(md, 'Q3 cost model');
    expect(next).toMatch(/\| R3 \|[^\n]*\n\| R4 \| {2}\| Q3 cost model — follow-up research/);
    expect(next).toContain('| S1 | [CIA-939](https://linear.app/claudian/issue/CIA-939) | Synthesis of the findings | 3 | R1, R2, R3 |');
  });

  it.each<[string, string, string]>([
    ['the same gap twice', 'Q3 cost model', 'already has the follow-up track R4'],
    ['an empty gap', '   ', 'Name the gap'],
  ])('refuses %s', (_name, gap, reason) => {
    const once = applied(plan(), 'Q3 cost model');
    const p = follow(once, gap);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.reason).toContain(reason);
  });

  it('a rejected synthesis batch: the follow-up takes its number, and the rejection does not land on it', () => {
    const md = plan({ extra: '\n## Dispatch Approvals\n\n- 2026-12-01T10:00:00Z — Batch 2 rejected by dgw: "coverage gap first"\n' });
    const next = applied(md, 'Q3 cost model');
    expect(next).toContain('- 2026-12-01T10:00:00Z — Batch 2 rejected by dgw: "coverage gap first"\n');
    expect(next).toContain('- 2026-12-02T10:00:00.000Z — Batch 2 reopened: its rejection above was for the batch now numbered 3\n');
    const { basis, evaluation } = view(next);
    expect(batchStates(basis.plan, batchesOf(evaluation.rows, basis.facts)).map((b) => [b.index, b.state])).toEqual([
      [1, 'draft'],
      [2, 'draft'],
      [3, 'draft'],
    ]);
  });

  it('refuses to go before a synthesis batch that is already approved', () => {
    const md = plan({ extra: '\n## Dispatch Approvals\n\n- 2026-12-01T10:00:00Z — Batch 2 approved by dgw: 1 session(s) S1\n' });
    const p = follow(md, 'Q3 cost model');
    expect(p).toMatchObject({ ok: false });
    if (!p.ok) expect(p.reason).toBe('Batch 2 is already approved: a follow-up batch cannot go before it. Add the follow-up phase to the Phase Map by hand.');
  });

  it('the 5-session research cap: a sixth follow-up needs the written justification, kept in Dispatch Facts', () => {
    let md = plan();
    for (const gap of ['g1', 'g2', 'g3', 'g4', 'g5']) md = applied(md, gap);
    const full = view(md);
    expect(followUpBatchFull(full.basis.facts, batchesOf(full.evaluation.rows, full.basis.facts))).toBe(true);
    const refused = follow(md, 'g6');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toContain('the cap is 5');
    const next = applied(md, 'g6', 'Q3 needs a sixth source the spike names');
    expect(next).toContain('## Dispatch Facts\n\n- Batch 2: justification: Q3 needs a sixth source the spike names');
    expect(view(next).evaluation.violations.filter((v) => v.rule === 'cap.research')).toEqual([]);
  });

  it.each([
    ['R3', ['R1', 'R2', 'R3'], 'R4'],
    ['1C', ['1A', '1B', '1C', '1D'], '1E'],
    ['1Z', ['1Z'], '1ZA'],
    ['T-9', [], 'T-10'],
  ])('next id after %s (taken %j) is %s', (last, taken, id) => {
    expect(nextPhaseId(last, taken)).toBe(id);
  });
});
