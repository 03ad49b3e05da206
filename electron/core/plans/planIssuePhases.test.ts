import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from './parsePlan';
import { matchIdentity, phaseOfIssue } from '../sessions/identity/matchIdentity';
import { planIssuePhases } from './planIssuePhases';

const PLAN = `# Registry sync

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
| 1A | [CIA-540](https://linear.app/x/issue/CIA-540) | Plan parser | 1 | None |
| 2A | [CIA-541](https://linear.app/x/issue/CIA-541), [CIA-542](https://linear.app/x/issue/CIA-542) | Registry sync | 2 | 1A |

### Phase 3B dispatch

| Session | Issue | Focus | Mode | Est. Cost | Agent | Worktree |
|---------|-------|-------|------|-----------|-------|----------|
| S-A | [CIA-541](https://linear.app/x/issue/CIA-541) | Registry sync | tdd | ~$5 | Cursor | yes |
| 1A | [CIA-560](https://linear.app/x/issue/CIA-560) | Late add | tdd | ~$2 | Claude Code | yes |
| S-C | [CIA-561](https://linear.app/x/issue/CIA-561) | Heading only | tdd | ~$2 | Claude Code | yes |

## Session Registry

| Session Name | Issue | Phase | Agent | Worktree | Branch | Status |
|--------------|-------|-------|-------|----------|--------|--------|
| lucid-euler | [CIA-540](https://linear.app/x/issue/CIA-540) | 1A | Claude Code | yes | claude/lucid-euler | Done |
`;

const plan = parsePlan(PLAN, '/plans/sync.md');
const placements = planIssuePhases(plan, '/plans/sync.md');

describe('planIssuePhases', () => {
  it('places every issue the Phase Map or a dispatch row names', () => {
    const by = Object.fromEntries(placements.map((p) => [p.issueId, [p.phase, p.agent, p.source]]));
    expect(by).toEqual({
      'CIA-540': ['1A', null, 'phase-map'],
      // Phase Map wins over the dispatch heading; the dispatch row gives the agent.
      'CIA-541': ['2A', 'Cursor', 'phase-map'],
      'CIA-542': ['2A', null, 'phase-map'],
      // Only a dispatch row names it: its Session cell names phase 1A.
      'CIA-560': ['1A', 'Claude Code', 'dispatch'],
      // Session cell names no phase; the table's heading "Phase 3B" is not a Phase Map phase either.
      'CIA-561': [null, 'Claude Code', 'dispatch'],
    });
  });

  it('reads the real fixture plan', () => {
    const path = join(__dirname, 'fixtures/2026-02-20-ccc-switchyard-dispatch.md');
    const fixture = planIssuePhases(parsePlan(readFileSync(path, 'utf8'), path), path);
    expect(phaseOfIssue(fixture, 'cia-543')?.phase).toBe('2A');
    expect(phaseOfIssue(fixture, 'CIA-541')).toMatchObject({ phase: '1B', agent: 'Claude Code' });
  });
});

describe('matchIdentity with the Phase Map', () => {
  it.each([
    ['branch', { branch: 'claude/cia-541-registry-sync' }],
    ['folder', { worktreePath: '/w/.claude/worktrees/switchyard-cia-541' }],
    ['.ccc-state.json', { cccIssue: 'CIA-541' }],
  ])('an issue found by %s and absent from the Session Registry gets its Phase Map phase', (_by, input) => {
    const m = matchIdentity({ ...input, rows: [], issuePhases: placements });
    expect(m).toMatchObject({ issueId: 'CIA-541', phase: '2A', agent: 'Cursor', planPath: '/plans/sync.md', unmatched: false });
  });

  it('a registry row with a phase still wins', () => {
    const m = matchIdentity({
      branch: 'claude/cia-541-x',
      rows: [{ planPath: '/plans/sync.md', sessionName: 'x', issueId: 'CIA-541', phase: '9Z', agent: 'Codex', branch: null, worktree: null, status: null }],
      issuePhases: placements,
    });
    expect(m).toMatchObject({ phase: '9Z', agent: 'Codex' });
  });

  it('a registry row without a phase takes the Phase Map phase of its own plan', () => {
    const other = planIssuePhases(plan, '/plans/other.md').map((p) => ({ ...p, phase: 'OTHER' }));
    const m = matchIdentity({
      branch: 'claude/cia-542-x',
      rows: [{ planPath: '/plans/sync.md', sessionName: 'x', issueId: 'CIA-542', phase: null, agent: null, branch: null, worktree: null, status: null }],
      issuePhases: [...other, ...placements],
    });
    expect(m).toMatchObject({ phase: '2A', planPath: '/plans/sync.md' });
  });

  it('an issue no plan names keeps no phase', () => {
    expect(matchIdentity({ branch: 'claude/cia-999-x', issuePhases: placements })).toMatchObject({ issueId: 'CIA-999', phase: null, planPath: null });
  });
});
