/** Line bookkeeping over a source string; line endings are `\n`, `\r\n` or a lone `\r` (as in CommonMark). */

export interface LineSpan {
  /** Offset of the first character of the line. */
  start: number;
  /** Offset just before the line ending (== `end` on a last line without one). */
  contentEnd: number;
  /** Offset just after the line ending. */
  end: number;
}

export class LineTable {
  readonly spans: readonly LineSpan[];

  constructor(readonly text: string) {
    const spans: LineSpan[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) {
        spans.push({ start, contentEnd: i, end: i + 1 });
        start = i + 1;
      } else if (ch === 13 /* \r */) {
        const crlf = text.charCodeAt(i + 1) === 10;
        spans.push({ start, contentEnd: i, end: crlf ? i + 2 : i + 1 });
        if (crlf) i++;
        start = i + 1;
      }
    }
    spans.push({ start, contentEnd: text.length, end: text.length });
    this.spans = spans;
  }

  /** Number of lines (a text ending with a line ending has an empty last line). */
  get count(): number {
    return this.spans.length;
  }

  /** The span of a 1-based line; clamps out-of-range lines. */
  line(line: number): LineSpan {
    const index = Math.min(Math.max(line, 1), this.spans.length) - 1;
    return this.spans[index] as LineSpan;
  }

  content(line: number): string {
    const span = this.line(line);
    return this.text.slice(span.start, span.contentEnd);
  }

  /** 1-based line containing `offset`. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.spans.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.spans[mid] as LineSpan).start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

/** The file's dominant line ending (CRLF when most breaks are CRLF), `\n` for a single-line text. */
export function detectEol(text: string): '\r\n' | '\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
      else lf++;
    }
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** True when the text ends with a line ending (or is empty). */
export function endsWithEol(text: string): boolean {
  return text.length === 0 || text.endsWith('\n') || text.endsWith('\r');
}

/** Splits user-supplied text into lines, whatever its line endings. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

export function isBlank(line: string): boolean {
  return line.trim().length === 0;
}
