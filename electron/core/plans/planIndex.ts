import type { Heading, Root, RootContent, Table, TableCell } from 'mdast';
import { LineTable } from './lines';
import { nodeText, parseMarkdown, startLine } from './markdown';
import { normalizeHeading } from './headingText';

/**
 * The source map of a plan file: sections (by heading) and tables down to each cell's byte span.
 * Internal to the plans module: the parser reads values from it, the writer edits through it.
 */

export interface IndexedSection {
  /** Heading text as rendered (no `#`). */
  heading: string;
  /** `normalizeHeading(heading)`. */
  key: string;
  depth: number;
  /** 1-based line of the heading's first line. */
  line: number;
  /** Offset of the start of the heading's first line. */
  headingStart: number;
  /** Offset just after the heading's last line (and its line ending). */
  bodyStart: number;
  /** Offset of the start of the line of the next heading of the same or a higher level, or text end. */
  bodyEnd: number;
  /** False when the heading is the last line and has no line ending. */
  headingHasEol: boolean;
  node: Heading;
}

/*
 * Section ends: a section runs to the next heading of the same or a higher level. A section that
 * would run to the end of the file stops instead at a document footer: a root-level thematic
 * break (`---`) after the last heading; what follows it belongs to no section.
 */

export interface IndexedCell {
  /** Span between the pipes (padding included, pipes excluded). */
  start: number;
  end: number;
  /** Span of the trimmed content. */
  contentStart: number;
  contentEnd: number;
  /** Rendered text (escapes resolved, markup dropped). */
  text: string;
  node: TableCell | null;
}

export interface IndexedRow {
  /** 1-based line. */
  line: number;
  /** Line start, end of content (before the line ending), end after the line ending. */
  start: number;
  contentEnd: number;
  end: number;
  cells: IndexedCell[];
  hasLeadingPipe: boolean;
  hasTrailingPipe: boolean;
}

export interface IndexedTable {
  node: Table;
  /** Index into `sections` of the nearest heading above, or -1. */
  sectionIndex: number;
  /** Indices of every section enclosing the table, outermost first. */
  sectionPath: number[];
  header: IndexedRow;
  delimiter: IndexedRow;
  rows: IndexedRow[];
  /** Header texts. */
  columns: string[];
  /** Root-level tables have exact cell spans; tables nested in lists/quotes are read-only. */
  editable: boolean;
  /** 1-based line of the header row. */
  line: number;
}

export interface PlanIndex {
  text: string;
  lines: LineTable;
  tree: Root;
  sections: IndexedSection[];
  tables: IndexedTable[];
  /** 1-based lines holding a root-level thematic break (`---`, `***`, `___`). */
  thematicBreakLines: ReadonlySet<number>;
  /** Offset of the document footer's `---` line, or the text length when there is none. */
  footerStart: number;
}

export function indexPlan(text: string): PlanIndex {
  const tree = parseMarkdown(text);
  const lines = new LineTable(text);
  const thematicBreakLines = new Set(
    tree.children.filter((n) => n.type === 'thematicBreak').map((n) => startLine(n)),
  );
  const footerStart = findFooterStart(tree, lines);
  const sections = indexSections(tree, lines, footerStart);
  const tables: IndexedTable[] = [];
  collectTables(tree.children, true, (table, rootLevel) => {
    const indexed = indexTable(table, rootLevel, lines, sections);
    if (indexed) tables.push(indexed);
  });
  return { text, lines, tree, sections, tables, thematicBreakLines, footerStart };
}

function findFooterStart(tree: Root, lines: LineTable): number {
  let lastHeading = -1;
  let lastBreak = -1;
  tree.children.forEach((node, i) => {
    if (node.type === 'heading') lastHeading = i;
    else if (node.type === 'thematicBreak') lastBreak = i;
  });
  if (lastHeading < 0 || lastBreak < lastHeading) return lines.text.length;
  const node = tree.children[lastBreak] as RootContent;
  return lines.line(startLine(node)).start;
}

function indexSections(tree: Root, lines: LineTable, footerStart: number): IndexedSection[] {
  const headings = tree.children.filter((n): n is Heading => n.type === 'heading');
  const sections: IndexedSection[] = headings.map((node) => {
    const first = lines.line(startLine(node));
    const lastLine = lines.line(node.position?.end.line ?? startLine(node));
    const heading = nodeText(node).trim();
    return {
      heading,
      key: normalizeHeading(heading),
      depth: node.depth,
      line: startLine(node),
      headingStart: first.start,
      bodyStart: lastLine.end,
      bodyEnd: Math.max(footerStart, lastLine.end),
      headingHasEol: lastLine.end > lastLine.contentEnd,
      node,
    };
  });
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i] as IndexedSection;
    for (let j = i + 1; j < sections.length; j++) {
      const next = sections[j] as IndexedSection;
      if (next.depth <= section.depth) {
        section.bodyEnd = next.headingStart;
        break;
      }
    }
  }
  return sections;
}

