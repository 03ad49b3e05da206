import type { SufficiencyAnswer, SufficiencyAnswers, SufficiencyState } from '../../../../shared/domain/planState';
import type { ParsedPlan } from '../../../../shared/domain/plan';
import { detectEol, LineTable } from '../lines';
import { indexPlan, type IndexedSection, type PlanIndex } from '../planIndex';
import { upsertSection } from '../planWriter';
import { appendLinesToSection, applyEdits, sectionEol, type TextEdit } from '../sectionEdit';

/**
 * The Research Sufficiency Assessment (§1) kept in the plan as a `## Research Sufficiency` list:
 *
 *     - [x] Evidence convergence (2+ tracks cite the same findings independently): yes
 *     - [x] Coverage (every research question addressed by at least one track): no — Q3 open
 *     - [x] Contradictions (tracks produce conflicting evidence): yes
 *     - Resolution: R2's benchmark is older; dgw decided to follow R1
 *     - Gaps: Q3 cost model; a second source for latency
 *     - Outcome: **INSUFFICIENT**
 *
 * Each line is found by its first word (Convergence / Coverage / Contradictions / Resolution / Gaps
 * / Outcome), with or without a list marker, checkbox or bold; answers are the first yes/no/unknown
 * after the label's colon, whatever the person wrote after it. The Outcome line is derived from the
 * answers, never read. Writing changes only the answer words, the tick, and the Resolution / Gaps /
 * Outcome values: every other byte of the section — the person's notes included — stays.
 */
export const SUFFICIENCY_HEADING = '## Research Sufficiency';

type Item = 'convergence' | 'coverage' | 'contradictions';
type Kind = Item | 'resolution' | 'gaps' | 'outcome';
const ORDER: readonly Kind[] = ['convergence', 'coverage', 'contradictions', 'resolution', 'gaps', 'outcome'];
const ITEMS: readonly Item[] = ['convergence', 'coverage', 'contradictions'];

const LABELS: Record<Item, string> = {
  convergence: 'Evidence convergence (2+ tracks cite the same findings independently)',
  coverage: 'Coverage (every research question addressed by at least one track)',
  contradictions: 'Contradictions (tracks produce conflicting evidence)',
};

const KIND_WORD: readonly [Kind, RegExp][] = [
  ['convergence', /^(?:evidence\s+)?convergence\b/i],
  ['coverage', /^coverage\b/i],
  ['contradictions', /^(?:no\s+)?contradictions?\b/i],
  ['resolution', /^(?:human\s+)?(?:resolution|resolved)\b/i],
  ['gaps', /^(?:remaining\s+)?gaps?\b/i],
  ['outcome', /^outcome\b/i],
];

interface Span {
  start: number;
  end: number;
}

interface SectionLine {
  kind: Kind;
  line: number;
  /** End of the line's content (before its line ending). */
  contentEnd: number;
  /** End of the item with its nested lines (more indented, no blank line between): where a line after it goes. */
  blockEnd: number;
  /** The `x`/space inside `[ ]`, when the line has a checkbox. */
  tick: Span | null;
  /** `[x]` true, `[ ]` false, no checkbox null. */
  ticked: boolean | null;
  /** `No contradictions`: the line says the answer in its label. */
  negated: boolean;
  /** Nested list items under the line (`- Gaps:` followed by one gap per item), without their markers. */
  nested: string[];
  /** The indentation of the first nested line. */
  nestedIndent: string;
  /** Just after the label's colon (null when the line has no colon). */
  colonEnd: number | null;
  /** Items: the answer word; others: the value after the colon, trimmed. */
  value: Span | null;
  text: string;
}

interface ReadSection {
  index: PlanIndex;
  section: IndexedSection;
  lines: Partial<Record<Kind, SectionLine>>;
}

/** The section the person keeps the assessment in (`## Research Sufficiency`, `### Research Sufficiency Assessment`). */
function findSection(index: PlanIndex): IndexedSection | undefined {
  return index.sections.find((s) => /^research sufficiency\b/.test(s.key));
}

function readSection(text: string): ReadSection | null {
  const index = indexPlan(text);
  const section = findSection(index);
  if (!section) return null;
  const first = index.lines.lineOf(section.bodyStart);
  const last = index.lines.lineOf(Math.max(section.bodyStart, section.bodyEnd - 1));
  return { index, section, lines: scanLines(text, index.lines, first, last, section.bodyEnd) };
}

/**
 * The section's lines found from the parsed plan's headings (no second markdown parse: this runs on
 * every plan load). Body: the lines after the heading up to the next heading of its level or higher.
 */
