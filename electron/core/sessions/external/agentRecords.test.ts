import { describe, expect, it } from 'vitest';
import type { PlanSessionRow } from '../../../../shared/domain/session';
import { agentRecords, isAgentRow } from './agentRecords';

function row(extra: Partial<PlanSessionRow>): PlanSessionRow {
  return { planPath: '/p.md', sessionName: null, issueId: 'CIA-1', phase: '1A', agent: 'Tembo', branch: null, worktree: 'n/a', status: 'Delegated', ...extra };
}

const one = (r: PlanSessionRow, linearStates?: Record<string, string>) =>
  agentRecords({ plan: { rows: [r], estimates: {}, ...(linearStates ? { linearStates } : {}) }, worktrees: [], branches: new Map(), now: 0 })[0];

describe('agentRecords', () => {
  it.each([
    ['Delegated', row({}), undefined, 'working', 'With Tembo'],
    ['In Progress in the plan', row({ status: 'In Progress' }), undefined, 'working', 'In Progress'],
    ['started in Linear', row({}), { 'CIA-1': 'started' }, 'working', 'In Progress'],
    ['Done in the plan', row({ status: 'Done' }), undefined, 'done', null],
    ['completed in Linear wins over the plan', row({ status: 'In Progress' }), { 'CIA-1': 'completed' }, 'done', null],
    ['canceled in Linear', row({}), { 'CIA-1': 'canceled' }, 'stale', 'Canceled'],
    ['Failed in the plan', row({ status: 'Failed' }), undefined, 'failed', null],
    ['Merged in the plan', row({ status: 'Merged' }), undefined, 'merged', null],
  ])('%s', (_name, r, linear, status, word) => {
    expect(one(r, linear)).toMatchObject({ status, statusWord: word, agent: 'Tembo', issueId: 'CIA-1', phase: '1A', worktree: null });
  });

  it.each([
    [row({}), true],
    [row({ worktree: null }), true],
    [row({ worktree: '`n/a`' }), true],
    [row({ agent: 'Cursor', worktree: '' }), true],
    [row({ agent: 'Claude Code', worktree: 'n/a' }), false],
    [row({ agent: null }), false],
    [row({ worktree: '/home/me/wt/cia-1' }), false],
  ])('isAgentRow %#', (r, expected) => {
    expect(isAgentRow(r)).toBe(expected);
  });

  it('one record per plan and issue, however often the row repeats; none without issue or name', () => {
    const records = agentRecords({
      plan: { rows: [row({}), row({ issueId: 'cia-1', sessionName: 'again' }), row({ issueId: null })], estimates: {} },
      worktrees: [],
      branches: new Map(),
      now: 0,
    });
    expect(records.map((r) => r.id)).toEqual(['agent:/p.md#CIA-1']);
  });
});
