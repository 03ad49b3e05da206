import { describe, expect, it } from 'vitest';
import type { RateBudget } from '../../../shared/domain/linear';
import { nextPollDelay } from './pollDelay';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const budget = (fraction: number, resetInMs = 1_800_000): RateBudget => ({
  requestsLimit: 2500,
  requestsRemaining: Math.round(2500 * fraction),
  requestsResetAt: NOW + resetInMs,
  complexityLimit: 3_000_000,
  complexityRemaining: 3_000_000,
  complexityResetAt: NOW + resetInMs,
  lastComplexity: 100,
});
const base = { visible: true, recentUserActionAt: null, budget: null, rateLimitedUntil: null, now: NOW };

describe('nextPollDelay', () => {
  it('~30 s visible, slower hidden, ~10 s for a minute after the person acts', () => {
    expect(nextPollDelay(base)).toBe(30_000);
    expect(nextPollDelay({ ...base, visible: false })).toBe(120_000);
    expect(nextPollDelay({ ...base, recentUserActionAt: NOW - 5_000 })).toBe(10_000);
    expect(nextPollDelay({ ...base, recentUserActionAt: NOW - 61_000 })).toBe(30_000);
  });

  it('slows down as the budget runs low and waits for the reset when almost out', () => {
    expect(nextPollDelay({ ...base, budget: budget(0.9) })).toBe(30_000);
    expect(nextPollDelay({ ...base, budget: budget(0.3) })).toBe(60_000);
    expect(nextPollDelay({ ...base, budget: budget(0.15) })).toBe(120_000);
    expect(nextPollDelay({ ...base, budget: budget(0.07) })).toBe(240_000);
    expect(nextPollDelay({ ...base, budget: budget(0.01, 1_800_000) })).toBe(1_801_000);
  });

  it('never before a rate-limit reset', () => {
    for (const until of [NOW + 1, NOW + 45_000, NOW + 3_600_000]) {
      for (const visible of [true, false]) {
        const d = nextPollDelay({ ...base, visible, recentUserActionAt: NOW, rateLimitedUntil: until });
        expect(NOW + d).toBeGreaterThan(until);
      }
    }
  });

  it('backs off after failures, capped', () => {
    expect(nextPollDelay({ ...base, consecutiveFailures: 1 })).toBe(60_000);
    expect(nextPollDelay({ ...base, consecutiveFailures: 3 })).toBe(240_000);
    expect(nextPollDelay({ ...base, consecutiveFailures: 20 })).toBe(15 * 60_000);
  });
});
