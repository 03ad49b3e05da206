import { describe, expect, it } from 'vitest';
import { formatCostVsEstimate, formatEstimate, formatUsd } from './cost';
import { exactTime } from './exactTime';
import { relativeTime } from './relativeTime';
import { describeUsage, formatTokens, totalTokens } from './tokens';

describe('formatUsd', () => {
  it.each([
    [null, '—'],
    [0, '$0.00'],
    [0.255, '$0.26'],
    [1.42, '$1.42'],
    [14.24, '$14.2'],
    [1204.4, '$1,204'],
    [Number.NaN, '—'],
  ])('%s → %s', (input, expected) => expect(formatUsd(input)).toBe(expected));

  it('shows the estimate beside the cost when there is one', () => {
    expect(formatCostVsEstimate(1.42, 6)).toBe('$1.42 / ~$6');
    expect(formatCostVsEstimate(1.42, null)).toBe('$1.42');
    expect(formatCostVsEstimate(null, 6)).toBe('— / ~$6');
    expect(formatEstimate(0.5)).toBe('~$0.50');
  });
});

describe('formatTokens', () => {
  it.each([
    [null, '—'],
    [812, '812'],
    [1234, '1.2k'],
    [12_345, '12k'],
    [4_100_000, '4.1M'],
  ])('%s → %s', (input, expected) => expect(formatTokens(input)).toBe(expected));

  it('adds every kind of token and describes the split', () => {
    const usage = { input: 10, output: 20, cacheWrite5m: 30, cacheWrite1h: 40, cacheRead: 1000 };
    expect(totalTokens(usage)).toBe(1100);
    expect(totalTokens(null)).toBeNull();
    expect(describeUsage(usage)).toBe('in 10 · out 20 · cache write 70 · cache read 1.0k');
  });
});

describe('times', () => {
  const now = Date.parse('2026-02-10T12:00:00Z');
  it.each([
    [null, '—'],
    ['garbage', '—'],
    ['2026-02-10T11:59:58Z', 'just now'],
    ['2026-02-10T11:59:20Z', '40 s ago'],
    ['2026-02-10T11:57:00Z', '3 min ago'],
    ['2026-02-10T09:00:00Z', '3 h ago'],
    ['2026-02-05T12:00:00Z', '5 d ago'],
  ])('%s → %s', (iso, expected) => expect(relativeTime(iso, now)).toBe(expected));

  it('gives the exact local time for tooltips', () => {
    expect(exactTime('2026-02-10T12:00:00Z')).toMatch(/^2026-02-1\d \d\d:00:00$/);
    expect(exactTime(null)).toBe('');
  });
});
