import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StateStore } from '../../state/stateStore';
import type { PlansService } from './plansService';
import { openPlansWorld, type PlansWorld } from './plansWorld.testutil';

/**
 * §1 Research Sufficiency on a real plan file: approving the synthesis batch is refused until the
 * assessment is SUFFICIENT or the person overrides it with a written reason (kept in the plan), a
 * contradiction needs a written resolution, follow-up tracks land in the Phase Map — and every byte
 * the person wrote survives.
 */

const link = (id: string): string => `[${id}](https://linear.app/claudian/issue/${id})`;

const SECTION = `## Research Sufficiency

Assessed by dgw after R1–R3 reported; see the Linear comments.

- [x] Evidence convergence: yes — R1 and R3 both cite the 2024 benchmark
- [x] Coverage: no — nobody looked at cost
- [x] Contradictions: no
- Gaps: Q3 cost model
`;

const PLAN = `# Queue library research

**Parent issue:** ${link('CIA-930')}
**Date:** 2026-12-01
**Repo:** /repos/ccc

## Issue Registry

| ID | Title | Status | Exec | Est | Depends On |
|----|-------|--------|------|-----|------------|
| ${link('CIA-931')} | S2 discovery | Done | spike | 2 | None |
| ${link('CIA-932')} | arXiv discovery | Done | spike | 2 | None |
| ${link('CIA-933')} | OpenAlex discovery | Done | spike | 2 | None |
| ${link('CIA-939')} | Synthesis of the findings | Todo | spike | 2 | CIA-931, CIA-932, CIA-933 |

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
| R1 | ${link('CIA-931')} | S2 discovery | 1 | None |
| R2 | ${link('CIA-932')} | arXiv discovery | 1 | None |
| R3 | ${link('CIA-933')} | OpenAlex discovery | 1 | None |
| S1 | ${link('CIA-939')} | Synthesis of the findings | 2 | R1, R2, R3 |

## Session Registry

| Session Name | Issue | Phase | Agent | Worktree | Branch | Status |
|--------------|-------|-------|-------|----------|--------|--------|
| calm-turing | ${link('CIA-931')} | R1 | Claude Code | yes | claude/cia-931-s2 | Done |
| calm-hopper | ${link('CIA-932')} | R2 | Claude Code | yes | claude/cia-932-arxiv | Done |
| calm-curie | ${link('CIA-933')} | R3 | Claude Code | yes | claude/cia-933-openalex | Merged |

${SECTION}
Our own note after the section, kept as written.
`;

let world: PlansWorld;
let planPath: string;
let store: StateStore;
let service: PlansService;

beforeEach(async () => {
  world = await openPlansWorld({ prefix: 'research-gate-', fileName: '2026-12-01-ccc-queue-research.md', text: PLAN, whoAmI: 'tester', now: '2026-12-02T10:00:00.000Z' });
  ({ planPath: planPath, store, service } = world);
});

afterEach(() => world.close());

const state = () => {
  const d = store.current.dispatch[planPath];
  if (!d) throw new Error('no dispatch state');
  return d;
};
/** The synthesis proposal needs a cost estimate like any row: the only edit, so the gate is what decides. */
const EDITS = { rows: { '2A': { estCostUsd: 6 } } };
const approve2 = (overrideReason?: string) => service.approve({ planPath, expectedHash: state().contentHash, batch: 2, edits: EDITS, overrideReason });

/** Every line of `before`, in order, is still in `after` (only lines were added). */
function keepsEveryLine(before: string, after: string): boolean {
  const rest = after.split('\n');
  let at = 0;
  for (const line of before.split('\n')) {
    while (at < rest.length && rest[at] !== line) at += 1;
    if (at === rest.length) return false;
    at += 1;
  }
  return true;
}

