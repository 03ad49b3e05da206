import type { RateBudget } from '../../../shared/domain/linear';
import { budgetFraction, budgetResetAt } from './rateBudget';

/** How long to wait before polling a plan again (pure). */

export interface PollIntervals {
  /** Window visible: ~30 s. */
  visibleMs: number;
  /** Window hidden or minimised. */
  hiddenMs: number;
  /** For `activeWindowMs` after the person acts (approves a dispatch, starts a session). */
  activeMs: number;
  activeWindowMs: number;
  /** Upper bound for budget/failure back-off (a rate-limit reset can still be later). */
  maxMs: number;
  /** Extra wait after a rate-limit reset, so the first request lands after it. */
  resetMarginMs: number;
}

export const DEFAULT_POLL_INTERVALS: PollIntervals = {
  visibleMs: 30_000,
  hiddenMs: 120_000,
  activeMs: 10_000,
  activeWindowMs: 60_000,
  maxMs: 15 * 60_000,
  resetMarginMs: 1_000,
};

export interface PollDelayInput {
  visible: boolean;
  recentUserActionAt: number | null;
  budget: RateBudget | null;
  rateLimitedUntil: number | null;
  now: number;
  /** Consecutive failed polls (exponential back-off). */
  consecutiveFailures?: number;
  intervals?: Partial<PollIntervals>;
}

/** Multiplier as the scarcer budget (requests or complexity) runs low. */
export function budgetSlowdown(fraction: number): number {
  if (fraction >= 0.5) return 1;
  if (fraction >= 0.25) return 2;
  if (fraction >= 0.1) return 4;
  return 8;
}

export function nextPollDelay(input: PollDelayInput): number {
  const iv = { ...DEFAULT_POLL_INTERVALS, ...input.intervals };
  const { now } = input;
  const active = input.recentUserActionAt !== null && now - input.recentUserActionAt < iv.activeWindowMs;
  let delay = active ? iv.activeMs : input.visible ? iv.visibleMs : iv.hiddenMs;

  const fraction = budgetFraction(input.budget);
  delay *= budgetSlowdown(fraction);
  const failures = Math.max(0, input.consecutiveFailures ?? 0);
  if (failures > 0) delay *= 2 ** Math.min(failures, 6);
  delay = Math.min(delay, iv.maxMs);

  // Almost out of budget: wait for the window to reset rather than spend the last requests.
  const resetAt = budgetResetAt(input.budget);
  if (fraction < 0.05 && resetAt !== null && resetAt > now) delay = Math.max(delay, resetAt - now + iv.resetMarginMs);

  // After a rate-limit reply: never before the reset.
  if (input.rateLimitedUntil !== null && input.rateLimitedUntil > now - iv.resetMarginMs) {
    delay = Math.max(delay, input.rateLimitedUntil - now + iv.resetMarginMs);
  }
  return Math.max(0, Math.round(delay));
}
