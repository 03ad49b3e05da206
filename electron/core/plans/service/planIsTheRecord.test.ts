import { describe, expect, it } from 'vitest';
import { parsePlan } from '../parsePlan';
import { approvalEdit } from './dispatchRecord';
import { dispatchBasis, evaluateDispatch } from './evaluateDispatch';
import { planNameViolation } from './planNameViolation';

const link = (id: string) => `[${id}](https://linear.app/acme/issue/${id})`;

// Written by hand the way a person would: own labels, a Branch column with a hand-made branch name,
// a mistake in a Launch-as cell, prose everywhere and a merge order line in labels.
const PLAN = `# Session exit and friends

**Parent issue:** ${link('CIA-540')}
**Repo:** /home/me/claude-command-centre

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|---|---|---|---|---|
| 1A | ${link('CIA-541')} | Session exit skill | 1 | None |
| 1B | ${link('CIA-542')} | Dispatch rules | 1 | None |
| 1C | ${link('CIA-543')} | Review gates | 1 | None |
| 2A | ${link('CIA-545')} | Merge console | 2 | 1B |

## Dispatch

We agreed on this on Monday; S-C goes first because it is the smallest.

| Session | Issue | Focus | Mode | Est. Cost | Agent | Branch | Launch as |
|---|---|---|---|---|---|---|---|
| S-A | ${link('CIA-541')} | Session exit skill | tdd | ~$4 | Claude Code | claude/cia-541-session-exit | Bypass permissions |
| S-B | ${link('CIA-542')} | Dispatch rules | quick | ~$3 | Claude Code | claude/cia-542-rules | Plan mode |
| S-C | ${link('CIA-543')} | Review gates | pair | ~$5 | Claude Code | claude/cia-543-gates | Plan mode |

Merge order: S-C, S-A, S-B

Anything else goes in the next batch.
`;

const plan = parsePlan(PLAN, '/plans/2026-11-30-ccc-session-exit.md');
const basis = dispatchBasis(plan, PLAN, []);
const evaluation = evaluateDispatch(basis);