function linesFromPlan(text: string, plan: Pick<ParsedPlan, 'sections'>): Partial<Record<Kind, SectionLine>> | null {
  const at = plan.sections.findIndex((s) => /^research sufficiency\b/i.test(s.heading.trim().replace(/\s+/g, ' ')));
  const section = plan.sections[at];
  if (!section) return null;
  const next = plan.sections.slice(at + 1).find((s) => s.depth <= section.depth);
  const table = new LineTable(text);
  const last = next ? next.line - 1 : table.count;
  return scanLines(text, table, section.line + 1, last, table.line(last).end);
}

function scanLines(text: string, table: LineTable, first: number, last: number, bodyEnd: number): Partial<Record<Kind, SectionLine>> {
  const lines: Partial<Record<Kind, SectionLine>> = {};
  for (let n = first; n <= last; n += 1) {
    const span = table.line(n);
    if (span.start >= bodyEnd) break;
    const content = text.slice(span.start, span.contentEnd);
    const m = /^(\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+)?)(\[([ xX])\]\s+)?((?:\*\*|__)?\s*)(.*)$/.exec(content);
    if (!m) continue;
    const lead = m[1] ?? '';
    const box = m[2] ?? '';
    const rest = m[5] ?? '';
    const kind = KIND_WORD.find(([, re]) => re.test(rest))?.[0];
    if (!kind || lines[kind]) continue;
    const restStart = span.start + lead.length + box.length + (m[4] ?? '').length;
    const tickAt = box !== '' ? span.start + lead.length + 1 : null;
    const colon = rest.search(/[:：]/);
    const colonEnd = colon < 0 ? null : restStart + colon + 1;
    let value: Span | null = null;
    if (colonEnd !== null) {
      const after = text.slice(colonEnd, span.contentEnd);
      if ((ITEMS as readonly string[]).includes(kind)) {
        const answer = /^(\s*(?:\*\*|__)?\s*)(yes|no|unknown)\b/i.exec(after);
        if (answer) value = { start: colonEnd + (answer[1] ?? '').length, end: colonEnd + (answer[1] ?? '').length + (answer[2] ?? '').length };
      } else {
        // `**Gaps:** Q3`: the bold the label opened closes after the colon, and is not the value.
        const lead2 = ((m[4] ?? '').trim() !== '' ? /^\s*(?:\*\*|__)?\s*/ : /^\s*/).exec(after)?.[0].length ?? 0;
        const trimmed = after.replace(/\s+$/, '');
        value = { start: colonEnd + lead2, end: colonEnd + Math.max(lead2, trimmed.length) };
      }
    }
    let blockEnd = span.contentEnd;
    const indent = /^\s*/.exec(lead)?.[0].length ?? 0;
    const nested: string[] = [];
    let nestedIndent = '';
    for (let k = n + 1; k <= last; k += 1) {
      const next = table.line(k);
      if (next.start >= bodyEnd) break;
      const line = text.slice(next.start, next.contentEnd);
      const own = /^\s*/.exec(line)?.[0] ?? '';
      if (line.trim() === '' || own.length <= indent) break;
      if (nested.length === 0) nestedIndent = own;
      nested.push(line.replace(/^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\[[ xX]\]\s+)?/, '').trim());
      blockEnd = next.contentEnd;
    }
    lines[kind] = {
      kind,
      line: n,
      contentEnd: span.contentEnd,
      blockEnd,
      tick: tickAt === null ? null : { start: tickAt, end: tickAt + 1 },
      ticked: m[3] === undefined ? null : m[3] !== ' ',
      negated: /^no\s+/i.test(rest),
      nested,
      nestedIndent,
      colonEnd,
      value,
      text: value ? text.slice(value.start, value.end) : '',
    };
  }
  return lines;
}

const NONE = /^(?:none(?: noted)?|n\/a|—|-)?$/i;

/** `Q3 cost model; second source for latency` → the two gaps (none noted → none). */
export function splitGaps(gaps: string): string[] {
  const out: string[] = [];
  for (const g of gaps.split(/\s*;\s*/)) {
    const t = g.replace(/\s+/g, ' ').replace(/^(?:\*\*|__)|(?:\*\*|__)$/g, '').trim();
    if (!NONE.test(t) && !out.some((x) => x.toLowerCase() === t.toLowerCase())) out.push(t);
  }
  return out;
}

