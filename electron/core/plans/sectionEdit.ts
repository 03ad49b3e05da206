import type { IndexedSection, PlanIndex } from './planIndex';
import { detectEol, endsWithEol, isBlank, splitLines } from './lines';

/**
 * Byte-preserving section edits. Only the span the edit is about changes; the heading line, the
 * section's trailing blank lines and `---` breaks, and everything outside stay byte for byte.
 */

export interface TextEdit {
  start: number;
  end: number;
  replacement: string;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const edit of sorted) out = out.slice(0, edit.start) + edit.replacement + out.slice(edit.end);
  return out;
}

/** Start of the section's tail: its trailing blank lines and root-level `---` lines. */
export function sectionTailStart(index: PlanIndex, section: IndexedSection): number {
  const { lines } = index;
  let line = lines.lineOf(section.bodyEnd);
  if (lines.line(line).start === section.bodyEnd) line--;
  let tailStart = section.bodyEnd;
  while (line >= 1) {
    const span = lines.line(line);
    if (span.start < section.bodyStart) break;
    const content = index.text.slice(span.start, Math.min(span.contentEnd, section.bodyEnd));
    if (!isBlank(content) && !index.thematicBreakLines.has(line)) break;
    tailStart = span.start;
    line--;
  }
  return tailStart;
}

/** Normalizes user-supplied markdown to the file's line ending, without leading/trailing blank lines. */
export function bodyLines(body: string | readonly string[]): string[] {
  const raw = typeof body === 'string' ? splitLines(body) : body.flatMap((l) => splitLines(l));
  let first = 0;
  let last = raw.length;
  while (first < last && isBlank(raw[first] ?? '')) first++;
  while (last > first && isBlank(raw[last - 1] ?? '')) last--;
  return raw.slice(first, last);
}

/** Replaces the body of `section` (keeping its heading and tail) with `body`. */
export function replaceSectionBody(index: PlanIndex, section: IndexedSection, body: string): string {
  const { text } = index;
  const eol = detectEol(text);
  const lines = bodyLines(body);
  const tailStart = sectionTailStart(index, section);
  const tail = text.slice(tailStart, section.bodyEnd);
  const atEnd = section.bodyEnd >= text.length;
  let replacement = section.headingHasEol ? '' : eol;
  if (lines.length > 0) replacement += eol + lines.join(eol) + eol;
  if (tail === '') {
    if (!atEnd) replacement += eol;
    else if (!endsWithEol(text) && replacement.endsWith(eol)) replacement = replacement.slice(0, -eol.length);
  } else if (!startsWithBlankLine(tail) && lines.length > 0) {
    // `text\n---` would turn the last paragraph into a setext heading.
    replacement += eol;
  }
  return text.slice(0, section.bodyStart) + replacement + text.slice(tailStart);
}

function startsWithBlankLine(text: string): boolean {
  const firstLine = splitLines(text)[0] ?? '';
  return isBlank(firstLine);
}

/** Inserts `lines` after the last content of `section` (before its trailing blank lines and `---`). */
export function appendLinesToSection(index: PlanIndex, section: IndexedSection, newLines: readonly string[]): string {
  const { text } = index;
  if (newLines.length === 0) return text;
  const eol = detectEol(text);
  const tailStart = sectionTailStart(index, section);
  const joined = newLines.join(eol);
  const unterminatedEnd = tailStart >= text.length && !endsWithEol(text);
  let insertion: string;
  if (tailStart <= section.bodyStart) {
    // Empty section: a blank line after the heading, then the lines.
    insertion = (section.headingHasEol ? '' : eol) + eol + bodyLines(newLines).join(eol) + eol;
    if (section.bodyEnd === tailStart && tailStart < text.length) insertion += eol;
    if (unterminatedEnd) insertion = insertion.slice(0, -eol.length);
  } else if (unterminatedEnd) {
    insertion = eol + (endsInTable(index, tailStart) ? eol : '') + joined;
  } else {
    insertion = (endsInTable(index, tailStart) ? eol : '') + joined + eol;
  }
  return text.slice(0, tailStart) + insertion + text.slice(tailStart);
}

/** A line after a table would become a table row: insert a blank line first. */
function endsInTable(index: PlanIndex, offset: number): boolean {
  let last: { type: string; end: number } | null = null;
  for (const node of index.tree.children) {
    const end = node.position?.end.offset ?? 0;
    if (end <= offset && (last === null || end >= last.end)) last = { type: node.type, end };
  }
  return last?.type === 'table';
}

/** Appends a new `#… heading` section at the end of the file (after a blank line). */
export function appendSection(text: string, depth: number, heading: string, body: readonly string[]): string {
  const eol = detectEol(text);
  let separator = '';
  if (text.length > 0) {
    if (!endsWithEol(text)) separator = eol + eol;
    else if (!endsWithBlankLine(text)) separator = eol;
  }
  let section = `${'#'.repeat(Math.min(Math.max(depth, 1), 6))} ${heading}${eol}`;
  if (body.length > 0) section += eol + body.join(eol) + eol;
  if (text.length > 0 && !endsWithEol(text)) section = section.slice(0, -eol.length);
  return text + separator + section;
}

function endsWithBlankLine(text: string): boolean {
  const lines = splitLines(text);
  // A text ending with a line ending splits into [..., lastLine, '']: look at the line before.
  return lines.length < 2 || isBlank(lines[lines.length - 2] ?? '');
}
