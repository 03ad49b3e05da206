import { describe, expect, it } from 'vitest';
import { isIgnoredWorktreePath, isWatchedGitPath, makeGitDirIgnore, makeWorktreeIgnore } from './worktreeWatcher';

describe('isIgnoredWorktreePath', () => {
  it.each([
    ['', false],
    ['src/a.ts', false],
    ['.ccc-state.json', false],
    ['node_modules', true],
    ['packages/x/node_modules/y/index.js', true],
    ['dist/main.js', true],
    ['build', true],
    ['out/x', true],
    ['target/debug', true],
    ['.next/cache', true],
    ['coverage/lcov.info', true],
    ['.git', true],
    ['.git/objects/ab/cdef', true],
    ['sub\\node_modules\\x', true],
    ['distribution/file.ts', false],
    ['src/builder.ts', false],
  ])('%s → %s', (rel, ignored) => expect(isIgnoredWorktreePath(rel)).toBe(ignored));
});

describe('isWatchedGitPath (relative to the common git dir)', () => {
  it.each([
    ['', true],
    ['HEAD', true],
    ['index', true],
    ['MERGE_HEAD', true],
    ['packed-refs', true],
    ['refs', true],
    ['refs/heads', true],
    ['refs/heads/claude/cia-1-x', true],
    ['refs/remotes/origin/main', true],
    ['refs/tags/v1', false],
    ['worktrees', true],
    ['worktrees/x', true],
    ['worktrees/x/HEAD', true],
    ['worktrees/x/index', true],
    ['worktrees/x/logs/HEAD', false],
    ['worktrees/x/ORIG_HEAD', false],
    ['objects', false],
    ['objects/pack/p.pack', false],
    ['logs/HEAD', false],
    ['hooks/pre-commit', false],
    ['config', false],
  ])('%s → %s', (rel, watched) => expect(isWatchedGitPath(rel)).toBe(watched));
});

describe('ignore functions on absolute paths', () => {
  it('judge paths relative to the worktree, so a worktree under /home/u/build/ is still watched', () => {
    const ignore = makeWorktreeIgnore('/home/u/build/repo', ['/home/u/build/repo/.claude/worktrees/a']);
    expect(ignore('/home/u/build/repo')).toBe(false);
    expect(ignore('/home/u/build/repo/src/x.ts')).toBe(false);
    expect(ignore('/home/u/build/repo/node_modules/x')).toBe(true);
    expect(ignore('/home/u/build/repo/.claude/worktrees/a/src/x.ts')).toBe(true);
    expect(ignore('/home/u/build/repo/.claude/worktrees/b/src/x.ts')).toBe(false);
    expect(ignore('/elsewhere')).toBe(false);
  });
  it('git dir ignore only lets HEAD/index/refs through', () => {
    const ignore = makeGitDirIgnore('/r/.git');
    expect(ignore('/r/.git')).toBe(false);
    expect(ignore('/r/.git/refs/heads/main')).toBe(false);
    expect(ignore('/r/.git/objects/aa')).toBe(true);
  });
});
