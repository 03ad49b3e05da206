import type { SessionClaudeInfo } from '../../../../shared/domain/session';
import { formatCostVsEstimate, formatEstimate, formatUsd } from '../../format/cost';
import { formatTokens, totalTokens } from '../../format/tokens';

/** Said wherever a total is still a lower bound (the transcript's beginning is being counted). */
export const COUNTING_HINT = 'Still counting the beginning of the transcript: the total will grow';

type Usage = Pick<SessionClaudeInfo, 'usage' | 'costUsd' | 'estimateUsd' | 'usageCounting'> | null | undefined;

function atLeast(text: string, counting: boolean): string {
  return counting && text !== '—' ? `≥ ${text}` : text;
}

/** "16.8M", or "≥ 3.1M" while the count is not final; "—" when nothing was read. Pure. */
export function tokensText(claude: Usage): string {
  if (!claude?.usage) return '—';
  return atLeast(formatTokens(totalTokens(claude.usage)), claude.usageCounting);
}

/** "$4.20 / ~$6", or "≥ $4.20 / ~$6" while the count is not final. Pure. */
export function costText(claude: Usage): string {
  if (!claude) return '—';
  if (!claude.usageCounting) return formatCostVsEstimate(claude.costUsd, claude.estimateUsd);
  const spent = atLeast(formatUsd(claude.costUsd), true);
  return claude.estimateUsd === null ? spent : `${spent} / ${formatEstimate(claude.estimateUsd)}`;
}

/** The detail panel's line: "$4.20 · 16.8M tokens" or "≥ $4.20 · ≥ 3.1M tokens, counting…". Pure. */
export function usageLine(claude: Usage): string {
  const line = `${costText(claude)} · ${tokensText(claude)} tokens`;
  return claude?.usageCounting ? `${line}, counting…` : line;
}
