/**
 * What each column of a review findings table holds. Real RDRs name them differently
 * (`Finding`/`Issue`/`Problem`, `Severity`/`Priority`, `Effort`/`Size`, `Location`/`File`,
 * `Recommendation`/`Fix`), and may add one column per reviewing model (`Claude | GPT | Gemini`).
 */

export type FindingColumn = 'id' | 'finding' | 'severity' | 'effort' | 'location' | 'recommendation' | 'decision' | 'consensus';

const ALIASES: Record<string, FindingColumn> = {
  '#': 'id',
  id: 'id',
  no: 'id',
  nr: 'id',
  ref: 'id',
  'finding id': 'id',
  finding: 'finding',
  findings: 'finding',
  issue: 'finding',
  problem: 'finding',
  concern: 'finding',
  title: 'finding',
  summary: 'finding',
  description: 'finding',
  observation: 'finding',
  severity: 'severity',
  priority: 'severity',
  sev: 'severity',
  impact: 'severity',
  risk: 'severity',
  effort: 'effort',
  size: 'effort',
  complexity: 'effort',
  est: 'effort',
  estimate: 'effort',
  location: 'location',
  file: 'location',
  files: 'location',
  where: 'location',
  path: 'location',
  'file line': 'location',
  recommendation: 'recommendation',
  recommendations: 'recommendation',
  fix: 'recommendation',
  'suggested fix': 'recommendation',
  suggestion: 'recommendation',
  action: 'recommendation',
  remedy: 'recommendation',
  proposal: 'recommendation',
  decision: 'decision',
  'human decision': 'decision',
  verdict: 'decision',
  response: 'decision',
  disposition: 'decision',
  resolution: 'decision',
  agree: 'decision',
  'agree disagree': 'decision',
  consensus: 'consensus',
  agreement: 'consensus',
  'model agreement': 'consensus',
  'models agree': 'consensus',
  votes: 'consensus',
};

/** Model names a per-model vote column carries (`Claude`, `GPT-5`, `Gemini 2.5`, `o3`). */
const MODEL = /^(claude|opus|sonnet|haiku|gpt|chatgpt|codex|o[134]|gemini|grok|llama|mistral|deepseek|qwen|model [a-z0-9])\b/;

export function normalizeFindingHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[.:*_`()[\]?]/g, ' ')
    .replace(/[\s/-]+/g, ' ')
    .trim();
}

export interface FindingColumns {
  index: Partial<Record<FindingColumn, number>>;
  /** Columns holding one reviewing model's vote each. */
  models: { column: number; model: string }[];
}

export function mapFindingColumns(headers: readonly string[]): FindingColumns {
  const index: Partial<Record<FindingColumn, number>> = {};
  const models: { column: number; model: string }[] = [];
  headers.forEach((header, i) => {
    const key = normalizeFindingHeader(header);
    const known = key === '' ? undefined : ALIASES[key];
    if (known !== undefined) {
      if (index[known] === undefined) index[known] = i;
    } else if (MODEL.test(key)) {
      models.push({ column: i, model: header.trim() });
    }
  });
  return { index, models };
}

/**
 * A findings table: it names the finding and says something about it a review would (severity,
 * effort, location, recommendation, a decision or per-model votes). A plan's dispatch table or a
 * plain list of files is not one.
 */
export function isFindingsTable(columns: FindingColumns): boolean {
  const has = (c: FindingColumn): boolean => columns.index[c] !== undefined;
  if (!has('finding')) return false;
  return has('severity') || has('recommendation') || has('decision') || has('effort') || has('consensus') || columns.models.length >= 2 || (has('location') && has('id'));
}
