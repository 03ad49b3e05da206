/**
 * The Research Sufficiency Assessment (§1 Research Track Dispatch) as a checklist a person fills in
 * after the research tracks complete. It is performed by the dispatching session, not the tracks.
 *
 * - Evidence convergence: do 2+ tracks cite the same findings independently?
 * - Coverage: is every research question of the spike issue addressed by at least one track?
 * - Contradictions: conflicting evidence requires human resolution before synthesis can proceed.
 *
 * Outcome: SUFFICIENT (proceed to synthesis), INSUFFICIENT (name the gaps, dispatch targeted
 * follow-up tracks, or resolve contradictions), or INCOMPLETE (tracks still running or checklist
 * items not yet ticked — no verdict yet).
 */

export type TrackStatus = 'running' | 'complete' | 'failed';

export interface ResearchTrack {
  id: string;
  status: TrackStatus;
}

export interface ResearchQuestion {
  id: string;
  text: string;
  /** Track ids that address this question. */
  coveredBy: string[];
}

export interface Finding {
  text: string;
  /** Track ids that cite this finding independently. */
  citedBy: string[];
}

export interface Contradiction {
  description: string;
  tracks: string[];
  /** Set by the human who resolved it (with the resolution). */
  resolution: string | null;
}

export type ChecklistItem = 'convergence' | 'coverage' | 'contradictions';

export interface SufficiencyChecklist {
  tracks: ResearchTrack[];
  questions: ResearchQuestion[];
  findings: Finding[];
  contradictions: Contradiction[];
  /** Items the person has reviewed and ticked. */
  ticked: Partial<Record<ChecklistItem, boolean>>;
}

export type SufficiencyOutcome = 'SUFFICIENT' | 'INSUFFICIENT' | 'INCOMPLETE';

export interface SufficiencyGap {
  item: ChecklistItem | 'tracks';
  message: string;
  /** What closes the gap. */
  resolution: 'follow-up-track' | 'human-resolution' | 'wait' | 'review';
}

export interface ItemResult {
  item: ChecklistItem;
  ticked: boolean;
  passed: boolean;
  detail: string;
}

export interface SufficiencyAssessment {
  outcome: SufficiencyOutcome;
  items: ItemResult[];
  gaps: SufficiencyGap[];
  /** Questions no track addressed: the targets for follow-up tracks. */
  uncoveredQuestions: string[];
  /** Findings cited by 2+ tracks independently. */
  convergentFindings: string[];
  /** Contradictions waiting for a human. */
  unresolvedContradictions: Contradiction[];
}

export function emptyChecklist(trackIds: readonly string[], questions: readonly { id: string; text: string }[]): SufficiencyChecklist {
  return {
    tracks: trackIds.map((id) => ({ id, status: 'running' })),
    questions: questions.map((q) => ({ ...q, coveredBy: [] })),
    findings: [],
    contradictions: [],
    ticked: {},
  };
}

export function assessResearchSufficiency(c: SufficiencyChecklist): SufficiencyAssessment {
  const gaps: SufficiencyGap[] = [];
  const done = new Set(c.tracks.filter((t) => t.status === 'complete').map((t) => t.id));

  const running = c.tracks.filter((t) => t.status === 'running').map((t) => t.id);
  if (running.length > 0) gaps.push({ item: 'tracks', message: `Tracks still running: ${running.join(', ')}. Assess after all tracks complete.`, resolution: 'wait' });
  const convergent = c.findings.filter((f) => new Set(f.citedBy.filter((t) => done.has(t))).size >= 2).map((f) => f.text);
  const convergencePassed = convergent.length > 0;
  if (!convergencePassed) {
    gaps.push({ item: 'convergence', message: 'No finding is cited independently by 2+ completed tracks; the evidence base is not yet corroborated.', resolution: 'follow-up-track' });
  }

  const uncovered = c.questions.filter((q) => !q.coveredBy.some((t) => done.has(t)));
  const coveragePassed = c.questions.length > 0 && uncovered.length === 0;
  if (c.questions.length === 0) {
    gaps.push({ item: 'coverage', message: 'No research questions listed from the spike issue; coverage cannot be judged.', resolution: 'review' });
  }
  for (const q of uncovered) {
    const failedCover = q.coveredBy.filter((t) => c.tracks.some((x) => x.id === t && x.status === 'failed'));
    const why = failedCover.length > 0 ? ` (only by failed track ${failedCover.join(', ')})` : '';
    gaps.push({ item: 'coverage', message: `Research question ${q.id} ("${q.text}") is not addressed by any completed track${why}.`, resolution: 'follow-up-track' });
  }

  const unresolved = c.contradictions.filter((x) => x.resolution === null || x.resolution.trim() === '');
  for (const x of unresolved) {
    gaps.push({
      item: 'contradictions',
      message: `Contradiction between ${x.tracks.join(', ')}: ${x.description} — requires human resolution before synthesis.`,
      resolution: 'human-resolution',
    });
  }

  const items: ItemResult[] = [
    { item: 'convergence', ticked: c.ticked.convergence === true, passed: convergencePassed, detail: convergencePassed ? `${convergent.length} finding(s) corroborated by 2+ tracks` : 'no corroborated finding' },
    {
      item: 'coverage',
      ticked: c.ticked.coverage === true,
      passed: coveragePassed,
      detail: `${c.questions.length - uncovered.length}/${c.questions.length} research questions covered`,
    },
    {
      item: 'contradictions',
      ticked: c.ticked.contradictions === true,
      passed: unresolved.length === 0,
      detail: unresolved.length === 0 ? `${c.contradictions.length} contradiction(s), all resolved` : `${unresolved.length} unresolved contradiction(s)`,
    },
  ];
  for (const it of items) {
    if (!it.ticked) gaps.push({ item: it.item, message: `Checklist item "${it.item}" not yet reviewed.`, resolution: 'review' });
  }

  const incomplete = running.length > 0 || items.some((i) => !i.ticked);
  const outcome: SufficiencyOutcome = incomplete ? 'INCOMPLETE' : gaps.length > 0 ? 'INSUFFICIENT' : 'SUFFICIENT';
  return { outcome, items, gaps, uncoveredQuestions: uncovered.map((q) => q.id), convergentFindings: convergent, unresolvedContradictions: unresolved };
}
