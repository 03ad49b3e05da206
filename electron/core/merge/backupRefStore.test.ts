import { describe, expect, it } from 'vitest';
import { backupRefName, parseBackupRefName } from './backupRefStore';
import { parseWorktreeList } from './worktreeList';
import { parseStatusZ } from './worktreeState';

describe('backup ref names (pure)', () => {
  it('round-trips branch and time, including slashes in the branch', () => {
    const at = new Date('2025-03-04T05:06:07.089Z');
    const ref = backupRefName('claude/cia-1-x', at, 'ab12');
    expect(ref).toBe('refs/switchyard/backup/claude/cia-1-x/20250304T050607089Z-ab12');
    expect(parseBackupRefName(ref)).toEqual({ branch: 'claude/cia-1-x', createdAt: at.toISOString() });
    expect(parseBackupRefName('refs/heads/main')).toBeNull();
    expect(parseBackupRefName('refs/switchyard/backup/main/not-a-time')).toBeNull();
  });
});

describe('parseWorktreeList (pure)', () => {
  it('reads branch, detached, prunable entries', () => {
    const out = ['worktree /r', 'HEAD aaa', 'branch refs/heads/main', '', 'worktree /w1', 'HEAD bbb', 'detached', '', 'worktree /w2', 'HEAD ccc', 'branch refs/heads/claude/x', 'prunable gitdir file points to non-existent location', '', ''].join('\0');
    expect(parseWorktreeList(out)).toEqual([
      { path: '/r', head: 'aaa', branch: 'main', detached: false, bare: false, locked: false, prunable: false },
      { path: '/w1', head: 'bbb', branch: null, detached: true, bare: false, locked: false, prunable: false },
      { path: '/w2', head: 'ccc', branch: 'claude/x', detached: false, bare: false, locked: false, prunable: true },
    ]);
  });
});

describe('parseStatusZ (pure)', () => {
  it('lists modified, untracked and both sides of a rename', () => {
    expect(parseStatusZ([' M a.txt', '?? new file.txt', 'R  to.txt', 'from.txt', ''].join('\0'))).toEqual(['a.txt', 'new file.txt', 'to.txt', 'from.txt']);
  });
});
