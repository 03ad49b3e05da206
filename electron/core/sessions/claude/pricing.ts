import type { TokenUsage } from '../../../../shared/domain/claude';

/** USD per million tokens. */
export interface ModelPrice {
  /** The table row that priced the model, e.g. `opus-4.5`. */
  row: string;
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
}

type Family = 'opus' | 'sonnet' | 'haiku';

interface PriceRow {
  family: Family;
  major: number;
  /** The row applies to this minor version and later ones of the same major, until a later row. */
  minor: number;
  input: number;
  output: number;
}

/**
 * The one price table (public list prices, standard tier, ≤200k context). Cache prices follow
 * Anthropic's fixed multipliers of the input price, so only input/output are written per row.
 * A new minor version inherits the row before it (opus 4.7 → the 4.5 price); a new major version
 * has no price until it is added here, so the UI says "cost unknown" rather than guessing.
 */
const PRICE_ROWS: readonly PriceRow[] = [
  { family: 'opus', major: 4, minor: 0, input: 15, output: 75 },
  { family: 'opus', major: 4, minor: 5, input: 5, output: 25 },
  { family: 'sonnet', major: 4, minor: 0, input: 3, output: 15 },
  { family: 'sonnet', major: 3, minor: 5, input: 3, output: 15 },
  { family: 'sonnet', major: 3, minor: 7, input: 3, output: 15 },
  { family: 'haiku', major: 4, minor: 5, input: 1, output: 5 },
  { family: 'haiku', major: 3, minor: 5, input: 0.8, output: 4 },
];

interface ModelVersion {
  family: Family;
  major: number;
  minor: number;
}

/**
 * Reads family and version out of the id formats seen in transcripts and cloud consoles:
 * `claude-opus-4-1-20250805`, `claude-opus-4-6`, `claude-sonnet-4-5[1m]`, `claude-3-7-sonnet-20250219`,
 * `us.anthropic.claude-haiku-4-5-20251001-v1:0`, `claude-opus-4@20250514`.
 */
export function parseModelVersion(model: string): ModelVersion | null {
  const id = model.toLowerCase();
  // New style: family first. A 1–2 digit part after the major is the minor; 8 digits are a date.
  const modern = /claude-(opus|sonnet|haiku)-(\d+)(?:[-.](\d{1,2})(?!\d))?/.exec(id);
  if (modern) {
    return { family: modern[1] as Family, major: Number(modern[2]), minor: Number(modern[3] ?? 0) };
  }
  const legacy = /claude-(\d+)(?:[-.](\d{1,2})(?!\d))?-(opus|sonnet|haiku)/.exec(id);
  if (legacy) {
    return { family: legacy[3] as Family, major: Number(legacy[1]), minor: Number(legacy[2] ?? 0) };
  }
  return null;
}

/** The price of a model id, or null when the table has no row for it (then cost is "unknown", not 0). */
export function priceFor(model: string): ModelPrice | null {
  const version = parseModelVersion(model);
  if (!version) return null;
  let best: PriceRow | null = null;
  for (const row of PRICE_ROWS) {
    if (row.family !== version.family || row.major !== version.major || row.minor > version.minor) continue;
    if (!best || row.minor > best.minor) best = row;
  }
  if (!best) return null;
  return {
    row: `${best.family}-${best.major}.${best.minor}`,
    input: best.input,
    output: best.output,
    cacheWrite5m: best.input * 1.25,
    cacheWrite1h: best.input * 2,
    cacheRead: best.input * 0.1,
  };
}

/** USD for the given tokens of one model, or null when the model has no price. */
export function costOf(model: string, usage: TokenUsage): number | null {
  const price = priceFor(model);
  if (!price) return null;
  return (
    (usage.input * price.input +
      usage.output * price.output +
      usage.cacheWrite5m * price.cacheWrite5m +
      usage.cacheWrite1h * price.cacheWrite1h +
      usage.cacheRead * price.cacheRead) /
    1_000_000
  );
}
