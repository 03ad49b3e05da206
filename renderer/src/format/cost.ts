/** "$0.26", "$14.2", "$1,204": cents while they matter, whole dollars once they do not. */
export function formatUsd(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return '—';
  if (usd < 10) return `$${usd.toFixed(2)}`;
  if (usd < 100) return `$${usd.toFixed(1)}`;
  return `$${Math.round(usd).toLocaleString('en-US')}`;
}

/** A dispatch estimate is a rough guess: "~$6", "~$0.50". */
export function formatEstimate(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return '—';
  return `~${Number.isInteger(usd) ? `$${usd}` : formatUsd(usd)}`;
}

/** "$1.42 / ~$6" when an estimate exists, "$1.42" alone otherwise. */
export function formatCostVsEstimate(cost: number | null | undefined, estimate: number | null | undefined): string {
  const spent = formatUsd(cost);
  return estimate === null || estimate === undefined ? spent : `${spent} / ${formatEstimate(estimate)}`;
}
