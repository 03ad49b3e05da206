import { describe, expect, it } from 'vitest';
import { isRepositoryRow, splitRepositories, uncommittedWords } from './repositoryRows';
import { makeRecord, makeWorktree } from './sessionRecord.testutil';

const main = (repo: string) => makeRecord({ id: repo, worktree: { ...makeWorktree(repo, repo), isMain: true }, status: 'idle' });
const linked = (path: string, repo: string) => makeRecord({ id: path, worktree: makeWorktree(path, repo) });

describe('splitRepositories', () => {
  it('puts main checkouts on repository lines and keeps every other record a session', () => {
    const records = [linked('/r/b/.claude/worktrees/x', '/r/b'), main('/r/b'), makeRecord({ id: 'claude:42' }), main('/r/a'), linked('/r/a/wt', '/r/a')];
    const { repositories, sessions } = splitRepositories(records);
    expect(repositories.map((r) => r.id)).toEqual(['/r/a', '/r/b']);
    expect(sessions.map((r) => r.id)).toEqual(['/r/b/.claude/worktrees/x', 'claude:42', '/r/a/wt']);
    expect(isRepositoryRow(main('/r/a'))).toBe(true);
    expect(isRepositoryRow(makeRecord({ id: 'orphan' }))).toBe(false);
  });

  it('words the uncommitted count', () => {
    expect(uncommittedWords(0)).toBe('no uncommitted changes');
    expect(uncommittedWords(1)).toBe('1 uncommitted file');
    expect(uncommittedWords(3)).toBe('3 uncommitted files');
  });
});
