import { describe, expect, it } from 'vitest';
import { unreadableLinesOf, unreadableLinesText, unreadableLinesWarnings } from './unreadableLines';

describe('unreadable transcript lines, in words', () => {
  it.each([
    [{ count: 2, firstLine: 1234 }, '2 unreadable lines in the transcript, first at line 1,234 (skipped; token and cost totals leave them out)'],
    [{ count: 1, firstLine: 7 }, '1 unreadable line in the transcript, at line 7 (skipped; token and cost totals leave it out)'],
    [{ count: 3, firstLine: null }, '3 unreadable lines in the transcript (skipped; token and cost totals leave them out)'],
  ])('%o → %s', (input, text) => {
    expect(unreadableLinesText(input)).toBe(text);
  });

  it('says nothing for a clean transcript and one warning per affected session', () => {
    expect(unreadableLinesOf({ brokenLines: 0, firstBrokenLine: null })).toBeNull();
    expect(unreadableLinesOf(null)).toBeNull();
    expect(unreadableLinesOf({ brokenLines: 2, firstBrokenLine: 9 })).toEqual({ count: 2, firstLine: 9 });
    expect(
      unreadableLinesWarnings([
        { id: 'a', name: 'lucid-euler', claude: { unreadableLines: { count: 2, firstLine: 1234 } } },
        { id: 'b', name: 'clean', claude: { unreadableLines: null } },
        { id: 'c', name: 'no-claude', claude: null },
      ]),
    ).toEqual([{ subject: 'a', message: 'lucid-euler: 2 unreadable lines in the transcript, first at line 1,234 (skipped; token and cost totals leave them out)' }]);
  });
});
