import { describe, expect, it } from 'vitest';
import { budgetFraction, normaliseResetAt, parseRateBudget, parseRetryAfter } from './rateBudget';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

describe('normaliseResetAt', () => {
  it.each([
    ['epoch ms', String(NOW + 5000), NOW + 5000],
    ['epoch seconds', String((NOW + 5000) / 1000), NOW + 5000],
    ['delta seconds', '30', NOW + 30_000],
    ['empty', '', null],
    ['garbage', 'soon', null],
    ['zero', '0', null],
  ])('%s', (_n, value, expected) => {
    expect(normaliseResetAt(value, NOW)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP dates', () => {
    expect(parseRetryAfter('12', NOW)).toBe(NOW + 12_000);
    expect(parseRetryAfter(new Date(NOW + 60_000).toUTCString(), NOW)).toBe(NOW + 60_000);
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });
});

describe('parseRateBudget', () => {
  it('reads all headers, normalising resets', () => {
    const h = new Headers({
      'X-RateLimit-Requests-Limit': '2500',
      'X-RateLimit-Requests-Remaining': '2400',
      'X-RateLimit-Requests-Reset': String(NOW + 1000),
      'X-RateLimit-Complexity-Limit': '3000000',
      'X-RateLimit-Complexity-Remaining': '2990000',
      'X-RateLimit-Complexity-Reset': String(Math.round((NOW + 2000) / 1000)),
      'X-Complexity': '2960',
    });
    expect(parseRateBudget(h, NOW)).toEqual({
      requestsLimit: 2500,
      requestsRemaining: 2400,
      requestsResetAt: NOW + 1000,
      complexityLimit: 3_000_000,
      complexityRemaining: 2_990_000,
      complexityResetAt: NOW + 2000,
      lastComplexity: 2960,
    });
  });
  it('is null without rate-limit headers', () => {
    expect(parseRateBudget(new Headers({ 'content-type': 'application/json' }), NOW)).toBeNull();
  });
  it('fraction is the scarcer budget', () => {
    const h = new Headers({ 'X-RateLimit-Requests-Limit': '100', 'X-RateLimit-Requests-Remaining': '80', 'X-RateLimit-Complexity-Limit': '1000', 'X-RateLimit-Complexity-Remaining': '100' });
    expect(budgetFraction(parseRateBudget(h, NOW))).toBeCloseTo(0.1);
    expect(budgetFraction(null)).toBe(1);
  });
});
