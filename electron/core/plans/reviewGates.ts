import type { PlanSection } from '../../../shared/domain/plan';
import type { ReviewRecord, ReviewSource, ReviewTiming } from '../../../shared/domain/reviewGates';
import { normalizeHeading } from './headingText';
import { indexPlan, type PlanIndex } from './planIndex';
import { classifyTables } from './planTables';
import { mapRowCells } from './tableColumns';

/**
 * §3 review gates as a plan writes them (pure):
 * - a header line `**Review:** pre-dispatch + post-session` (also `Review gate:` / `Review gates:`);
 * - a `## Review` (or `## Review Gates`, `## Adversarial Review`) section whose lines name gates;
 * - a Review column in the Phase Map or a dispatch table (gates of that phase / session);
 * - the records: `Pre-dispatch review: passed Gate 2 (2026-12-02, link)` (or `failed …`,
 *   `waived …: "reason"`), and `Post-session review of \`S-A\`: passed (PR #12 approved)`.
 * The latest record of a kind wins, so a pass after a failure clears the gate.
 */

export const REVIEW_HEADINGS = ['review', 'review gates', 'review gate', 'adversarial review', 'reviews'];
export const REVIEW_HEADING = 'Review';

const TIMING_WORDS: readonly [ReviewTiming, RegExp][] = [
  ['pre-dispatch', /\bpre[- ]?dispatch\b|\bbefore (?:any )?(?:dispatch|work begins)\b|\bspec review\b/i],
  ['in-session', /\bin[- ]session\b|\boption d\b|\bat each checkpoint\b|\bcheckpoint review\b/i],
  ['post-session', /\bpost[- ]session\b|\bpr(?:-level)? review\b|\boptions? a\s*[-–]\s*c\b|\bbefore merge\b/i],
];

/** The gates a cell or line names, in rule-book order (`none`, `—`: no gate). */
export function parseReviewTimings(value: string): ReviewTiming[] {
  const out: ReviewTiming[] = [];
  for (const [timing, pattern] of TIMING_WORDS) if (pattern.test(value)) out.push(timing);
  return out;
}

/** Markup a person puts around a line: list bullets, bold/italic markers, a leading timestamp. */
function plain(line: string): string {
  return line
    .replace(/[*_]/g, '')
    .replace(/^\s*>?\s*(?:[-+]\s+(?:\[[ xX]\]\s+)?)?/, '')
    .replace(/^\d{4}-\d{2}-\d{2}\S*\s+[—–-]\s+/, '')
    .trim();
}

/** A table header cell saying Review (cheap test before indexing the tables). */
const REVIEW_COLUMN = /^\s{0,3}\|(?:.*\|)?\s*\**(?:adversarial\s+)?review(?:\s+gates?|\s+timing)?\**\s*\|/im;
const HEADER_LINE = /^(?:adversarial\s+)?review(?:\s+gates?|\s+timing)?(?:\s*\(§?3\))?\s*:\s*(.+)$/i;
const PRE_RECORD = /\bpre[- ]?dispatch review\s*:?\s*(?:(?:gate\s*2|status)\s*:?\s*)?(?:[✅❌✔✗]\uFE0F?\s*)?(passed|pass|failed|fail|waived|overridden)\b[\s:—–-]*(.*)$/iu;
/** A task-list item about the pre-dispatch review: ticked, it passed; not ticked, it is still asked for. */
const PRE_CHECKBOX = /^\s*[-*+]\s+\[([ xX])\]\s+(.*\bpre[- ]?dispatch review\b.*)$/i;
const POST_RECORD = /\bpost[- ]session review\s+(?:of|for)\s+`?([^`:]+?)`?\s*:\s*(passed|failed|waived)\b[\s:—–-]*(.*)$/i;

export interface ReviewRowGate {
  /** Phase Map row: its phase; dispatch row: its phase cell when it has one. */
  phase: string | null;
  /** Dispatch row: its Session cell. */
  session: string | null;
  issueId: string | null;
  timings: ReviewTiming[];
  line: number;
}

export interface PlanReviewGates {
  /** Plan-wide gates. */
  plan: ReviewTiming[];
  /** The lines that asked for them. */
  sources: ReviewSource[];
  rows: ReviewRowGate[];
  preDispatch: ReviewRecord | null;
  /** Session as the record names it → the latest post-session record. */
  postSession: Record<string, ReviewRecord>;
}

function record(outcome: string, note: string, line: number, text: string): ReviewRecord {
  const o = outcome.toLowerCase();
  const result: ReviewRecord['outcome'] = o === 'overridden' || o === 'waived' ? 'waived' : o.startsWith('fail') ? 'failed' : 'passed';
  return { outcome: result, note: note.trim(), line, text: text.trim() };
}

function union(...lists: ReadonlyArray<readonly ReviewTiming[]>): ReviewTiming[] {
  const all = new Set(lists.flat());
  return TIMING_WORDS.map(([t]) => t).filter((t) => all.has(t));
}

/** Lines inside fenced code blocks and tables say nothing about the plan's gates. */
function proseLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence = false;
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    if (/^\s{0,3}(```|~~~)/.test(raw)) {
      fence = !fence;
      return;
    }
    if (fence || /^\s{0,3}\|/.test(raw)) return;
    out.push({ line: i + 1, text: raw });
  });
  return out;
}

