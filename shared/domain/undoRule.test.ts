import { describe, expect, it } from 'vitest';
import { undoBlockedReason } from './undoRule';

const M = 'a'.repeat(40);
const U = 'b'.repeat(40);

describe('undoBlockedReason (the Merge view shows it; the engine enforces it)', () => {
  it.each([
    ['the branch is where the merge left it', M, M, null],
    ['the move result is unknown (the engine decides)', U, null, null],
  ])('%s → undo allowed', (_, current, leftAt, expected) => {
    expect(undoBlockedReason('main', current, leftAt)).toBe(expected);
  });

  it('a commit on top blocks undo and says why and what to do instead', () => {
    const reason = undoBlockedReason('main', U, M);
    expect(reason).toContain("'main' has moved since this merge");
    expect(reason).toContain('aaaaaaaa');
    expect(reason).toContain('bbbbbbbb');
    expect(reason).toMatch(/Revert instead/);
  });
});
