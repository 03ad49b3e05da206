import type { SufficiencyAnswer, SufficiencyState } from '../../../../shared/domain/planState';

/** The Research Sufficiency Assessment (§1) kept in the plan as a `## Research Sufficiency` list. */
export const SUFFICIENCY_HEADING = '## Research Sufficiency';

const LABELS = {
  convergence: 'Evidence convergence (2+ tracks cite the same findings independently)',
  coverage: 'Coverage (every research question addressed by at least one track)',
  contradictions: 'Contradictions (tracks produce conflicting evidence)',
} as const;

/** SUFFICIENT only with convergence, full coverage and no contradictions; any unanswered item → INCOMPLETE. */
export function sufficiencyOutcome(a: Pick<SufficiencyState, 'convergence' | 'coverage' | 'contradictions'>): SufficiencyState['outcome'] {
  if (a.convergence === 'unknown' || a.coverage === 'unknown' || a.contradictions === 'unknown') return 'INCOMPLETE';
  return a.convergence === 'yes' && a.coverage === 'yes' && a.contradictions === 'no' ? 'SUFFICIENT' : 'INSUFFICIENT';
}

export function emptySufficiency(): SufficiencyState {
  return { convergence: 'unknown', coverage: 'unknown', contradictions: 'unknown', gaps: '', outcome: 'INCOMPLETE' };
}

export function renderSufficiency(s: Omit<SufficiencyState, 'outcome'>): string {
  const outcome = sufficiencyOutcome(s);
  const tick = (item: keyof typeof LABELS) => (s[item] === 'unknown' ? ' ' : 'x');
  return [
    `- [${tick('convergence')}] ${LABELS.convergence}: ${s.convergence}`,
    `- [${tick('coverage')}] ${LABELS.coverage}: ${s.coverage}`,
    `- [${tick('contradictions')}] ${LABELS.contradictions}: ${s.contradictions}`,
    `- Gaps: ${s.gaps.replace(/\s+/g, ' ').trim() || 'none noted'}`,
    `- Outcome: **${outcome}**${outcome === 'INSUFFICIENT' ? ' (dispatch targeted follow-up tracks, or resolve contradictions first)' : ''}`,
  ].join('\n');
}

/** Reads the section back; anything missing or unreadable counts as unanswered. */
export function parseSufficiency(text: string): SufficiencyState {
  const start = /^#{1,6}\s*Research Sufficiency[^\n]*$/im.exec(text);
  if (!start) return emptySufficiency();
  const rest = text.slice(start.index + start[0].length);
  const end = /^#{1,6}\s/m.exec(rest);
  const body = end ? rest.slice(0, end.index) : rest;
  const answer = (label: string): SufficiencyAnswer => {
    const m = new RegExp(`${label}[^\\n]*:\\s*(yes|no|unknown)\\s*$`, 'im').exec(body);
    return (m?.[1]?.toLowerCase() as SufficiencyAnswer | undefined) ?? 'unknown';
  };
  const gaps = /^-\s*Gaps:\s*(.*)$/im.exec(body)?.[1]?.trim() ?? '';
  const partial = { convergence: answer('Evidence convergence'), coverage: answer('Coverage'), contradictions: answer('Contradictions'), gaps: gaps === 'none noted' ? '' : gaps };
  return { ...partial, outcome: sufficiencyOutcome(partial) };
}