/** Why the assessment is not SUFFICIENT, item by item (empty when it is). */
export function sufficiencyUnmet(a: SufficiencyAnswers): string[] {
  const out: string[] = [];
  if (a.convergence === 'unknown') out.push('Evidence convergence is not answered yet');
  else if (a.convergence === 'no') out.push('Evidence convergence: no finding is cited independently by 2+ tracks');
  if (a.coverage === 'unknown') out.push('Coverage is not answered yet');
  else if (a.coverage === 'no') out.push('Coverage: a research question is not addressed by any track');
  if (a.contradictions === 'unknown') out.push('Contradictions is not answered yet');
  else if (a.contradictions === 'yes' && (a.resolution ?? '').trim() === '') out.push('Contradictions: conflicting evidence needs a written human resolution (a "Resolution:" line) first');
  return out;
}

/**
 * SUFFICIENT with convergence, full coverage, and no contradictions — or contradictions a person has
 * resolved in writing; any unanswered item → INCOMPLETE.
 */
export function sufficiencyOutcome(a: SufficiencyAnswers): SufficiencyState['outcome'] {
  if (a.convergence === 'unknown' || a.coverage === 'unknown' || a.contradictions === 'unknown') return 'INCOMPLETE';
  const contradictionsOk = a.contradictions === 'no' || (a.resolution ?? '').trim() !== '';
  return a.convergence === 'yes' && a.coverage === 'yes' && contradictionsOk ? 'SUFFICIENT' : 'INSUFFICIENT';
}

function stateOf(a: SufficiencyAnswers, writtenOutcome: SufficiencyState['writtenOutcome'] = null): SufficiencyState {
  const answers = { convergence: a.convergence, coverage: a.coverage, contradictions: a.contradictions, gaps: a.gaps, resolution: a.resolution ?? '' };
  return { ...answers, outcome: sufficiencyOutcome(answers), gapList: splitGaps(answers.gaps), unmet: sufficiencyUnmet(answers), writtenOutcome };
}

export function emptySufficiency(): SufficiencyState {
  return stateOf({ convergence: 'unknown', coverage: 'unknown', contradictions: 'unknown', gaps: '' });
}

function outcomeValue(a: SufficiencyAnswers): string {
  const outcome = sufficiencyOutcome(a);
  return `**${outcome}**${outcome === 'INSUFFICIENT' ? ' (dispatch targeted follow-up tracks, or resolve contradictions first)' : ''}`;
}

function gapsValue(gaps: string): string {
  return gaps.replace(/\s+/g, ' ').trim() || 'none noted';
}

function lineFor(kind: Kind, a: SufficiencyAnswers): string {
  switch (kind) {
    case 'resolution':
      return `- Resolution: ${(a.resolution ?? '').replace(/\s+/g, ' ').trim()}`;
    case 'gaps':
      return `- Gaps: ${gapsValue(a.gaps)}`;
    case 'outcome':
      return `- Outcome: ${outcomeValue(a)}`;
    default:
      return `- [${a[kind] === 'unknown' ? ' ' : 'x'}] ${LABELS[kind]}: ${a[kind]}`;
  }
}

/**
 * A line without a yes/no word: `- [x] Coverage (every question answered)` ticks it as met,
 * `- [x] No contradictions` says no; anything else is not answered.
 */
function impliedAnswer(item: Item, line: SectionLine): SufficiencyAnswer {
  if (item === 'contradictions') return line.negated && line.ticked !== false ? 'no' : 'unknown';
  return line.ticked === true ? 'yes' : 'unknown';
}

/** A new section's body. */
export function renderSufficiency(a: SufficiencyAnswers): string {
  return ORDER.filter((k) => k !== 'resolution' || (a.resolution ?? '').trim() !== '')
    .map((k) => lineFor(k, a))
    .join('\n');
}

/**
 * Reads the section back; anything missing or unreadable counts as unanswered. With the parsed plan
 * its headings place the section (cheap); without, the text is indexed.
 */
export function parseSufficiency(text: string, plan?: Pick<ParsedPlan, 'sections'>): SufficiencyState {
  const lines = plan ? linesFromPlan(text, plan) : (readSection(text)?.lines ?? null);
  if (!lines) return emptySufficiency();
  const read = { lines };
  const answer = (item: Item): SufficiencyAnswer => {
    const line = read.lines[item];
    return line ? ((line.text.toLowerCase() as SufficiencyAnswer) || impliedAnswer(item, line)) : 'unknown';
  };
  const gaps = [read.lines.gaps?.text ?? '', ...(read.lines.gaps?.nested ?? [])].join('; ');
  const written = /\b(SUFFICIENT|INSUFFICIENT|INCOMPLETE)\b/i.exec(read.lines.outcome?.text ?? '')?.[1]?.toUpperCase() as SufficiencyState['writtenOutcome'] | undefined;
  return stateOf({
    convergence: answer('convergence'),
    coverage: answer('coverage'),
    contradictions: answer('contradictions'),
    gaps: splitGaps(gaps).join('; '),
    resolution: read.lines.resolution?.text.trim() ?? '',
  }, written ?? null);
}