function collectTables(nodes: RootContent[], rootLevel: boolean, visit: (t: Table, rootLevel: boolean) => void): void {
  for (const node of nodes) {
    if (node.type === 'table') visit(node, rootLevel);
    else if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading') {
      collectTables(node.children as RootContent[], false, visit);
    }
  }
}

function indexTable(
  node: Table,
  rootLevel: boolean,
  lines: LineTable,
  sections: IndexedSection[],
): IndexedTable | null {
  const [headerNode, ...bodyNodes] = node.children;
  if (!headerNode) return null;
  const headerLine = startLine(headerNode);
  const tableStart = node.position?.start.offset ?? 0;
  const sectionPath: number[] = [];
  let sectionIndex = -1;
  sections.forEach((section, i) => {
    if (section.bodyStart <= tableStart && tableStart < section.bodyEnd) {
      sectionPath.push(i);
      sectionIndex = i;
    }
  });
  const makeRow = (line: number, cellNodes: TableCell[] | null): IndexedRow =>
    rootLevel ? splitRowLine(lines, line, cellNodes) : nodeRow(lines, line, cellNodes ?? []);
  const header = makeRow(headerLine, headerNode.children);
  const delimiter = makeRow(headerLine + 1, null);
  const rows = bodyNodes.map((row) => makeRow(startLine(row), row.children));
  return {
    node,
    sectionIndex,
    sectionPath,
    header,
    delimiter,
    rows,
    columns: header.cells.map((c) => c.text),
    // A table nested in a list or quote: spans would include the container's markers.
    editable: rootLevel,
    line: headerLine,
  };
}

/** Exact cell spans of a root-level table row: split on unescaped pipes (as GFM does, code spans included). */
function splitRowLine(lines: LineTable, line: number, cellNodes: TableCell[] | null): IndexedRow {
  const span = lines.line(line);
  const text = lines.text;
  let first = span.start;
  while (first < span.contentEnd && isSpace(text.charCodeAt(first))) first++;
  let last = span.contentEnd;
  while (last > first && isSpace(text.charCodeAt(last - 1))) last--;
  const pipes: number[] = [];
  for (let i = first; i < last; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 92 /* \ */) {
      const next = text.charCodeAt(i + 1);
      if (next === 92 || next === 124) i++;
    } else if (ch === 124 /* | */) {
      pipes.push(i);
    }
  }
  const hasLeadingPipe = pipes[0] === first;
  const hasTrailingPipe = pipes.length > (hasLeadingPipe ? 1 : 0) && pipes[pipes.length - 1] === last - 1;
  const inner = pipes.slice(hasLeadingPipe ? 1 : 0, hasTrailingPipe ? pipes.length - 1 : pipes.length);
  const boundaries = [hasLeadingPipe ? first + 1 : first, ...inner.flatMap((p) => [p, p + 1]), hasTrailingPipe ? last - 1 : last];
  const cells: IndexedCell[] = [];
  for (let i = 0; i + 1 < boundaries.length; i += 2) {
    const start = boundaries[i] as number;
    const end = boundaries[i + 1] as number;
    let contentStart = start;
    while (contentStart < end && isSpace(text.charCodeAt(contentStart))) contentStart++;
    let contentEnd = end;
    while (contentEnd > contentStart && isSpace(text.charCodeAt(contentEnd - 1))) contentEnd--;
    cells.push({ start, end, contentStart, contentEnd, text: '', node: null });
  }
  const matches = cellNodes !== null && cellNodes.length === cells.length;
  cells.forEach((cell, i) => {
    const cellNode = matches ? (cellNodes[i] ?? null) : null;
    cell.node = cellNode;
    cell.text = cellNode
      ? nodeText(cellNode).trim()
      : text.slice(cell.contentStart, cell.contentEnd).replace(/\\([\\|])/g, '$1');
  });
  return { line, start: span.start, contentEnd: span.contentEnd, end: span.end, cells, hasLeadingPipe, hasTrailingPipe };
}

/** Read-only row of a nested table: values from the tree, spans from the cell nodes. */
function nodeRow(lines: LineTable, line: number, cellNodes: TableCell[]): IndexedRow {
  const span = lines.line(line);
  const cells = cellNodes.map((cellNode) => {
    const start = cellNode.position?.start.offset ?? span.start;
    const end = cellNode.position?.end.offset ?? span.contentEnd;
    return { start, end, contentStart: start, contentEnd: end, text: nodeText(cellNode).trim(), node: cellNode };
  });
  return { line, start: span.start, contentEnd: span.contentEnd, end: span.end, cells, hasLeadingPipe: true, hasTrailingPipe: true };
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9;
}

/** Sections whose normalized heading satisfies `match`, in file order. */
export function findSections(index: PlanIndex, match: (key: string) => boolean): IndexedSection[] {
  return index.sections.filter((s) => match(s.key));
}
