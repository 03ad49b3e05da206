import type { List, RootContent } from 'mdast';
import type { DispatchTable, MergeOrderDeclaration } from '../../../shared/domain/plan';
import type { PlanIndex } from './planIndex';
import { nodeText, startLine } from './markdown';
import { mapColumns } from './tableColumns';

/**
 * Reading the merge order a person declared, in the notations people write (§8 "Define merge order
 * in the dispatch table … First-merged session's branch becomes the base"):
 *
 *   Merge order: S-C, S-A, S-B            **Merge order:** 1A → 1B → 1C        > Merge order: CIA-12 -> CIA-10
 *   Merge order (batch 2): 1) 2B 2) 2A     ### Merge order  +  1. S-B  2. S-A   | … | Merge order | → 1, 2, 3
 *   "Merge S-B first, then S-A."           "S-A merges after S-B."
 *
 * Only notation lives here; which session a token names is `planSessions.ts`'s job.
 */

const ORDER_LABEL = /^(?:the\s+)?(?:merge[ -]?order|merge[ -]?sequence|order\s+of\s+merges?)\b\s*(?:\(([^)]*)\)|\s(?:for|of|in)\s[^:：=]{1,40})?\s*[:：=—–]\s*(.*)$/i;
const ORDER_HEADING = /\b(?:merge[ -]?order|merge[ -]?sequence|order\s+of\s+merges?)\b/i;
const PROSE = /\bmerge[sd]?\b/i;

/** Markdown inline decoration off, link text kept: `**[CIA-12](u)**` → `CIA-12`. */
export function plainInline(line: string): string {
  return line
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<!--.*?-->/g, '')
    .replace(/[*_`~]+/g, '')
    .replace(/^\s*(?:>\s*)+/, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '')
    .trim();
}

/** `S-C, S-A → S-B`, `1) 2B 2) 2A`, `1A then 1B and 1C` → tokens as written. */
export function splitOrderTokens(value: string): string[] {
  const text = value
    .replace(/\s*\.\s*$/, '')
    // Inline numbering `1) S-B 2) S-A` / `1. S-B, 2. S-A` / `#1 S-B`: a number before each token.
    .replace(/(?:^|\s|,)#?\d{1,2}[.)](?=\s)/g, ' , ');
  return text
    .split(/\s*(?:,|;|→|⟶|➜|➔|=>|->|-->|>>|»|>|\|)\s*|\s+(?:then|and then|and|followed by|before)\s+/i)
    .map((t) => t.replace(/\b(?:first|last|finally|next|lastly)\b/gi, '').replace(/^[\s.:(]+|[\s.:)]+$/g, '').trim())
    .filter((t) => t !== '' && t.length <= 80);
}

interface Skip {
  from: number;
  to: number;
}

/** Lines that are code or table: never declarations. */
function skippedLines(index: PlanIndex): Skip[] {
  const out: Skip[] = [];
  const visit = (nodes: readonly RootContent[]): void => {
    for (const node of nodes) {
      if ((node.type === 'code' || node.type === 'table' || node.type === 'html') && node.position) {
        out.push({ from: node.position.start.line, to: node.position.end.line });
      } else if ('children' in node && Array.isArray(node.children)) {
        visit(node.children as RootContent[]);
      }
    }
  };
  visit(index.tree.children);
  return out;
}

