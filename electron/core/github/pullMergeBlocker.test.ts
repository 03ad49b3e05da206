import { describe, expect, it } from 'vitest';
import { checksVerdict, pullMergeBlocker } from '../../../shared/domain/github';

describe('pullMergeBlocker', () => {
  const base = { number: 1, url: '', state: 'open' as const, headSha: 'x', base: 'main', reviewDecision: 'none' as const, requestedChanges: [], checks: [], mergeable: true, mergeableState: 'clean' };
  it.each([
    [{}, null],
    [{ state: 'draft' as const }, 'the pull request is a draft'],
    [{ checks: [{ name: 'lint', state: 'fail' as const, url: null }, { name: 'test', state: 'fail' as const, url: null }] }, 'failing checks: lint, test'],
    [{ reviewDecision: 'review-required' as const }, 'a review is required'],
    [{ mergeable: false, mergeableState: 'dirty' }, 'conflicts with the base branch'],
  ])('%j → %s', (over, expected) => {
    expect(pullMergeBlocker({ ...base, ...over })).toBe(expected);
  });
  it('folds checks: any failure fails, then any pending is pending', () => {
    expect(checksVerdict([])).toBe('none');
    expect(checksVerdict([{ name: 'a', state: 'pass', url: null }, { name: 'b', state: 'pending', url: null }])).toBe('pending');
    expect(checksVerdict([{ name: 'a', state: 'fail', url: null }, { name: 'b', state: 'pending', url: null }])).toBe('fail');
  });
});
