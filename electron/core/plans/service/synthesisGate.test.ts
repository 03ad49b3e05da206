import { describe, expect, it } from 'vitest';
import { parsePlan } from '../parsePlan';
import { dispatchBasis, evaluateDispatch, type DispatchBasis } from './evaluateDispatch';

/**
 * §1 Research Sufficiency Assessment, decided from what a plan file says and judged through the
 * Dispatch view's path (parse → dispatchBasis → evaluateDispatch): which phase is the synthesis, and
 * whether its batch waits for the assessment.
 */

const PATH = '/plans/2026-12-01-ccc-research-cases.md';
const link = (id: string): string => `[${id}](https://linear.app/claudian/issue/${id})`;

type Row = { phase: string; issue: string; title: string; exec: string; focus?: string; batch: string; deps?: string; dependsOn?: string };

const TRACKS: Row[] = [
  { phase: 'R1', issue: 'CIA-931', title: 'S2 discovery', exec: 'spike', batch: '1' },
  { phase: 'R2', issue: 'CIA-932', title: 'arXiv discovery', exec: 'spike', batch: '1' },
  { phase: 'R3', issue: 'CIA-933', title: 'OpenAlex discovery', exec: 'spike', batch: '1' },
];

function plan(rows: readonly Row[], extra = ''): string {
  return `# Research cases

**Parent issue:** ${link('CIA-930')}
**Date:** 2026-12-01

## Issue Registry

| ID | Title | Status | Exec | Est | Depends On |
|----|-------|--------|------|-----|------------|
${rows.map((r) => `| ${link(r.issue)} | ${r.title} | Todo | ${r.exec} | 2 | ${r.dependsOn ?? 'None'} |`).join('\n')}

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
${rows.map((r) => `| ${r.phase} | ${link(r.issue)} | ${r.focus ?? r.title} | ${r.batch} | ${r.deps ?? 'None'} |`).join('\n')}
${extra}`;
}

function basisOf(md: string): DispatchBasis {
  return dispatchBasis(parsePlan(md, PATH), md, ['/repo']);
}

const synthesisOf = (md: string) => basisOf(md).research.shape.synthesis;

describe('§1 which phase is the synthesis, from what the plan says', () => {
  it.each<[string, Row, string[], string]>([
    ['Focus says "Synthesis" (a spike, itself read-only)', { phase: 'S1', issue: 'CIA-939', title: 'Synthesis of the findings', exec: 'spike', batch: '2' }, ['S1'], 'says "Synthesis"'],
    ['Focus says "synthesize" (pair)', { phase: 'S1', issue: 'CIA-939', title: 'Synthesize the tracks into an ADR', exec: 'pair', batch: '2' }, ['S1'], 'says "Synthesize"'],
    ['type:synthesis label in the Exec cell', { phase: 'S1', issue: 'CIA-939', title: 'Write-up', exec: 'spike, type:synthesis', batch: '2' }, ['S1'], 'label type:synthesis'],
    ['issue title says synthesis, Focus does not', { phase: 'S1', issue: 'CIA-939', title: 'Research synthesis', exec: 'pair', focus: 'Write-up for the team', batch: '2' }, ['S1'], 'issue CIA-939 "Research synthesis"'],
    ['not research, Phase Map Dependencies on tracks', { phase: '2A', issue: 'CIA-939', title: 'Queue library decision record', exec: 'pair', batch: '2', deps: 'R1, R2, R3' }, ['2A'], 'Phase Map: 2A Dependencies "R1, R2, R3"'],
    ['not research, Issue Registry Depends On a track', { phase: '2A', issue: 'CIA-939', title: 'Pick the queue library', exec: 'checkpoint', batch: '2', dependsOn: 'CIA-932' }, ['2A'], 'Issue Registry: CIA-939 Depends On CIA-932'],
    ['not research, depends on nothing research', { phase: '2A', issue: 'CIA-939', title: 'Tray icon', exec: 'tdd', batch: '2' }, [], ''],
    ['a research track that reads another track is a track, not synthesis', { phase: 'R4', issue: 'CIA-934', title: 'Zotero review', exec: 'spike', batch: '2', deps: 'R1' }, [], ''],
  ])('%s', (_name, row, expected, why) => {
    const found = synthesisOf(plan([...TRACKS, row]));
    expect(found.map((s) => s.phase)).toEqual(expected);
    if (why) expect(found[0]?.why).toContain(why);
  });

  it('a type:synthesis label in the Issue Registry counts even when the dispatch table Mode says only spike', () => {
    const md = plan(
      [...TRACKS, { phase: 'S1', issue: 'CIA-939', title: 'Write-up', exec: 'spike · type:synthesis', batch: '2' }],
      `\n## Dispatch — Batch 2\n\n| Session | Issue | Focus | Mode | Est. Cost | Agent | Worktree |\n|---|---|---|---|---|---|---|\n| S1 | ${link('CIA-939')} | Write-up | spike | ~$4 | Claude Code | no |\n`,
    );
    expect(synthesisOf(md)).toEqual([{ phase: 'S1', why: 'label type:synthesis' }]);
  });

  it('an implementation of the synthesis recommendation is downstream, not synthesis', () => {
    const md = plan([
      ...TRACKS,
      { phase: 'S1', issue: 'CIA-939', title: 'Synthesis', exec: 'spike', batch: '2', deps: 'R1, R2, R3' },
      { phase: '3A', issue: 'CIA-940', title: 'Implement the chosen queue', exec: 'tdd', batch: '3', deps: 'S1, R2' },
    ]);
    expect(synthesisOf(md).map((s) => s.phase)).toEqual(['S1']);
    expect(basisOf(md).research.shape.tracks).toEqual(['R1', 'R2', 'R3']);
  });

  it('a plan without research tracks has no synthesis, whatever its words', () => {
    const md = plan([
      { phase: '1A', issue: 'CIA-941', title: 'Parser', exec: 'tdd', batch: '1' },
      { phase: '2A', issue: 'CIA-942', title: 'Synthesize design tokens into CSS', exec: 'quick', batch: '2', deps: '1A' },
    ]);
    expect(synthesisOf(md)).toEqual([]);
  });
});