/**
 * Writes the answers into the plan: a new section when there is none; else, line by line, only the
 * answer words, ticks and values change, and missing lines are inserted where they belong.
 */
export function setSufficiencyEdit(a: SufficiencyAnswers): (text: string) => string {
  return (text) => {
    const read = readSection(text);
    if (!read) return upsertSection(text, SUFFICIENCY_HEADING, renderSufficiency(a));
    const { lines, index, section } = read;
    const edits: TextEdit[] = [];
    const set = (line: SectionLine, value: string): void => {
      if (line.value && line.value.start === line.value.end && line.value.start === line.colonEnd) {
        if (value !== '') edits.push({ ...line.value, replacement: ` ${value}` });
      } else if (line.value) {
        if (text.slice(line.value.start, line.value.end) !== value) edits.push({ ...line.value, replacement: value });
      } else if (line.colonEnd !== null) edits.push({ start: line.colonEnd, end: line.colonEnd, replacement: ` ${value}` });
      else edits.push({ start: line.contentEnd, end: line.contentEnd, replacement: `: ${value}` });
    };
    const eol = sectionEol(index, section) || detectEol(text);
    for (const item of ITEMS) {
      const line = lines[item];
      if (!line) continue;
      // A tick that already says the answer (`- [x] Coverage`, `- [x] No contradictions`) keeps its words.
      if (line.value || impliedAnswer(item, line) !== a[item]) set(line, a[item]);
      const tick = a[item] === 'unknown' ? ' ' : 'x';
      if (line.tick && text.slice(line.tick.start, line.tick.end).toLowerCase() !== tick) edits.push({ ...line.tick, replacement: tick });
    }
    const resolution = (a.resolution ?? '').replace(/\s+/g, ' ').trim();
    if (lines.resolution) set(lines.resolution, resolution);
    const gapsLine = lines.gaps;
    if (gapsLine && splitGaps([gapsLine.text, ...gapsLine.nested].join('; ')).join('; ') !== splitGaps(a.gaps).join('; ')) {
      if (gapsLine.nested.length > 0 && gapsLine.colonEnd !== null) {
        // The person lists one gap per nested item: the new gaps keep that shape.
        const items = splitGaps(a.gaps);
        const body = items.length > 0 ? items.map((g) => `${eol}${gapsLine.nestedIndent}- ${g}`).join('') : ' none noted';
        edits.push({ start: gapsLine.colonEnd, end: gapsLine.blockEnd, replacement: body });
      } else set(gapsLine, gapsValue(a.gaps));
    }
    if (lines.outcome) set(lines.outcome, outcomeValue(a));

    // Missing lines go after the line before them in ORDER (or before the first one present).
    const missing = ORDER.filter((k) => !lines[k] && (k !== 'resolution' || resolution !== ''));
    const inserts = new Map<number, { before: boolean; lines: string[] }>();
    const orphans: string[] = [];
    for (const kind of missing) {
      const at = ORDER.indexOf(kind);
      const prev = ORDER.slice(0, at).reverse().map((k) => lines[k]).find((l) => l !== undefined);
      const next = ORDER.slice(at + 1).map((k) => lines[k]).find((l) => l !== undefined);
      const anchor = prev ? prev.blockEnd : next ? index.lines.line(next.line).start : null;
      if (anchor === null) {
        orphans.push(lineFor(kind, a));
        continue;
      }
      const entry = inserts.get(anchor) ?? { before: !prev, lines: [] };
      entry.lines.push(lineFor(kind, a));
      inserts.set(anchor, entry);
    }
    for (const [anchor, entry] of inserts) {
      edits.push({ start: anchor, end: anchor, replacement: entry.before ? entry.lines.map((l) => l + eol).join('') : entry.lines.map((l) => eol + l).join('') });
    }
    const next = applyEdits(text, edits);
    if (orphans.length === 0) return next;
    const again = indexPlan(next);
    const target = findSection(again);
    return target ? appendLinesToSection(again, target, orphans) : next;
  };
}
