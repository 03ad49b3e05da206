import { describe, expect, it } from 'vitest';
import { parseCommitLog } from './log';

describe('parseCommitLog (pure)', () => {
  it('parses git log records and skips malformed ones', () => {
    const out = 'abc1234\x1fSubject\x1fAda\x1f2026-01-01T00:00:00+00:00\x1e\nnot a record\x1e\n';
    expect(parseCommitLog(out)).toEqual([{ sha: 'abc1234', subject: 'Subject', author: 'Ada', at: '2026-01-01T00:00:00+00:00' }]);
  });
});
