import type { TokenUsage } from '../../../shared/domain/claude';

/** Every token the session was billed for, cache reads included. */
export function totalTokens(usage: TokenUsage | null | undefined): number | null {
  if (!usage) return null;
  return usage.input + usage.output + usage.cacheWrite5m + usage.cacheWrite1h + usage.cacheRead;
}

/** "812", "12.3k", "4.1M": short enough for a table cell. */
export function formatTokens(count: number | null | undefined): string {
  if (count === null || count === undefined || !Number.isFinite(count)) return '—';
  if (count < 1000) return String(Math.round(count));
  if (count < 1_000_000) return `${(count / 1000).toFixed(count < 10_000 ? 1 : 0)}k`;
  return `${(count / 1_000_000).toFixed(1)}M`;
}

/** The split, for a tooltip: "in 1.2k · out 3.4k · cache write 20k · cache read 1.1M". */
export function describeUsage(usage: TokenUsage | null | undefined): string {
  if (!usage) return 'No token usage read yet';
  return [
    `in ${formatTokens(usage.input)}`,
    `out ${formatTokens(usage.output)}`,
    `cache write ${formatTokens(usage.cacheWrite5m + usage.cacheWrite1h)}`,
    `cache read ${formatTokens(usage.cacheRead)}`,
  ].join(' · ');
}
