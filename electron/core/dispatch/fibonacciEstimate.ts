/** Linear's Fibonacci estimate scale. */
export const FIBONACCI_POINTS = [1, 2, 3, 5, 8, 13, 21] as const;

/**
 * Sub-issue estimate from the dispatch prompt's cost estimate (§4 "Estimate: From the dispatch
 * prompt's cost estimate (Fibonacci)"): the smallest Fibonacci point ≥ the cost in dollars, capped at
 * 21; null when there is no cost estimate.
 */
export function fibonacciEstimate(costUsd: number | null): number | null {
  if (costUsd === null || !Number.isFinite(costUsd) || costUsd < 0) return null;
  for (const p of FIBONACCI_POINTS) if (costUsd <= p) return p;
  return FIBONACCI_POINTS[FIBONACCI_POINTS.length - 1] ?? null;
}
