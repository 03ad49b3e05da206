import { describe, expect, it } from 'vitest';
import type { BranchFacts, ConflictCell, ConflictMatrix } from '../../../shared/domain/merge';
import { computeVerdicts, nextMergeable } from './verdicts';
import { rebasesNeeded, suggestOrder } from './suggestOrder';

const facts = (branch: string, over: Partial<BranchFacts> = {}): BranchFacts => ({
  branch,
  sessionStatus: 'completed',
  exists: true,
  sha: `${branch}-sha`,
  worktreePath: `/wt/${branch}`,
  worktreeMissing: false,
  dirty: false,
  dirtyFiles: [],
  rebaseInProgress: false,
  lockFiles: [],
  detached: false,
  aheadOfBase: 1,
  behindBase: 0,
  mergedIntoBase: false,
  ...over,
});

const cell = (a: string, b: string, files: string[] = [], error: string | null = null): ConflictCell => ({
  a,
  b,
  aSha: null,
  bSha: null,
  conflicts: files.length > 0,
  files,
  mergedTree: null,
  error,
});

const matrix = (cells: ConflictCell[]): ConflictMatrix => ({
  base: 'main',
  baseHead: 'h',
  baseTree: 't',
  branchHeads: {},
  computedAt: '',
  cells,
  durationMs: 0,
});

const kinds = (order: string[], f: BranchFacts[], cells: ConflictCell[] = []) =>
  computeVerdicts({ base: 'main', order, facts: f, matrix: matrix(cells) }).map((v) => `${v.branch}:${v.kind}${v.waitsFor ? `>${v.waitsFor}` : ''}`);

describe('computeVerdicts (pure)', () => {
  const table: Array<[string, string[], BranchFacts[], ConflictCell[], string[]]> = [
    ['all clean: first ready, others wait for it', ['a', 'b', 'c'], [facts('a'), facts('b'), facts('c')], [], ['a:ready', 'b:waiting-turn>a', 'c:waiting-turn>a']],
    ['merged ones are skipped', ['a', 'b'], [facts('a', { mergedIntoBase: true }), facts('b')], [], ['a:merged', 'b:ready']],
    ['missing branch does not hold the line', ['a', 'b'], [facts('a', { exists: false }), facts('b')], [], ['a:missing', 'b:ready']],
    ['working session: waits, and the line waits for it', ['a', 'b'], [facts('a', { sessionStatus: 'working' }), facts('b')], [], ['a:waiting-session', 'b:waiting-turn>a']],
    ['fresh branch of a working session is not "merged"', ['a'], [facts('a', { sessionStatus: 'working', mergedIntoBase: true, aheadOfBase: 0 })], [], ['a:waiting-session']],
    ['failed session blocked', ['a', 'b'], [facts('a', { sessionStatus: 'failed' }), facts('b')], [], ['a:blocked', 'b:waiting-turn>a']],
    ['dirty / lock / rebase / detached block', ['a', 'b', 'c', 'd'], [facts('a', { dirty: true, dirtyFiles: ['x'] }), facts('b', { lockFiles: ['/g/index.lock'] }), facts('c', { rebaseInProgress: true }), facts('d', { detached: true })], [], ['a:blocked', 'b:blocked', 'c:blocked', 'd:blocked']],
    ['conflict with base: needs-rebase', ['a', 'b'], [facts('a'), facts('b')], [cell('base', 'a', ['f'])], ['a:needs-rebase', 'b:waiting-turn>a']],
    ['conflict with an earlier branch: will-conflict', ['a', 'b', 'c'], [facts('a'), facts('b'), facts('c')], [cell('a', 'c', ['f'])], ['a:ready', 'b:waiting-turn>a', 'c:will-conflict>a']],
    ['conflict with an already-merged branch does not count', ['a', 'b'], [facts('a', { mergedIntoBase: true }), facts('b')], [cell('a', 'b', ['f'])], ['a:merged', 'b:ready']],
    ['matrix error (no common base) blocks', ['a'], [facts('a')], [cell('base', 'a', [], 'no common base: x')], ['a:blocked']],
  ];
  for (const [name, order, f, cells, expected] of table) {
    it(name, () => expect(kinds(order, f, cells)).toEqual(expected));
  }

  it('exactly one branch is mergeable at a time', () => {
    const v = computeVerdicts({ base: 'main', order: ['a', 'b', 'c'], facts: [facts('a'), facts('b'), facts('c')], matrix: null });
    expect(v.filter((x) => x.kind === 'ready')).toHaveLength(1);
    expect(nextMergeable(v)).toBe('a');
  });

  it('overridable only for order-type waits and a lone failed-session review', () => {
    const v = computeVerdicts({
      base: 'main',
      order: ['a', 'b', 'c', 'd'],
      facts: [facts('a', { sessionStatus: 'failed' }), facts('b'), facts('c', { dirty: true, dirtyFiles: ['x'] }), facts('d')],
      matrix: matrix([cell('base', 'd', ['f'])]),
    });
    expect(v.map((x) => x.overridable)).toEqual([true, true, false, false]);
  });
});

describe('suggestOrder (pure)', () => {
  it('keeps the declared order when nothing conflicts', () => {
    const s = suggestOrder({ order: ['a', 'b'], matrix: matrix([]) });
    expect(s).toMatchObject({ order: ['a', 'b'], changed: false, rebasesNeeded: [] });
  });

  it('puts the branch that conflicts with many last, so only it rebases', () => {
    const m = matrix([cell('a', 'b', ['f']), cell('a', 'c', ['g'])]);
    expect(rebasesNeeded(['a', 'b', 'c'], m)).toEqual(['b', 'c']);
    const s = suggestOrder({ order: ['a', 'b', 'c'], matrix: m });
    expect(s.order).toEqual(['b', 'c', 'a']);
    expect(s.rebasesNeeded).toEqual(['a']);
    expect(s.changed).toBe(true);
  });

  it('respects dependencies: a branch never goes before what it depends on', () => {
    const m = matrix([cell('a', 'b', ['f']), cell('a', 'c', ['g'])]);
    const s = suggestOrder({ order: ['a', 'b', 'c'], matrix: m, dependsOn: { b: ['a'], c: ['a'] } });
    expect(s.order).toEqual(['a', 'b', 'c']);
    expect(s.changed).toBe(false);
  });
});
