import { describe, expect, it } from 'vitest';
import type { ReviewTiming } from '../../../../shared/domain/reviewGates';
import { parsePlan } from '../parsePlan';
import { appendToSection } from '../planWriter';
import { indexPlan } from '../planIndex';
import { postSessionRecordLine, postSessionRecordOf, preDispatchRecordLine, readReviewGates, reviewRecordHeading } from '../reviewGates';
import { dispatchBasis, evaluateDispatch, violationConcernsBatch } from './evaluateDispatch';
import { reviewGateState } from './reviewGateState';

/**
 * §3 review gates decided from plan files, through the Dispatch view's path (parse → dispatchBasis
 * → evaluateDispatch, and the gate state the view shows per batch).
 */

const PATH = '/plans/2026-12-02-ccc-review-gates.md';
const link = (id: string): string => `[${id}](https://linear.app/claudian/issue/${id})`;

function plan(opts: { header?: string; phaseMap?: string; sections?: string; reviewColumn?: boolean }): string {
  const col = opts.reviewColumn ?? false;
  const rows =
    opts.phaseMap ??
    [`| 1A | ${link('CIA-901')} | Parser | 1 | None |${col ? ' post-session |' : ''}`, `| 1B | ${link('CIA-902')} | Writer | 1 | None |${col ? ' none |' : ''}`, `| 2A | ${link('CIA-903')} | Merge | 2 | 1A, 1B |${col ? ' in-session |' : ''}`].join('\n');
  return `# Review gate cases

**Parent issue:** ${link('CIA-900')}
**Date:** 2026-12-02
${opts.header ?? ''}

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |${col ? ' Review |' : ''}
|-------|--------|-------|-------|--------------|${col ? '--------|' : ''}
${rows}

${opts.sections ?? ''}
`;
}

function view(md: string) {
  const basis = dispatchBasis(parsePlan(md, PATH), md, ['/repo']);
  const evaluation = evaluateDispatch(basis);
  const state = reviewGateState(basis.reviewGates ?? readReviewGates(md), evaluation.rows);
  const blocks = (batch: number) => evaluation.violations.some((v) => v.rule === 'review.pre-dispatch' && v.severity === 'error' && violationConcernsBatch(v, batch, evaluation.rows));
  return { evaluation, state, blocks };
}

interface GateCase {
  name: string;
  md: string;
  plan: ReviewTiming[];
  /** Batch 1's gates as the view shows them. */
  batch1: ReviewTiming[];
  /** The pre-dispatch gate holds every batch. */
  blocked: boolean;
}