describe('the plan is the record', () => {
  it('shows the recorded rows as written: labels, branches and Launch-as cells', () => {
    const rows = evaluation.rows.filter((r) => r.recorded);
    expect(rows.map((r) => [r.session, r.phase, r.issueId, r.branch, r.written?.launchAs])).toEqual([
      ['S-A', '1A', 'CIA-541', 'claude/cia-541-session-exit', 'Bypass permissions'],
      ['S-B', '1B', 'CIA-542', 'claude/cia-542-rules', 'Plan mode'],
      ['S-C', '1C', 'CIA-543', 'claude/cia-543-gates', 'Plan mode'],
    ]);
  });

  it('proposes rows only for phases the plan has no row for', () => {
    expect(evaluation.rows.filter((r) => !r.recorded).map((r) => r.phase)).toEqual(['2A']);
  });

  it('flags the hand-written mistake in a Launch-as cell instead of overwriting it', () => {
    const v = evaluation.violations.filter((x) => x.rule === 'launch.mapping' && x.where.row?.startsWith('S-'));
    expect(v.map((x) => x.where.row)).toEqual(['S-B']);
    expect(v[0]?.message).toMatch(/Plan mode/);
  });

  it('uses the declared merge order, in labels', () => {
    const batch1 = evaluation.rows.filter((r) => r.batch === 1).sort((a, b) => a.mergeOrder - b.mergeOrder);
    expect(batch1.map((r) => r.session)).toEqual(['S-C', 'S-A', 'S-B']);
  });

  it('fills REPO_PATH from the plan and names no unfilled field for it', () => {
    expect(evaluation.violations.some((v) => v.message.includes('REPO_PATH'))).toBe(false);
    expect(evaluation.launchCommands['S-A']).toContain('git worktree add -b claude/cia-541-session-exit');
  });

  it('REPO_PATH comes from the repository of the plan\'s worktrees when the plan names none', () => {
    const text = PLAN.replace('**Repo:** /home/me/claude-command-centre\n', '');
    const e = evaluateDispatch(dispatchBasis(parsePlan(text, '/plans/x.md'), text, ['/a', '/b'], { repoPath: '/a' }));
    expect(e.violations.some((v) => v.message.includes('REPO_PATH'))).toBe(false);
    const unknown = evaluateDispatch(dispatchBasis(parsePlan(text, '/plans/x.md'), text, ['/a', '/b']));
    expect(unknown.violations.some((v) => v.message.includes('REPO_PATH'))).toBe(true);
  });

  it('names a declared merge-order token that matches nothing', () => {
    const text = PLAN.replace('Merge order: S-C, S-A, S-B', 'Merge order: S-C, S-Z, S-A, S-B');
    const e = evaluateDispatch(dispatchBasis(parsePlan(text, '/plans/x.md'), text, []));
    expect(e.violations.find((v) => v.rule === 'merge.order')?.message).toContain('"S-Z"');
  });

  it('approving keeps every byte of the recorded section, the person\'s sentences included', () => {
    const rows = evaluation.rows.filter((r) => r.batch === 1);
    const after = approvalEdit({ batch: 1, rows, at: '2026-12-01T10:00:00.000Z', by: 'me', overrideReason: 'ok', overridden: [] })(PLAN);
    expect(after.startsWith(PLAN.replace(/\n$/, ''))).toBe(true);
    expect(after).toContain('We agreed on this on Monday; S-C goes first because it is the smallest.');
    expect(after).toContain('Batch 1 approved by me: 3 session(s) S-A, S-B, S-C; merge order S-C → S-A → S-B');
  });

  it('a reordering is written into the plan\'s own Merge order line, tokens as the person writes them', () => {
    const rows = evaluateDispatch(basis, { mergeOrder: ['S-A', 'S-B', 'S-C'] }).rows.filter((r) => r.batch === 1);
    const after = approvalEdit({ batch: 1, rows, orderChanged: true, at: 'now', by: 'me', overrideReason: null, overridden: [] })(PLAN);
    expect(after).toContain('\nMerge order: S-A, S-B, S-C\n');
    expect(after).not.toContain('Merge order: S-C, S-A, S-B');
    const reread = evaluateDispatch(dispatchBasis(parsePlan(after, '/plans/x.md'), after, []));
    expect(reread.rows.filter((r) => r.batch === 1).sort((a, b) => a.mergeOrder - b.mergeOrder).map((r) => r.session)).toEqual(['S-A', 'S-B', 'S-C']);
  });

  it('an edited cell of a recorded row is the only cell that changes', () => {
    const e = evaluateDispatch(basis, { rows: { 'S-B': { mode: 'pair' } } });
    const rows = e.rows.filter((r) => r.batch === 1);
    const after = approvalEdit({ batch: 1, rows, edits: { 'S-B': { mode: 'pair' } }, at: 'now', by: 'me', overrideReason: null, overridden: [] })(PLAN);
    const changed = after.split('\n').filter((line) => !PLAN.split('\n').includes(line));
    expect(changed.filter((l) => l.startsWith('| S-'))).toEqual([
      `| S-B | ${link('CIA-542')} | Dispatch rules | pair | ~$3 | Claude Code | claude/cia-542-rules | Plan mode |`,
    ]);
  });
});

describe('plan file names: one rule for the Plans and the Dispatch view', () => {
  it.each([
    ['CIA-123.md', false],
    ['CIA-123-session-exit.md', false],
    ['ENG-77-x.md', false],
    ['2026-03-04-ccc-dispatch-v2.md', false],
    ['x-agent-a1b2c3.md', false],
    ['composed-crunching-raven.md', true],
    ['notes.md', true],
  ])('%s flagged: %s', (name, flagged) => {
    expect(planNameViolation(name) !== null).toBe(flagged);
  });
});

describe('§8.5 deprecated local dispatch files', () => {
  it.each([
    ['batch1-dispatch-prompts.md', true],
    ['batch-2b-dispatch-prompts.md', true],
    ['multi-agent-dispatch-prompts.md', true],
    ['linear-mastery-week3-prompts.md', true],
    ['2026-03-04-ccc-dispatch-v2.md', false],
    ['dispatch-prompts.md', false],
  ])('%s flagged: %s', (name, flagged) => {
    const plan = parsePlan('# Prompts\n\nSome prompts.\n', `/plans/${name}`);
    expect(plan.diagnostics.some((d) => d.code === 'deprecated-dispatch-file')).toBe(flagged);
  });
});
