import { describe, expect, it } from 'vitest';
import { compareByMeaning, isWorkflowOwnChange, isWorkflowStatePath, pathMeaningRank, withoutWorkflowState, type StatusPathEntry } from './workflowFiles';

describe('isWorkflowStatePath', () => {
  it.each([
    ['.ccc-state.json', true],
    ['.ccc-progress.md', true],
    ['./.ccc-state.json', true],
    ['.claude/worktrees', true],
    ['.claude/worktrees/', true],
    ['.claude/worktrees/cia-541-sync/', true],
    ['.claude/worktrees/cia-541-sync/src/a.ts', true],
    ['.claude\\worktrees\\x\\', true],
    ['.claude/settings.local.json', true],
    ['CLAUDE.local.md', true],
    // The person's own files, even when named alike or kept under .claude/.
    ['src/.ccc-state.json', false],
    ['docs/.ccc-progress.md', false],
    ['.ccc-state.json.bak', false],
    ['.claude/commands/review.md', false],
    ['.claude/agents/tester.md', false],
    ['.claude/settings.json', false],
    ['.claude/worktrees-notes.md', false],
    ['CLAUDE.md', false],
    ['src/index.ts', false],
  ])('%s → %s', (path, expected) => {
    expect(isWorkflowStatePath(path)).toBe(expected);
  });
});

describe('isWorkflowOwnChange', () => {
  it.each<[StatusPathEntry, boolean]>([
    [{ kind: 'untracked', path: '.ccc-state.json' }, true],
    [{ kind: 'ignored', path: '.ccc-progress.md' }, true],
    [{ kind: 'untracked', path: '.claude/worktrees/a/' }, true],
    // A tracked file the person changed is their work, whatever its name.
    [{ kind: 'changed', path: '.ccc-state.json' }, false],
    [{ kind: 'renamed', path: '.ccc-progress.md' }, false],
    [{ kind: 'unmerged', path: '.ccc-state.json' }, false],
    [{ kind: 'untracked', path: '.claude/commands/new.md' }, false],
    [{ kind: 'untracked', path: 'src/new.ts' }, false],
  ])('%j → %s', (entry, expected) => {
    expect(isWorkflowOwnChange(entry)).toBe(expected);
  });

  it('withoutWorkflowState keeps the person’s entries in order', () => {
    const entries: StatusPathEntry[] = [
      { kind: 'untracked', path: '.ccc-state.json' },
      { kind: 'changed', path: 'src/b.ts' },
      { kind: 'untracked', path: '.ccc-progress.md' },
      { kind: 'untracked', path: 'src/a.ts' },
    ];
    expect(withoutWorkflowState(entries).map((e) => e.path)).toEqual(['src/b.ts', 'src/a.ts']);
  });
});

describe('compareByMeaning', () => {
  it('ranks source, then lock files, then state files', () => {
    expect(pathMeaningRank('src/a.ts')).toBe(0);
    expect(pathMeaningRank('package-lock.json')).toBe(1);
    expect(pathMeaningRank('web/yarn.lock')).toBe(1);
    expect(pathMeaningRank('.ccc-state.json')).toBe(2);
    const files = ['.ccc-state.json', 'package-lock.json', 'src/z.ts', '.ccc-progress.md', 'README.md', 'src/a.ts'];
    expect([...files].sort(compareByMeaning)).toEqual(['README.md', 'src/a.ts', 'src/z.ts', 'package-lock.json', '.ccc-progress.md', '.ccc-state.json']);
  });
});