/** Lines of the plan's review sections; a section runs to the next heading of its level or higher. */
function reviewSectionLines(sections: readonly PlanSection[], lineCount: number): Set<number> {
  const lines = new Set<number>();
  sections.forEach((s, i) => {
    if (!REVIEW_HEADINGS.includes(normalizeHeading(s.heading))) return;
    const next = sections.slice(i + 1).find((x) => x.depth <= s.depth);
    for (let l = s.line + 1; l < (next?.line ?? lineCount + 1); l++) lines.add(l);
  });
  return lines;
}

/**
 * `sections`: the parsed plan's headings (ParsedPlan.sections), so the Dispatch view's path does not
 * index the file a second time; the tables are indexed only when one has a Review column.
 */
export function readReviewGates(text: string, sections?: readonly PlanSection[]): PlanReviewGates {
  const sources: ReviewSource[] = [];
  let plan: ReviewTiming[] = [];
  let preDispatch: ReviewRecord | null = null;
  const postSession: Record<string, ReviewRecord> = {};
  const prose = proseLines(text);
  let index: PlanIndex | null = null;
  const indexed = (): PlanIndex => (index ??= indexPlan(text));
  const inSection = reviewSectionLines(sections ?? indexed().sections, text.split(/\r\n|\n|\r/).length);
  for (const { line, text: raw } of prose) {
    const p = plain(raw);
    if (p === '') continue;
    const box = PRE_CHECKBOX.exec(raw);
    if (box) {
      plan = union(plan, ['pre-dispatch']);
      if (box[1] !== ' ') preDispatch = record('passed', plain(box[2] ?? ''), line, raw);
      else sources.push({ line, text: raw.trim() });
      continue;
    }
    const pre = PRE_RECORD.exec(p);
    if (pre) {
      preDispatch = record(pre[1] ?? '', pre[2] ?? '', line, raw);
      plan = union(plan, ['pre-dispatch']);
      continue;
    }
    const post = POST_RECORD.exec(p);
    if (post?.[1]) {
      postSession[post[1].trim()] = record(post[2] ?? '', post[3] ?? '', line, raw);
      continue;
    }
    const header = HEADER_LINE.exec(p);
    const timings = header ? parseReviewTimings(header[1] ?? '') : inSection.has(line) ? parseReviewTimings(p) : [];
    if (timings.length === 0) continue;
    plan = union(plan, timings);
    sources.push({ line, text: raw.trim() });
  }
  const rows = REVIEW_COLUMN.test(text) ? reviewColumnRows(indexed()) : [];
  return { plan, sources, rows, preDispatch, postSession };
}

