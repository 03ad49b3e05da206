import {
  EXEC_MODES,
  PhaseFactsSchema,
  type ExecMode,
  type PhaseFacts,
  type PhaseFactsInput,
} from '../../../shared/domain/dispatch';

/**
 * `exec:tdd`, `TDD`, ` pair `, `spike (analysis-only)`, `` `spike` · type:research `` → the mode;
 * anything else (`yolo`, two modes) → null. Parenthesised qualifiers and `type:` labels are not
 * part of the mode; `analysisOnlyLabel` reads the qualifier.
 */
export function parseExecMode(raw: string | null | undefined): ExecMode | null {
  if (raw == null) return null;
  const words = raw
    .toLowerCase()
    .replace(/`/g, ' ')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\btype:\S+/g, ' ')
    .replace(/\b(?:execution\s+mode|exec\s+mode|exec|mode)\s*:\s*/g, ' ')
    .replace(/[|,;·]/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
  const [only] = words;
  return words.length === 1 && only !== undefined && (EXEC_MODES as readonly string[]).includes(only) ? (only as ExecMode) : null;
}

/** `spike (analysis-only)`, `pair (no code changes)`, `read-only` — the cell says there are no code/file changes. */
export function analysisOnlyLabel(raw: string | null | undefined): boolean {
  return raw != null && /\banalysis[- ]only\b|\bno[- ]code\b|\bread[- ]only\b/i.test(raw);
}

/** `type:spike`, `type:research` labels written in a cell (lower-cased, without `type:`). */
export function typeLabels(raw: string | null | undefined): string[] {
  if (raw == null) return [];
  return [...raw.matchAll(/\btype:([a-z][\w-]*)/gi)].map((m) => (m[1] ?? '').toLowerCase());
}

/** Parses phase facts (defaults filled) and derives `exec` from `execRaw` when only the raw label is given. */
export function makePhaseFacts(input: PhaseFactsInput): PhaseFacts {
  const facts = PhaseFactsSchema.parse(input);
  if (facts.exec === null && facts.execRaw !== null) return { ...facts, exec: parseExecMode(facts.execRaw) };
  return facts;
}

/** Analysis-only: the deliverable is a recommendation/evaluation, no code or file changes to the repo. */
export function isAnalysisOnly(p: PhaseFacts): boolean {
  if (p.producesCode === false) return true;
  return p.readOnlyResearch && p.producesCode !== true;
}


/**
 * Files a phase may modify: what it names and outputs, plus its real diff once running. Read-only
 * and analysis-only phases modify only their declared outputs (the files they name are read).
 */
export function touchedFiles(p: PhaseFacts): string[] {
  const planned = isAnalysisOnly(p) ? p.outputs : [...p.files, ...p.outputs];
  return [...new Set([...planned, ...(p.actualChangedFiles ?? [])])];
}

/** `1`, `Batch 2`, `2 (parallel)` → 1, 2, 2; anything without a number → null. */
export function parseDeclaredBatch(raw: string | null): number | null {
  if (raw === null) return null;
  const m = /(\d+)/.exec(raw);
  if (!m?.[1]) return null;
  const n = Number.parseInt(m[1], 10);
  return n > 0 ? n : null;
}

/** Natural order of phase ids: `1A` < `1B` < `2A` < `10A`. */
export function comparePhaseIds(x: string, y: string): number {
  return x.localeCompare(y, 'en', { numeric: true, sensitivity: 'base' });
}

/** Failed (per the session registry) and not yet cleared by a human. */
export function isUnreviewedFailure(p: PhaseFacts): boolean {
  return p.status !== null && /^[^\p{L}]*failed\b/iu.test(p.status) && !p.failureReviewed;
}
