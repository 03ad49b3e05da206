import { describe, expect, it } from 'vitest';
import { assessResearchSufficiency, emptyChecklist, type SufficiencyChecklist } from './researchSufficiency';

const base = (): SufficiencyChecklist => ({
  tracks: [
    { id: 'S2', status: 'complete' },
    { id: 'arXiv', status: 'complete' },
    { id: 'Zotero', status: 'complete' },
  ],
  questions: [
    { id: 'Q1', text: 'Does X scale?', coveredBy: ['S2', 'arXiv'] },
    { id: 'Q2', text: 'Is Y safe?', coveredBy: ['Zotero'] },
  ],
  findings: [{ text: 'X scales linearly', citedBy: ['S2', 'arXiv'] }],
  contradictions: [],
  ticked: { convergence: true, coverage: true, contradictions: true },
});

describe('Research Sufficiency Assessment', () => {
  it('SUFFICIENT: convergence, full coverage, no open contradictions, all ticked', () => {
    const a = assessResearchSufficiency(base());
    expect(a.outcome).toBe('SUFFICIENT');
    expect(a.gaps).toEqual([]);
    expect(a.convergentFindings).toEqual(['X scales linearly']);
  });

  it('INSUFFICIENT: a research question no track addressed (gap named, follow-up track)', () => {
    const c = base();
    c.questions.push({ id: 'Q3', text: 'What does it cost?', coveredBy: [] });
    const a = assessResearchSufficiency(c);
    expect(a.outcome).toBe('INSUFFICIENT');
    expect(a.uncoveredQuestions).toEqual(['Q3']);
    expect(a.gaps).toMatchObject([{ item: 'coverage', resolution: 'follow-up-track' }]);
  });

  it('INSUFFICIENT: a question covered only by a failed track', () => {
    const c = base();
    c.tracks[2] = { id: 'Zotero', status: 'failed' };
    const a = assessResearchSufficiency(c);
    expect(a.outcome).toBe('INSUFFICIENT');
    expect(a.gaps[0]?.message).toContain('only by failed track Zotero');
  });

  it('INSUFFICIENT: no finding cited by 2+ tracks independently', () => {
    const c = base();
    c.findings = [{ text: 'lonely', citedBy: ['S2'] }];
    expect(assessResearchSufficiency(c)).toMatchObject({ outcome: 'INSUFFICIENT', gaps: [{ item: 'convergence' }] });
  });

  it('contradictions require human resolution before synthesis', () => {
    const c = base();
    c.contradictions = [{ description: 'S2 says linear, Zotero says quadratic', tracks: ['S2', 'Zotero'], resolution: null }];
    const a = assessResearchSufficiency(c);
    expect(a.outcome).toBe('INSUFFICIENT');
    expect(a.gaps).toMatchObject([{ item: 'contradictions', resolution: 'human-resolution' }]);
    c.contradictions[0] = { ...c.contradictions[0]!, resolution: 'Quadratic only past 1M rows; both right' };
    expect(assessResearchSufficiency(c).outcome).toBe('SUFFICIENT');
  });

  it('INCOMPLETE: tracks still running, or items not ticked', () => {
    const running = base();
    running.tracks[0] = { id: 'S2', status: 'running' };
    expect(assessResearchSufficiency(running).outcome).toBe('INCOMPLETE');
    const unticked = base();
    unticked.ticked = { convergence: true };
    const a = assessResearchSufficiency(unticked);
    expect(a.outcome).toBe('INCOMPLETE');
    expect(a.gaps.filter((g) => g.resolution === 'review').map((g) => g.item)).toEqual(['coverage', 'contradictions']);
    expect(assessResearchSufficiency(emptyChecklist(['a', 'b'], [{ id: 'Q1', text: 'q' }])).outcome).toBe('INCOMPLETE');
  });
});
