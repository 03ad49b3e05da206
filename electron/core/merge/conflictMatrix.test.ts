import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempRepo } from '../testing/tempRepo';
import { computeConflictMatrix, naiveConflictCheck } from './conflictMatrix';
import { captureInvariants, checkInvariants, editLine, repoWithFiles, session, type Invariants } from './testing/mergeFixtures';

let repo: TempRepo;
let before: Invariants;
const branches = ['c-edit-a5', 'c-edit-a5-too', 'c-delete-b', 'c-edit-b', 'c-rename-c', 'c-clean'];

beforeAll(async () => {
  repo = await repoWithFiles();
  await session(repo, 'c-edit-a5', { 'a.txt': editLine('a', 5, 'one') });
  await session(repo, 'c-edit-a5-too', { 'a.txt': editLine('a', 5, 'two') });
  await session(repo, 'c-delete-b', { 'b.txt': null });
  await session(repo, 'c-edit-b', { 'b.txt': editLine('b', 1, 'edited') });
  await session(repo, 'c-rename-c', { 'c.txt': null, 'moved/c.txt': editLine('c', 1, 'c') });
  await session(repo, 'c-clean', { 'new.txt': 'hello\n' });
  // Base moves on and conflicts with one branch.
  await repo.write('a.txt', editLine('a', 5, 'main'));
  await repo.commitAll('main edits a5');
  await repo.write('wip-in-main.txt', 'untracked\n');
  before = await captureInvariants(repo.dir);
});
afterAll(async () => {
  const { lostCommits, changedFiles } = await checkInvariants(repo.dir, before);
  expect(lostCommits).toEqual([]);
  expect(changedFiles).toEqual([]);
  await repo.cleanup();
});

describe('computeConflictMatrix', () => {
  it('computes each branch vs base and every pair, without touching any checkout', async () => {
    const indexBefore = await repo.git('ls-files', '-s');
    const matrix = await computeConflictMatrix(repo.dir, 'main', branches);
    expect(matrix.cells).toHaveLength(branches.length + (branches.length * (branches.length - 1)) / 2);
    const cell = (a: string, b: string) => matrix.cells.find((c) => c.a === a && c.b === b);
    expect(cell('base', 'c-edit-a5')).toMatchObject({ conflicts: true, files: ['a.txt'] });
    expect(cell('base', 'c-clean')).toMatchObject({ conflicts: false, files: [] });
    expect(cell('c-edit-a5', 'c-edit-a5-too')).toMatchObject({ conflicts: true, files: ['a.txt'] });
    expect(cell('c-delete-b', 'c-edit-b')).toMatchObject({ conflicts: true, files: ['b.txt'] });
    expect(cell('c-rename-c', 'c-clean')?.conflicts).toBe(false);
    expect(await repo.git('ls-files', '-s')).toBe(indexBefore);
    expect((await repo.git('status', '--porcelain', '--untracked-files=no')).trim()).toBe('');
  });

  it('reuses unchanged cells from a previous matrix', async () => {
    const first = await computeConflictMatrix(repo.dir, 'main', branches);
    const second = await computeConflictMatrix(repo.dir, 'main', branches, { previous: first });
    expect(second.cells).toEqual(first.cells);
  });

  it('predictions match what a real `git merge` does on the same pairs', async () => {
    const matrix = await computeConflictMatrix(repo.dir, 'main', branches);
    for (const cell of matrix.cells) {
      const a = cell.a === 'base' ? 'main' : cell.a;
      const real = await naiveConflictCheck(repo.dir, a, cell.b);
      expect({ pair: `${a}+${cell.b}`, conflicts: real.conflicts, files: [...real.files].sort() }).toEqual({
        pair: `${a}+${cell.b}`,
        conflicts: cell.conflicts,
        files: [...cell.files].sort(),
      });
    }
    expect((await repo.git('worktree', 'list')).split('\n').filter(Boolean)).toHaveLength(branches.length + 1);
  });
});