/** The Review column of Phase Map and dispatch tables. */
function reviewColumnRows(index: PlanIndex): ReviewRowGate[] {
  const out: ReviewRowGate[] = [];
  for (const t of classifyTables(index)) {
    if ((t.kind !== 'phaseMap' && t.kind !== 'dispatch') || t.columns.index.review === undefined) continue;
    for (const row of t.table.rows) {
      const texts = row.cells.map((c) => c.text);
      const at = mapRowCells(t.columns, t.table.header.cells.length, texts);
      const cell = (key: 'review' | 'phase' | 'session' | 'issue' | 'issues' | 'id'): string | null => {
        const i = at[key];
        return i === undefined ? null : (texts[i]?.trim() ?? null) || null;
      };
      const timings = parseReviewTimings(cell('review') ?? '');
      if (timings.length === 0) continue;
      const issue = cell('issue') ?? cell('issues') ?? cell('id');
      out.push({
        phase: cell('phase'),
        session: t.kind === 'dispatch' ? cell('session') : null,
        issueId: issue ? (/[A-Z][A-Z0-9]+-\d+/i.exec(issue)?.[0]?.toUpperCase() ?? null) : null,
        timings,
        line: row.line,
      });
    }
  }
  return out;
}

/** What a dispatch row needs to be matched to Review cells. */
export interface ReviewedRow {
  session: string;
  phase: string;
  issueId: string;
  batch: number;
  branch?: string | null;
}

/** The gates on one session: plan-wide ones plus its Phase Map / dispatch Review cells. */
export function gatesOfRow(gates: PlanReviewGates, row: ReviewedRow): ReviewTiming[] {
  const eq = (a: string | null, b: string): boolean => a !== null && b !== '' && a.toUpperCase() === b.toUpperCase();
  const own = gates.rows.filter((g) => eq(g.session, row.session) || (g.session === null && eq(g.phase, row.phase)) || (g.session === null && g.phase === null && eq(g.issueId, row.issueId)));
  return union(gates.plan, ...own.map((g) => g.timings));
}

/** The recorded post-session review of a session, found by any name the plan gives it. */
export function postSessionRecordOf(gates: PlanReviewGates, names: ReadonlyArray<string | null | undefined>): ReviewRecord | null {
  const wanted = new Set(names.filter((n): n is string => !!n && n.trim() !== '').map((n) => n.trim().toUpperCase()));
  for (const [key, rec] of Object.entries(gates.postSession)) if (wanted.has(key.toUpperCase())) return rec;
  return null;
}

export function anyPreDispatch(gates: PlanReviewGates): boolean {
  return gates.plan.includes('pre-dispatch') || gates.rows.some((r) => r.timings.includes('pre-dispatch'));
}

/** Passed or waived: the pre-dispatch gate no longer holds anything. */
export function preDispatchCleared(gates: PlanReviewGates): boolean {
  return gates.preDispatch !== null && gates.preDispatch.outcome !== 'failed';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The record line the "Record review passed (Gate 2)…" / waiver actions append. */
export function preDispatchRecordLine(input: { at: string; by: string; outcome: 'passed' | 'waived'; note: string }): string {
  const note = oneLine(input.note).replace(/"/g, "'");
  if (input.outcome === 'waived') return `- ${input.at} — Pre-dispatch review: waived by ${input.by}: "${note}"`;
  return `- ${input.at} — Pre-dispatch review: passed Gate 2 (${input.at.slice(0, 10)}${note ? `, ${note}` : ''}) — recorded by ${input.by}`;
}

export function postSessionRecordLine(input: { at: string; by: string; session: string; note: string }): string {
  const note = oneLine(input.note).replace(/"/g, "'");
  return `- ${input.at} — Post-session review of \`${input.session.replace(/`/g, '')}\`: passed (${input.at.slice(0, 10)}${note ? `, ${note}` : ''}) — recorded by ${input.by}`;
}

/** The heading to append records under: the plan's own review section, else `## Review`. */
export function reviewRecordHeading(index: PlanIndex): string {
  const s = index.sections.find((x) => REVIEW_HEADINGS.includes(x.key));
  return s ? `${'#'.repeat(s.depth)} ${s.heading}` : `## ${REVIEW_HEADING}`;
}
