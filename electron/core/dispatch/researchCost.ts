import type { PhaseFacts } from '../../../shared/domain/dispatch';

/**
 * §1 cost model note: research tracks consume 2-4× more MCP calls than implementation sessions
 * (multi-source discovery), and the dispatch table's estimates should say so.
 */
export const RESEARCH_COST_FACTOR = { low: 2, high: 4 } as const;

/** The range an implementation-sized estimate becomes for a research track: ×2 to ×4. */
export function researchCostRange(estCostUsd: number): [number, number] {
  const round = (v: number): number => Math.round(v * 100) / 100;
  return [round(estCostUsd * RESEARCH_COST_FACTOR.low), round(estCostUsd * RESEARCH_COST_FACTOR.high)];
}

/** A range (`~$6–12`) or a multiplier (`×3`, `2-4x`, `incl. MCP`) written in the estimate shows the cost model was applied. */
const APPLIED = /[×x]\s*\d|\d\s*(?:-|–)?\s*\d*\s*[×x]\b|\bmcp\b|\d\s*(?:-|–|to)\s*\$?\s*\d/i;

/** True when the plan's estimate for this research phase already accounts for the 2-4× (and was not edited since). */
export function estimateAppliesResearchCost(p: Pick<PhaseFacts, 'estCostRaw' | 'estCostUsd'>, estCostUsd: number | null): boolean {
  if (estCostUsd === null || p.estCostRaw === null) return false;
  return estCostUsd === p.estCostUsd && APPLIED.test(p.estCostRaw);
}
