import type { IndexedSection, PlanIndex } from './planIndex';
import { LineTable, detectEol, endsWithEol, isBlank, splitLines } from './lines';
import { parseMarkdown } from './markdown';

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
  for (const edit of sorted) out = spliceText(out, edit.start, edit.end, edit.replacement);
  return out;
}

/**
 * Replaces text[start, end). A `\n` right after a lone `\r` (old Mac line ending) would fuse with it
 * into one CRLF and swallow a line break, at either end of the replacement: such a replacement
 * gets its own `\r` / `\n` so that every line break stays a line break.
 */
export function spliceText(text: string, start: number, end: number, replacement: string): string {
  let middle = replacement;
  if (start > 0 && text.charCodeAt(start - 1) === 13 && middle.startsWith('\n')) middle = `\r${middle}`;
  if (middle.endsWith('\r') && text.charCodeAt(end) === 10) middle = `${middle}\n`;
  return text.slice(0, start) + middle + text.slice(end);
}

/** The line ending of the section's heading line (stable across edits), else the file's. */
export function sectionEol(index: PlanIndex, section: IndexedSection): string {
  const ending = index.text.slice(index.lines.line(index.lines.lineOf(section.bodyStart - 1)).contentEnd, section.bodyStart);
  if (ending === '\r\n' || ending === '\n' || ending === '\r') return ending;
  return detectEol(index.text);
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

/**
 * Normalizes user-supplied markdown into lines (joined later with the file's line ending), without
 * leading/trailing blank lines, and with a code fence it leaves open closed: an open fence would
 * turn the rest of the file into code.
 */
export function bodyLines(body: string | readonly string[]): string[] {
  const raw = typeof body === 'string' ? splitLines(body) : body.flatMap((l) => splitLines(l));
  let first = 0;
  let last = raw.length;
  while (first < last && isBlank(raw[first] ?? '')) first++;
  while (last > first && isBlank(raw[last - 1] ?? '')) last--;
  const lines = raw.slice(first, last);
  if (lines.some((l) => /^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+)*(?:`{3,}|~{3,})/.test(l))) {
    const joined = lines.join('\n');
    const closer = unclosedFenceCloser({ tree: parseMarkdown(joined), lines: new LineTable(joined) });
    if (closer !== null) lines.push(closer);
  }
  return lines;
}

const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * Replaces the body of `section` (keeping its heading and tail) with `body`. Trailing `---` lines of
 * `body` are dropped: they would read as the section's separator, which the tail already keeps.
 */
export function replaceSectionBody(index: PlanIndex, section: IndexedSection, body: string): string {
  const { text } = index;
  const eol = sectionEol(index, section);
  const lines = bodyLines(body);
  while (lines.length > 0 && (THEMATIC_BREAK.test(lines[lines.length - 1] ?? '') || isBlank(lines[lines.length - 1] ?? ''))) {
    lines.pop();
  }
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
  return spliceText(text, section.bodyStart, tailStart, replacement);
}

function startsWithBlankLine(text: string): boolean {
  const firstLine = splitLines(text)[0] ?? '';
  return isBlank(firstLine);
}

/** Inserts `lines` after the last content of `section` (before its trailing blank lines and `---`). */
export function appendLinesToSection(index: PlanIndex, section: IndexedSection, newLines: readonly string[]): string {
  const { text } = index;
  if (newLines.length === 0) return text;
  const eol = sectionEol(index, section);
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
  return spliceText(text, tailStart, tailStart, insertion);
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

/**
 * Appends a new `#… heading` section at the end of the file (after a blank line). A file that ends
 * inside an unclosed code fence gets the fence closed first, or the section would be code.
 */
export function appendSection(index: PlanIndex, depth: number, heading: string, body: readonly string[]): string {
  const { text } = index;
  const eol = detectEol(text);
  const closer = unclosedFenceCloser(index);
  let separator = '';
  if (text.length > 0) {
    if (!endsWithEol(text)) separator = eol;
    if (closer !== null) separator += closer + eol;
    if (separator !== '' || !endsWithBlankLine(text)) separator += eol;
  }
  let section = `${'#'.repeat(Math.min(Math.max(depth, 1), 6))} ${heading}${eol}`;
  if (body.length > 0) section += eol + body.join(eol) + eol;
  if (text.length > 0 && !endsWithEol(text)) section = section.slice(0, -eol.length);
  return spliceText(text, text.length, text.length, separator + section);
}

/** The closing fence for a root-level fenced code block left open at the end of the text, else null. */
function unclosedFenceCloser(index: Pick<PlanIndex, 'tree' | 'lines'>): string | null {
  const last = index.tree.children[index.tree.children.length - 1];
  if (!last || last.type !== 'code' || !last.position) return null;
  const first = index.lines.content(last.position.start.line);
  const opener = /^ {0,3}(`{3,}|~{3,})/.exec(first);
  if (!opener) return null; // indented code
  const fence = opener[1] as string;
  const endLine = last.position.end.line;
  if (endLine > last.position.start.line) {
    const closing = index.lines.content(endLine).trim();
    if (closing.length >= fence.length && closing === (fence[0] as string).repeat(closing.length)) return null;
  }
  return fence;
}

function endsWithBlankLine(text: string): boolean {
  const lines = splitLines(text);
  // A text ending with a line ending splits into [..., lastLine, '']: look at the line before.
  return lines.length < 2 || isBlank(lines[lines.length - 2] ?? '');
}
