import type { RateBudget } from '../../../shared/domain/linear';

/** Reading Linear's rate-limit headers (pure). */

export interface HeaderSource {
  get(name: string): string | null;
}

function num(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * A reset time as epoch milliseconds. Linear documents epoch milliseconds but seconds have been seen:
 * ≥ 1e11 is milliseconds, ≥ 1e9 is epoch seconds, anything smaller is taken as seconds from `now`.
 */
export function normaliseResetAt(value: string | number | null | undefined, now: number): number | null {
  const n = num(value);
  if (n === null || n <= 0) return null;
  if (n >= 1e11) return Math.round(n);
  if (n >= 1e9) return Math.round(n * 1000);
  return now + Math.round(n * 1000);
}

/** `Retry-After` (delta seconds or an HTTP date) as epoch milliseconds. */
export function parseRetryAfter(value: string | number | null | undefined, now: number): number | null {
  const n = num(value);
  if (n !== null) return n >= 0 ? now + Math.round(n * 1000) : null;
  if (typeof value === 'string') {
    const t = Date.parse(value);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

/** The budget in a reply's headers, or null when the reply carries no rate-limit headers at all. */
export function parseRateBudget(headers: HeaderSource, now: number): RateBudget | null {
  const h = (name: string): string | null => headers.get(name);
  const budget: RateBudget = {
    requestsLimit: num(h('x-ratelimit-requests-limit')),
    requestsRemaining: num(h('x-ratelimit-requests-remaining')),
    requestsResetAt: normaliseResetAt(h('x-ratelimit-requests-reset'), now),
    complexityLimit: num(h('x-ratelimit-complexity-limit')),
    complexityRemaining: num(h('x-ratelimit-complexity-remaining')),
    complexityResetAt: normaliseResetAt(h('x-ratelimit-complexity-reset'), now),
    lastComplexity: num(h('x-complexity')),
  };
  return Object.values(budget).every((v) => v === null) ? null : budget;
}

/** The scarcer of the two budgets as a fraction remaining (1 when unknown). */
export function budgetFraction(budget: RateBudget | null): number {
  if (!budget) return 1;
  const parts: number[] = [];
  if (budget.requestsLimit && budget.requestsRemaining !== null) parts.push(budget.requestsRemaining / budget.requestsLimit);
  if (budget.complexityLimit && budget.complexityRemaining !== null) parts.push(budget.complexityRemaining / budget.complexityLimit);
  return parts.length ? Math.max(0, Math.min(1, ...parts)) : 1;
}

/** When the scarcer budget resets (epoch ms), or null. */
export function budgetResetAt(budget: RateBudget | null): number | null {
  if (!budget) return null;
  const times = [budget.requestsResetAt, budget.complexityResetAt].filter((t): t is number => t !== null);
  return times.length ? Math.max(...times) : null;
}