const cases: GateCase[] = [
  { name: 'no review line: no gate, nothing blocked', md: plan({}), plan: [], batch1: [], blocked: false },
  { name: '**Review:** pre-dispatch → every batch waits', md: plan({ header: '**Review:** pre-dispatch' }), plan: ['pre-dispatch'], batch1: ['pre-dispatch'], blocked: true },
  { name: 'Review gate: line without bold', md: plan({ header: 'Review gate: pre-dispatch' }), plan: ['pre-dispatch'], batch1: ['pre-dispatch'], blocked: true },
  { name: 'combination: pre-dispatch + post-session', md: plan({ header: '**Review gates:** pre-dispatch + post-session' }), plan: ['pre-dispatch', 'post-session'], batch1: ['pre-dispatch', 'post-session'], blocked: true },
  { name: 'in-session only: shown, never blocks', md: plan({ header: '**Review:** in-session (Option D checkpoints)' }), plan: ['in-session'], batch1: ['in-session'], blocked: false },
  { name: 'post-session only: shown, approval not blocked', md: plan({ header: '**Review:** post-session' }), plan: ['post-session'], batch1: ['post-session'], blocked: false },
  {
    name: '## Review section in prose ("before any work begins", "PR review")',
    md: plan({ sections: '## Review\n\nRun `/review` on the master spec before any work begins. Then a PR review on each session before merge.\n' }),
    plan: ['pre-dispatch', 'post-session'],
    batch1: ['pre-dispatch', 'post-session'],
    blocked: true,
  },
  {
    name: 'pass record clears the gate',
    md: plan({ header: '**Review:** pre-dispatch\n**Pre-dispatch review:** passed Gate 2 (2026-12-02, https://linear.app/claudian/issue/CIA-900#comment-1)' }),
    plan: ['pre-dispatch'],
    batch1: ['pre-dispatch'],
    blocked: false,
  },
  {
    name: 'a failed review after a pass holds again (the latest record wins)',
    md: plan({ header: '**Review:** pre-dispatch', sections: '## Review\n\n- 2026-12-01T10:00:00Z — Pre-dispatch review: passed Gate 2 (2026-12-01)\n- 2026-12-02T10:00:00Z — Pre-dispatch review: failed Gate 2 (spec has open questions)\n' }),
    plan: ['pre-dispatch'],
    batch1: ['pre-dispatch'],
    blocked: true,
  },
  {
    name: 'a waiver with a reason clears it',
    md: plan({ header: '**Review:** pre-dispatch', sections: '## Review\n\n- 2026-12-02T10:00:00Z — Pre-dispatch review: waived by ana: "spec reviewed in the design meeting"\n' }),
    plan: ['pre-dispatch'],
    batch1: ['pre-dispatch'],
    blocked: false,
  },
  { name: 'Review column: per phase (1A post-session, 2A in-session)', md: plan({ reviewColumn: true }), plan: [], batch1: ['post-session'], blocked: false },
  {
    name: 'Review column saying pre-dispatch on one phase holds every batch (all sessions block)',
    md: plan({ reviewColumn: true, phaseMap: `| 1A | ${link('CIA-901')} | Parser | 1 | None | none |\n| 2A | ${link('CIA-903')} | Merge | 2 | 1A | pre-dispatch |` }),
    plan: [],
    batch1: ['pre-dispatch'],
    blocked: true,
  },
  { name: '"Adversarial review: pre-dispatch (Gate 2)"', md: plan({ header: 'Adversarial review: pre-dispatch (Gate 2)' }), plan: ['pre-dispatch'], batch1: ['pre-dispatch'], blocked: true },
  { name: '"**Review:** none" asks for nothing', md: plan({ header: '**Review:** none' }), plan: [], batch1: [], blocked: false },
  {
    name: '"Pre-dispatch review: Gate 2 ✅ passed" is a pass',
    md: plan({ header: '**Review:** pre-dispatch\n**Pre-dispatch review:** Gate 2 ✅ passed (2026-12-02)' }),
    plan: ['pre-dispatch'],
    batch1: ['pre-dispatch'],
    blocked: false,
  },
  {
    name: 'a task-list item: "- [ ] Pre-dispatch review passed Gate 2" not ticked asks for it and holds',
    md: plan({ sections: '## Verification\n\n- [ ] Pre-dispatch review passed Gate 2\n- [ ] Tests green\n' }),
    plan: ['pre-dispatch'],
    batch1: ['pre-dispatch'],
    blocked: true,
  },
  {
    name: 'the same item ticked is the pass',
    md: plan({ sections: '## Verification\n\n- [x] Pre-dispatch review passed Gate 2 (link)\n- [ ] Tests green\n' }),
    plan: ['pre-dispatch'],
    batch1: ['pre-dispatch'],
    blocked: false,
  },
  {
    name: 'Review timing column on the Phase Map',
    md: plan({ phaseMap: `| 1A | ${link('CIA-901')} | Parser | 1 | None |`, sections: '' }).replace('| Phase | Issues | Focus | Batch | Dependencies |\n|-------|--------|-------|-------|--------------|\n| 1A', '| Phase | Issues | Focus | Batch | Dependencies | Review timing |\n|-------|--------|-------|-------|--------------|---------------|\n| 1A').replace('| Parser | 1 | None |', '| Parser | 1 | None | post-session |'),
    plan: [],
    batch1: ['post-session'],
    blocked: false,
  },
  {
    name: 'a review line inside a code block is an example, not the plan',
    md: plan({ sections: '## Notes\n\n```\n**Review:** pre-dispatch\n```\n' }),
    plan: [],
    batch1: [],
    blocked: false,
  },
];

