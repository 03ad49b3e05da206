import { describe, expect, it } from 'vitest';
import { backupRefName, parseBackupRefName } from './backupRefStore';

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
