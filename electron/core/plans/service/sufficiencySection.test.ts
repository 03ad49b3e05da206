import { describe, expect, it } from 'vitest';
import { parsePlan } from '../parsePlan';
import { parseSufficiency, setSufficiencyEdit, splitGaps } from './sufficiencySection';

/** The `## Research Sufficiency` section: read as a person writes it, written without losing their words. */

const HAND = `# Plan

## Research Sufficiency

Assessed by dgw after R1–R3 reported (see the Linear comments).

- [x] **Evidence convergence:** yes — R1 and R3 both cite the 2024 benchmark
- [ ] Coverage: unknown
- [x] Contradictions: yes — R2 measured an old release
  - R2's numbers are from v1.2

Notes: ask Zotero about Q3.

## Verification

- [ ] done
`;

describe('reading the section', () => {
  it('answers are the first yes/no/unknown after the label; notes after them are not answers', () => {
    expect(parseSufficiency(HAND)).toMatchObject({ convergence: 'yes', coverage: 'unknown', contradictions: 'yes', resolution: '', outcome: 'INCOMPLETE' });
  });

  it('placed by the parsed plan\'s headings (the load path) it reads the same as from the text alone', () => {
    const written = setSufficiencyEdit({ convergence: 'yes', coverage: 'no', contradictions: 'yes', gaps: 'Q3; Q4', resolution: 'follow R1' })(HAND);
    for (const text of [HAND, written, written.replace(/\n/g, '\r\n')]) expect(parseSufficiency(text, parsePlan(text, 'plan.md'))).toEqual(parseSufficiency(text));
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['a ticked item without yes/no is met; "No contradictions" says no', '- [x] Evidence convergence (R1 and R3 agree)\n- [x] Coverage — Q1 to Q4\n- [x] No contradictions\n', { convergence: 'yes', coverage: 'yes', contradictions: 'no', outcome: 'SUFFICIENT' }],
    ['an unticked item without yes/no is not answered', '- [ ] Evidence convergence\n- [ ] Coverage\n- [ ] No contradictions\n', { convergence: 'unknown', coverage: 'unknown', contradictions: 'unknown', outcome: 'INCOMPLETE' }],
    ['"Resolved:" nested under the contradiction is its resolution', '- [x] Evidence convergence: yes\n- [x] Coverage: yes\n- [x] Contradictions: yes\n  - Resolved: dgw follows R1\n', { resolution: 'dgw follows R1', outcome: 'SUFFICIENT' }],
    ['gaps as nested items, one per line', '- [x] Coverage: no\n- Gaps:\n  - Q3 cost model\n  - [ ] a second source for latency\n', { gapList: ['Q3 cost model', 'a second source for latency'] }],
  ])('%s', (_name, body, expected) => {
    expect(parseSufficiency(`# Plan\n\n## Research Sufficiency\n\n${body}`)).toMatchObject(expected);
  });

  it.each([
    ['Q3 cost model; a second source for latency', ['Q3 cost model', 'a second source for latency']],
    ['none noted', []],
    ['  ;  Q3 ;; q3 ', ['Q3']],
  ])('gaps "%s" → %j', (raw, gaps) => {
    expect(splitGaps(raw)).toEqual(gaps);
  });
});

describe('writing the section keeps every byte the person wrote', () => {
  it('changes only answer words and ticks, inserts the missing lines where they belong', () => {
    const next = setSufficiencyEdit({ convergence: 'yes', coverage: 'no', contradictions: 'yes', gaps: 'Q3 cost model', resolution: 'dgw follows R1' })(HAND);
    expect(next).toBe(`# Plan

## Research Sufficiency

Assessed by dgw after R1–R3 reported (see the Linear comments).

- [x] **Evidence convergence:** yes — R1 and R3 both cite the 2024 benchmark
- [x] Coverage: no
- [x] Contradictions: yes — R2 measured an old release
  - R2's numbers are from v1.2
- Resolution: dgw follows R1
- Gaps: Q3 cost model
- Outcome: **INSUFFICIENT** (dispatch targeted follow-up tracks, or resolve contradictions first)

Notes: ask Zotero about Q3.

## Verification

- [ ] done
`);
    const back = parseSufficiency(next);
    expect(back).toMatchObject({ coverage: 'no', resolution: 'dgw follows R1', gapList: ['Q3 cost model'], outcome: 'INSUFFICIENT' });
  });

  it('a second write changes only the values that changed; CRLF files stay CRLF', () => {
    const crlf = HAND.replace(/\n/g, '\r\n');
    const once = setSufficiencyEdit({ convergence: 'yes', coverage: 'no', contradictions: 'yes', gaps: 'Q3 cost model', resolution: 'dgw follows R1' })(crlf);
    const twice = setSufficiencyEdit({ convergence: 'yes', coverage: 'yes', contradictions: 'yes', gaps: '', resolution: 'dgw follows R1' })(once);
    expect(twice.replace(/\r\n/g, '')).not.toContain('\n');
    expect(twice).toContain('- [x] Coverage: yes\r\n');
    expect(twice).toContain('- Gaps: none noted\r\n');
    expect(twice).toContain('- Outcome: **SUFFICIENT**\r\n');
    expect(twice).toContain('Assessed by dgw after R1–R3 reported (see the Linear comments).');
    expect(parseSufficiency(twice).outcome).toBe('SUFFICIENT');
  });

  it('ticks that say the answer keep their words; nested gaps are written back nested', () => {
    const text = '## Research Sufficiency\n\n- [x] Coverage — Q1 to Q4\n- [x] No contradictions\n- Gaps:\n  - Q3 cost model\n  - latency\n\nNotes.\n';
    const next = setSufficiencyEdit({ convergence: 'yes', coverage: 'yes', contradictions: 'no', gaps: 'Q3 cost model; latency; a third' })(text);
    expect(next).toBe('## Research Sufficiency\n\n- [x] Evidence convergence (2+ tracks cite the same findings independently): yes\n- [x] Coverage — Q1 to Q4\n- [x] No contradictions\n- Gaps:\n  - Q3 cost model\n  - latency\n  - a third\n- Outcome: **SUFFICIENT**\n\nNotes.\n');
  });

  it('a plan without the section gets one at the end', () => {
    const next = setSufficiencyEdit({ convergence: 'no', coverage: 'yes', contradictions: 'no', gaps: 'second source for Q1' })('# Plan\n\nText.\n');
    expect(next.startsWith('# Plan\n\nText.\n\n## Research Sufficiency\n\n- [x] Evidence convergence')).toBe(true);
    expect(parseSufficiency(next)).toMatchObject({ convergence: 'no', gapList: ['second source for Q1'], outcome: 'INSUFFICIENT' });
  });
});
