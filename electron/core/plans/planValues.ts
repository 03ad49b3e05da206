/** Reading typed values out of plan table cells: costs, merge order, phase dependencies. */

const NONE = /^(?:none|n\/?a|-+|—|–|no|nothing|tbd|\u2014|)$/i;

/** `~$5` → 5, `$3.50` → 3.5, `$5–8` → 8 (a range reads as its upper bound), `$1.2k` → 1200; else null. */
export function parseCostUsd(raw: string): number | null {
  const text = raw.replace(/(\d),(?=\d{3}\b)/g, '$1');
  let best: number | null = null;
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)\s*([kK])?/g)) {
    const value = Number(match[1]) * (match[2] ? 1000 : 1);
    if (Number.isFinite(value) && (best === null || value > best)) best = value;
  }
  return best;
}

/** `1`, `#2`, `2nd` → number; `-`, `` → null. */
export function parseMergeOrder(raw: string): number | null {
  const match = /\d+/.exec(raw);
  return match ? Number(match[0]) : null;
}

export interface PhaseDependencies {
  dependencies: string[];
  parallelWith: string[];
}

/**
 * A Phase Map dependency cell: `None`, `1A`, `1A, 1B`, `None (parallel with 1A)`,
 * `1A (parallel with 2B, 2C)`, `Phase 1A and 1B`.
 */
export function parsePhaseDependencies(raw: string): PhaseDependencies {
  const parallelWith: string[] = [];
  let rest = raw.replace(/\(\s*(?:in\s+)?parallel\s*(?:with|to|alongside)?\s*:?\s*([^)]*)\)/gi, (_m, list: string) => {
    parallelWith.push(...splitPhaseList(list));
    return ' ';
  });
  rest = rest.replace(/\b(?:in\s+)?parallel\s+(?:with|to|alongside)\s+(.*)$/i, (_m, list: string) => {
    parallelWith.push(...splitPhaseList(list));
    return ' ';
  });
  rest = rest.replace(/\([^)]*\)/g, ' ').trim();
  // `Blocked by 1A and 1B`, `after 1A`, `needs 2A`: the words say what the column already means.
  rest = rest.replace(/^(?:sequential(?:ly)?\s+)?(?:blocked\s+by|depends\s+on|waits\s+(?:for|on)|after|needs|requires)\s*:?\s+/i, '');
  // `None — parallel with 1A`: what is left of the cell is "None —".
  rest = rest.replace(/[\s—–-]+$/, '').trim();
  return { dependencies: NONE.test(rest) ? [] : splitPhaseList(rest), parallelWith: unique(parallelWith) };
}

function splitPhaseList(list: string): string[] {
  return unique(
    list
      .split(/\s*(?:,|;|&|\+|\/|\band\b)\s*/i)
      .map((part) => part.trim().replace(/^(?:phases?|batch)\s+/i, '').replace(/[.*`]+$/g, '').replace(/^[*`]+/, '').trim())
      .filter((part) => part !== '' && !NONE.test(part)),
  );
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** The cell is empty or says "none". */
export function isNone(raw: string): boolean {
  return NONE.test(raw.trim());
}