const SYNTHESIS: Row = { phase: 'S1', issue: 'CIA-939', title: 'Synthesis of the findings', exec: 'spike', batch: '2', deps: 'R1, R2, R3' };
const gate = (md: string) => evaluateDispatch(basisOf(md)).violations.filter((v) => v.rule === 'research.sufficiency');

describe('§1 synthesis waits for the Research Sufficiency Assessment', () => {
  it.each<[string, string, string | null]>([
    ['no assessment written yet → INCOMPLETE', '', 'Synthesis waits for the Research Sufficiency Assessment: INCOMPLETE — Evidence convergence is not answered yet; Coverage is not answered yet; Contradictions is not answered yet'],
    [
      'all three good → SUFFICIENT, no gate',
      '\n## Research Sufficiency\n\n- [x] Evidence convergence: yes\n- [x] Coverage: yes\n- [x] Contradictions: no\n',
      null,
    ],
    [
      'coverage no, gaps named → INSUFFICIENT naming the gaps',
      '\n## Research Sufficiency\n\n- [x] Evidence convergence: yes\n- [x] Coverage: no\n- [x] Contradictions: no\n- Gaps: Q3 cost model; a second source for latency\n',
      'Synthesis waits for the Research Sufficiency Assessment: INSUFFICIENT — gaps: Q3 cost model; a second source for latency',
    ],
    [
      'convergence no, no gaps named → the unmet item is the gap',
      '\n## Research Sufficiency\n\n- [x] Evidence convergence: no\n- [x] Coverage: yes\n- [x] Contradictions: no\n',
      'INSUFFICIENT — gaps: Evidence convergence: no finding is cited independently by 2+ tracks',
    ],
    [
      'contradictions without a written resolution → INSUFFICIENT, a human must resolve them',
      '\n## Research Sufficiency\n\n- [x] Evidence convergence: yes\n- [x] Coverage: yes\n- [x] Contradictions: yes — R1 and R2 disagree on throughput\n',
      'INSUFFICIENT — gaps: Contradictions: conflicting evidence needs a written human resolution',
    ],
    [
      'contradictions with a written human resolution → SUFFICIENT',
      '\n## Research Sufficiency\n\n- [x] Evidence convergence: yes\n- [x] Coverage: yes\n- [x] Contradictions: yes — R1 and R2 disagree on throughput\n- Resolution: R2 measured an old release; dgw follows R1\n',
      null,
    ],
    [
      'written by hand: bold labels, notes after the answers, a longer heading',
      '\n### Research Sufficiency Assessment\n\n- **Evidence convergence:** yes, R1 and R3 both cite the 2024 benchmark\n- **Coverage:** yes (Q1–Q4)\n- **Contradictions:** no\n\nOutcome: SUFFICIENT\n',
      null,
    ],
    [
      'an Outcome line alone does not decide: the checklist does',
      '\n## Research Sufficiency\n\n- Outcome: **SUFFICIENT**\n',
      "Contradictions is not answered yet; the section's Outcome line says SUFFICIENT, but the checklist decides",
    ],
  ])('%s', (_name, section, message) => {
    const v = gate(plan([...TRACKS, SYNTHESIS], section));
    if (message === null) expect(v).toEqual([]);
    else {
      expect(v).toHaveLength(1);
      expect(v[0]?.message).toContain(message);
      expect(v[0]).toMatchObject({ severity: 'error', where: { batch: 2, phases: ['S1'] } });
      expect(v[0]?.message).toContain('S1: Focus "Synthesis of the findings" says "Synthesis"');
    }
  });

  it('the gate stands on the synthesis batch only: the tracks batch is not held', () => {
    const v = gate(plan([...TRACKS, SYNTHESIS]));
    expect(v.every((x) => x.where.batch === 2)).toBe(true);
  });

  it('a synthesis batched with its tracks can never be assessed first, and is said so', () => {
    const v = gate(plan([...TRACKS, { ...SYNTHESIS, batch: '1', deps: 'None' }]));
    expect(v[0]?.message).toContain('Synthesis S1 is in batch 1 with the research tracks R1, R2, R3 it builds on');
  });

  it('a plan whose research has no synthesis phase is not gated', () => {
    expect(gate(plan(TRACKS))).toEqual([]);
  });
});