describe('the synthesis batch waits for the Research Sufficiency Assessment', () => {
  it('shows the gate on the synthesis batch, naming the gaps', () => {
    const gate = state().violations.filter((v) => v.rule === 'research.sufficiency');
    expect(gate.map((v) => [v.where.batch, v.message.split(' (synthesis')[0]])).toEqual([[2, 'Synthesis waits for the Research Sufficiency Assessment: INSUFFICIENT — gaps: Q3 cost model']]);
    expect(state().research).toMatchObject({ tracks: ['R1', 'R2', 'R3'], synthesis: [{ phase: 'S1' }], sufficiency: { outcome: 'INSUFFICIENT', gapList: ['Q3 cost model'] }, followUps: [], unfinished: [] });
  });

  it('INSUFFICIENT: approval is refused and nothing is written', async () => {
    await expect(approve2()).rejects.toMatchObject({ code: 'refused', message: expect.stringContaining('Synthesis waits for the Research Sufficiency Assessment: INSUFFICIENT — gaps: Q3 cost model') });
    expect(await readFile(planPath, 'utf8')).toBe(PLAN);
  });

  it('overridden with a written reason: approved, the reason kept in the plan, every byte of the person kept', async () => {
    await approve2('Cost is out of scope for\nthis decision');
    const after = await readFile(planPath, 'utf8');
    expect(after).toContain('Batch 2 approved by tester: 1 session(s) 2A; merge order 2A; OVERRIDE of 1 violation(s) (research.sufficiency): "Cost is out of scope for this decision"');
    expect(after).toContain(SECTION);
    expect(keepsEveryLine(PLAN, after)).toBe(true);
  });

  it('SUFFICIENT once the person answers coverage yes: approved without an override; their notes in the section stay', async () => {
    await service.setSufficiency({ planPath, answers: { convergence: 'yes', coverage: 'yes', contradictions: 'no', gaps: '' } });
    const assessed = await readFile(planPath, 'utf8');
    expect(assessed).toBe(PLAN.replace('- [x] Coverage: no — nobody', '- [x] Coverage: yes — nobody').replace('- Gaps: Q3 cost model\n', '- Gaps: none noted\n- Outcome: **SUFFICIENT**\n'));
    expect(state().violations.filter((v) => v.rule === 'research.sufficiency')).toEqual([]);
    await expect(approve2()).resolves.toMatchObject({ batch: 2 });
    const after = await readFile(planPath, 'utf8');
    expect(after).not.toContain('OVERRIDE');
    expect(keepsEveryLine(assessed, after)).toBe(true);
  });

  it('contradictions hold synthesis until a person writes the resolution', async () => {
    await service.setSufficiency({ planPath, answers: { convergence: 'yes', coverage: 'yes', contradictions: 'yes', gaps: '' } });
    await expect(approve2()).rejects.toMatchObject({ code: 'refused', message: expect.stringContaining('Contradictions: conflicting evidence needs a written human resolution') });
    const s = await service.setSufficiency({ planPath, answers: { convergence: 'yes', coverage: 'yes', contradictions: 'yes', gaps: '', resolution: 'R2 measured v1; dgw follows R1' } });
    expect(s.outcome).toBe('SUFFICIENT');
    const text = await readFile(planPath, 'utf8');
    expect(text).toContain('- [x] Contradictions: yes\n- Resolution: R2 measured v1; dgw follows R1\n- Gaps: none noted\n');
    await expect(approve2()).resolves.toMatchObject({ batch: 2 });
  });

  it('a follow-up track for the gap: a research row in a new batch 2, the synthesis moves to 3, its dispatch row proposed', async () => {
    const added = await service.addFollowUpTrack({ planPath, gap: 'Q3 cost model', issue: 'CIA-934' });
    expect(added).toMatchObject({ phase: 'R4', batch: 2, newBatch: true });
    const after = await readFile(planPath, 'utf8');
    expect(after).toContain('| S1 | [CIA-939](https://linear.app/claudian/issue/CIA-939) | Synthesis of the findings | 3 | R1, R2, R3 |');
    expect(after).toContain('| R4 | [CIA-934](https://linear.app/claudian/issue/CIA-934) | Q3 cost model — follow-up research (exec:spike, type:research, read-only) | 2 | None |');
    expect(keepsEveryLine(PLAN.replace('Synthesis of the findings | 2 |', 'Synthesis of the findings | 3 |'), after)).toBe(true);
    expect(state().research?.followUps).toEqual([{ gap: 'Q3 cost model', phase: 'R4' }]);
    expect(state().research?.unfinished).toEqual(['R4']);
    expect(state().batches.map((b) => [b.index, b.phases])).toEqual([[1, ['R1', 'R2', 'R3']], [2, ['R4']], [3, ['S1']]]);
    expect(state().rows.find((r) => r.phase === 'R4')).toMatchObject({ batch: 2, issueId: 'CIA-934', mode: 'spike', research: true, launchAs: 'Bypass permissions' });
    // The gate moved with the synthesis, and says the gap has its track.
    const gate = state().violations.filter((v) => v.rule === 'research.sufficiency');
    expect(gate.map((v) => v.where.batch)).toEqual([3]);
    expect(gate[0]?.message).toContain('INSUFFICIENT — gaps: Q3 cost model (follow-up track R4)');
    await expect(service.addFollowUpTrack({ planPath, gap: 'q3 cost model' })).rejects.toMatchObject({ code: 'refused', message: 'The gap "q3 cost model" already has the follow-up track R4.' });
  });
});