describe('§3 review gates from plan files', () => {
  it.each(cases)('$name', (c) => {
    const { state, blocks, evaluation } = view(c.md);
    expect(state.plan).toEqual(c.plan);
    expect(state.batches.find((b) => b.batch === 1)?.timings).toEqual(c.batch1);
    expect(state.preDispatch.blocking).toBe(c.blocked);
    const batches = [...new Set(evaluation.rows.map((r) => r.batch))];
    // "All sessions block": the first batch as much as the later ones.
    for (const b of batches) expect(blocks(b)).toBe(c.blocked);
  });

  it('per-session gates: the Review column applies to its own phase only, plan-wide gates to all', () => {
    const { state } = view(plan({ reviewColumn: true, header: '**Review:** in-session' }));
    const b1 = state.batches.find((b) => b.batch === 1);
    expect(b1?.sessions).toMatchObject({ '1A': ['in-session', 'post-session'], '1B': ['in-session'] });
  });

  it('the blocked batch says what to do, and the rule book line', () => {
    const { evaluation } = view(plan({ header: '**Review:** pre-dispatch' }));
    const v = evaluation.violations.find((x) => x.rule === 'review.pre-dispatch');
    expect(v?.message).toMatch(/waits for the pre-dispatch review to pass Gate 2/);
    expect(v?.ruleText).toMatch(/All sessions block until review passes Gate 2/);
  });
});

describe('review records written by Switchyard', () => {
  const at = '2026-12-02T03:00:00.000Z';

  it('"Record review passed" appends one line that the reader takes as the pass, every other byte kept', () => {
    const md = plan({ header: '**Review:** pre-dispatch', sections: '## Notes\n\nhand-written  text   stays\r\n' });
    const line = preDispatchRecordLine({ at, by: 'ana', outcome: 'passed', note: 'https://example.org/review/12' });
    const next = appendToSection(md, reviewRecordHeading(indexPlan(md)), line);
    expect(next.startsWith(md.trimEnd())).toBe(true);
    expect(next).toContain('## Review\n');
    expect(readReviewGates(next).preDispatch).toMatchObject({ outcome: 'passed' });
    expect(view(next).state.preDispatch.blocking).toBe(false);
  });

  it('a plan with its own review section gets the record there', () => {
    const md = plan({ sections: '### Adversarial Review\n\nPre-dispatch: spec review first.\n\n## Later\n\ntext\n' });
    const next = appendToSection(md, reviewRecordHeading(indexPlan(md)), preDispatchRecordLine({ at, by: 'ana', outcome: 'waived', note: 'the spec is the rule book' }));
    expect(next.indexOf('waived by ana')).toBeLessThan(next.indexOf('## Later'));
    expect(view(next).state.preDispatch).toMatchObject({ required: true, blocking: false, record: { outcome: 'waived', note: expect.stringContaining('the spec is the rule book') } });
  });

  it('post-session records are found by any of the session names', () => {
    const md = plan({ header: '**Review:** post-session', sections: `## Review\n\n${postSessionRecordLine({ at, by: 'ana', session: 'S-A', note: 'PR #12 approved' })}\n` });
    const gates = readReviewGates(md);
    expect(postSessionRecordOf(gates, ['claude/cia-901-parser', 's-a'])).toMatchObject({ outcome: 'passed', note: expect.stringContaining('PR #12 approved') });
    expect(postSessionRecordOf(gates, ['S-B'])).toBeNull();
  });
});