function listItemsText(list: List): { texts: string[]; line: number } {
  const texts = list.children.map((item) =>
    item.children
      .filter((c) => c.type !== 'list')
      .map((c) => nodeText(c))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  return { texts, line: startLine(list) };
}

/** The first list that starts right after `line` (blank lines allowed), if any. */
function listAfter(index: PlanIndex, line: number): List | null {
  let found: List | null = null;
  const visit = (nodes: readonly RootContent[]): void => {
    for (const node of nodes) {
      if (found) return;
      if (node.type === 'list' && startLine(node) > line && startLine(node) <= line + 2) found = node;
      else if ('children' in node && Array.isArray(node.children) && node.type !== 'list') visit(node.children as RootContent[]);
    }
  };
  visit(index.tree.children);
  return found;
}

/** The token a list item names: `S-B — merges first` → `S-B`; `\`claude/x\` (1A)` → `claude/x`. */
function itemToken(text: string): string {
  const cut = text.split(/\s+(?:—|–|-|:)\s+|:\s/)[0] ?? text;
  return splitOrderTokens(cut)[0] ?? cut.trim();
}

/** `**Exec mode:** pair | **Launch as:** Plan mode` lines (not in tables or code), with their heading. */
export function readLaunchLines(index: PlanIndex): { line: number; heading: string; exec: string | null; launchAs: string }[] {
  const skip = skippedLines(index);
  const out: { line: number; heading: string; exec: string | null; launchAs: string }[] = [];
  for (let line = 1; line <= index.lines.count; line++) {
    if (skip.some((s) => line >= s.from && line <= s.to)) continue;
    const plain = plainInline(index.lines.content(line));
    const launch = /\blaunch as\s*:\s*([A-Za-z][A-Za-z -]*?)\s*(?:\||$)/i.exec(plain);
    if (!launch?.[1]) continue;
    const exec = /\b(?:exec(?:ution)? mode|exec)\s*:\s*([^|]+?)\s*(?:\||$)/i.exec(plain)?.[1] ?? null;
    const heading = [...index.sections].reverse().find((s) => s.line < line)?.heading ?? '';
    out.push({ line, heading, exec, launchAs: launch[1].trim() });
  }
  return out;
}

/** Pure: every merge-order declaration of the plan, in document order. */
export function readMergeOrderDeclarations(index: PlanIndex, tables: readonly DispatchTable[]): MergeOrderDeclaration[] {
  const skip = skippedLines(index);
  const skipped = (line: number) => skip.some((s) => line >= s.from && line <= s.to);
  const headingLines = new Set(index.sections.map((s) => s.line));
  const out: MergeOrderDeclaration[] = [];
  const listLinesUsed = new Set<number>();

  // Lists under a "Merge order" heading; without a list, its sentences say the order ("S-C first, then S-A").
  const orderParagraphs: Skip[] = [];
  for (const section of index.sections) {
    if (!ORDER_HEADING.test(section.heading)) continue;
    const list = listAfter(index, section.line);
    if (!list) {
      const next = index.sections.find((s) => s.line > section.line)?.line ?? index.lines.count + 1;
      orderParagraphs.push({ from: section.line + 1, to: next - 1 });
      continue;
    }
    const { texts, line } = listItemsText(list);
    const tokens = texts.map(itemToken).filter((t) => t !== '');
    if (tokens.length === 0) continue;
    listLinesUsed.add(line);
    out.push({ source: 'list', line, text: tokens.join(' → '), tokens, reversed: false });
  }

  for (let line = 1; line <= index.lines.count; line++) {
    if (skipped(line) || headingLines.has(line)) continue;
    const raw = index.lines.content(line);
    const plain = plainInline(raw);
    if (plain === '') continue;
    const labelled = ORDER_LABEL.exec(plain);
    if (labelled) {
      const value = (labelled[2] ?? '').trim();
      if (value === '') {
        // `Merge order:` on its own line, the order as a list below it.
        const list = listAfter(index, line);
        if (list && !listLinesUsed.has(startLine(list))) {
          const { texts, line: listLine } = listItemsText(list);
          const tokens = texts.map(itemToken).filter((t) => t !== '');
          listLinesUsed.add(listLine);
          if (tokens.length > 0) out.push({ source: 'list', line, text: tokens.join(' → '), tokens, reversed: false });
        }
        continue;
      }
      const tokens = splitOrderTokens(value);
      if (tokens.length > 0) out.push({ source: 'line', line, text: plain, tokens, reversed: false });
      continue;
    }
    if ((PROSE.test(plain) || orderParagraphs.some((s) => line >= s.from && line <= s.to)) && !/^\s*\|/.test(raw)) {
      const reversed = /\bafter\b/i.test(plain) && !/\bfirst\b/i.test(plain);
      out.push({ source: 'prose', line, text: plain, tokens: [], reversed });
    }
  }

  // `### Merge order` over a small table of its own (`| # | Session |`): its rows, in order, or by its order column.
  for (const table of index.tables) {
    if (!table.sectionPath.some((i) => ORDER_HEADING.test(index.sections[i]?.heading ?? ''))) continue;
    if (tables.some((t) => t.line === table.line)) continue;
    const columns = mapColumns(table.columns);
    const at = columns.index.session ?? columns.index.sessionName ?? columns.index.branch ?? columns.index.phase;
    if (at === undefined) continue;
    const rank = columns.index.mergeOrder ?? table.columns.findIndex((c) => /^\s*(?:#|no\.?|step|rank)\s*$/i.test(c));
    const rows = table.rows
      .map((r, i) => ({ token: plainInline(r.cells[at]?.text ?? ''), n: rank >= 0 ? Number.parseFloat(r.cells[rank]?.text ?? '') : Number.NaN, i }))
      .filter((r) => r.token !== '')
      .sort((a, b) => (Number.isNaN(a.n) || Number.isNaN(b.n) ? a.i - b.i : a.n - b.n));
    const tokens = rows.map((r) => r.token);
    if (tokens.length > 0) out.push({ source: 'list', line: table.line, text: tokens.join(' → '), tokens, reversed: false });
  }

  for (const table of tables) {
    const ranked = table.rows.filter((r) => r.mergeOrder !== null).sort((a, b) => (a.mergeOrder ?? 0) - (b.mergeOrder ?? 0));
    if (ranked.length === 0) continue;
    const tokens = ranked.map((r) => r.session || r.issue?.id || '').filter((t) => t !== '');
    out.push({ source: 'column', line: table.line, text: tokens.join(' → '), tokens, reversed: false });
  }
  return out.sort((a, b) => a.line - b.line);
}
