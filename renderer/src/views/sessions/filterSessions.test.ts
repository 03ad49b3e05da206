import { describe, expect, it } from 'vitest';
import { filterOptions, filterSessions, NO_FILTERS, NONE } from './filterSessions';
import { makeRecord, makeWorktree } from './sessionRecord.testutil';

const records = [
  makeRecord({ id: 'a', status: 'working', planPath: '/plans/2026-01-01-console.md', worktree: makeWorktree('/r1/wt/a', '/repos/one') }),
  makeRecord({ id: 'b', status: 'waiting', planPath: '/plans/2026-01-01-console.md', worktree: makeWorktree('/r2/wt/b', '/repos/two') }),
  makeRecord({ id: 'c', status: 'working', planPath: null, worktree: makeWorktree('/r1/wt/c', '/repos/one') }),
  makeRecord({ id: 'd', status: 'done', planPath: '/plans/other.md', worktree: null }),
];
const ids = (list: { id: string }[]) => list.map((r) => r.id);

describe('filterSessions', () => {
  it('passes everything with no filters', () => {
    expect(ids(filterSessions(records, NO_FILTERS))).toEqual(['a', 'b', 'c', 'd']);
  });
  it.each([
    [{ ...NO_FILTERS, plan: '/plans/2026-01-01-console.md' }, ['a', 'b']],
    [{ ...NO_FILTERS, plan: NONE }, ['c']],
    [{ ...NO_FILTERS, status: 'working' as const }, ['a', 'c']],
    [{ ...NO_FILTERS, repo: '/repos/one' }, ['a', 'c']],
    [{ ...NO_FILTERS, repo: NONE }, ['d']],
    [{ plan: '/plans/2026-01-01-console.md', status: 'working' as const, repo: '/repos/one' }, ['a']],
    [{ ...NO_FILTERS, status: 'failed' as const }, []],
  ])('%o → %o', (filters, expected) => {
    expect(ids(filterSessions(records, filters))).toEqual(expected);
  });
});

describe('filterOptions', () => {
  it('offers only values present, with counts, "none" last and statuses by urgency', () => {
    const o = filterOptions(records);
    expect(o.plans).toEqual([
      { value: '/plans/2026-01-01-console.md', label: '2026-01-01-console', count: 2 },
      { value: '/plans/other.md', label: 'other', count: 1 },
      { value: NONE, label: 'No plan', count: 1 },
    ]);
    expect(o.statuses.map((s) => s.value)).toEqual(['waiting', 'working', 'done']);
    expect(o.repos.map((r) => [r.label, r.count])).toEqual([['one', 2], ['two', 1], ['No repo', 1]]);
  });
});
