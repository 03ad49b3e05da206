import { describe, expect, it } from 'vitest';
import { COLUMNS, lastActivityAt } from './sessionColumns';
import { makeGit, makeRecord } from './sessionRecord.testutil';
import { nextSort, sortSessions } from './sortSessions';

const records = [
  makeRecord({ id: 'a', name: 'alpha', status: 'done', git: makeGit({ changedFiles: 3, ahead: 2, behind: 1 }), claude: null }),
  makeRecord({ id: 'b', name: 'Bravo', status: 'waiting', git: makeGit({ changedFiles: 10, ahead: 2, behind: 0 }) }),
  makeRecord({ id: 'c', name: 'charlie', status: 'working', git: null }),
  makeRecord({ id: 'd', name: 'delta', status: 'waiting', git: makeGit({ changedFiles: 1, ahead: 0, behind: 5 }) }),
];
const names = (list: { name: string }[]) => list.map((r) => r.name);

describe('sortSessions', () => {
  it('sorts by status urgency, ties by name', () => {
    expect(names(sortSessions(records, { key: 'status', direction: 'asc' }))).toEqual(['Bravo', 'delta', 'charlie', 'alpha']);
  });

  it('sorts names case-insensitively and flips on desc', () => {
    expect(names(sortSessions(records, { key: 'name', direction: 'asc' }))).toEqual(['alpha', 'Bravo', 'charlie', 'delta']);
    expect(names(sortSessions(records, { key: 'name', direction: 'desc' }))).toEqual(['delta', 'charlie', 'Bravo', 'alpha']);
  });

  it('keeps empty values last in both directions', () => {
    expect(names(sortSessions(records, { key: 'changed', direction: 'asc' }))).toEqual(['delta', 'alpha', 'Bravo', 'charlie']);
    expect(names(sortSessions(records, { key: 'changed', direction: 'desc' }))).toEqual(['Bravo', 'alpha', 'delta', 'charlie']);
  });

  it('orders ahead first, then fewer behind', () => {
    expect(names(sortSessions(records, { key: 'aheadBehind', direction: 'desc' }))).toEqual(['Bravo', 'alpha', 'delta', 'charlie']);
  });

  it('never mutates its input and sorts by every column without throwing', () => {
    const before = names(records);
    for (const column of COLUMNS) {
      expect(sortSessions(records, { key: column.key, direction: 'desc' })).toHaveLength(records.length);
    }
    expect(names(records)).toEqual(before);
  });

  it('sorts numeric-looking text naturally (phase 2 before phase 10)', () => {
    const phased = [makeRecord({ id: 'x', phase: '10A' }), makeRecord({ id: 'y', phase: '2B' })];
    expect(sortSessions(phased, { key: 'phase', direction: 'asc' }).map((r) => r.id)).toEqual(['y', 'x']);
  });
});

describe('nextSort', () => {
  it('starts a new column ascending and flips the same column', () => {
    expect(nextSort({ key: 'status', direction: 'asc' }, 'name')).toEqual({ key: 'name', direction: 'asc' });
    expect(nextSort({ key: 'name', direction: 'asc' }, 'name')).toEqual({ key: 'name', direction: 'desc' });
    expect(nextSort({ key: 'name', direction: 'desc' }, 'name')).toEqual({ key: 'name', direction: 'asc' });
  });
});

describe('lastActivityAt', () => {
  it('takes the later of the transcript and the last commit', () => {
    const r = makeRecord({
      id: 'a',
      git: makeGit({ lastCommitAt: '2026-01-02T00:00:00Z' }),
      claude: { sessionId: null, pid: null, liveStatus: null, alive: false, transcriptPath: null, lastActivityAt: '2026-01-01T00:00:00Z', lastAssistantText: null, usage: null, costUsd: null, estimateUsd: null, usageCounting: false },
    });
    expect(lastActivityAt(r)).toBe('2026-01-02T00:00:00Z');
    expect(lastActivityAt(makeRecord({ id: 'b' }))).toBeNull();
  });
});
