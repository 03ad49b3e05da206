import { describe, expect, it } from 'vitest';
import { mergeGuidance } from './mergeGuidance';

describe('§8 merging completed sessions', () => {
  it.each([
    [{ agent: 'Claude Code', worktree: 'yes', branch: 'claude/cia-1-x' }, 'worktree', 'Commit changes'],
    [{ agent: 'Claude Code', worktree: 'no', branch: 'main' }, 'non-worktree-on-main', 'Do NOT click "Create PR"'],
    [{ agent: 'Tembo', worktree: 'n/a', branch: null }, 'external', 'auto-creates a PR'],
  ] as const)('%j → %s', (row, type, text) => {
    const g = mergeGuidance(row);
    expect(g.sessionType).toBe(type);
    expect(g.action).toContain(text);
  });
});
