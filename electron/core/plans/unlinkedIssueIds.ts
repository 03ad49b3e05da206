import type { Nodes, Root } from 'mdast';
import { LineTable } from './lines';
import { parseMarkdown } from './markdown';
import { ISSUE_ID_PATTERN } from './issueRefs';

/**
 * Plain issue ids (`CIA-546` outside a link): a format violation in plan files (formats.md §2.1).
 * Finds them with their exact spans via the markdown tree (text nodes only: links, code, HTML and
 * URLs are never touched) and can turn them into links without changing any other byte.
 */

export interface UnlinkedIssueId {
  id: string;
  /** Span to replace; includes surrounding brackets for a bare `[CIA-546]`. */
  start: number;
  end: number;
  /** 1-based. */
  line: number;
  column: number;
}

export interface UnlinkedIssueIdOptions {
  /** Only these team keys count (e.g. `['CIA']`). Default: any key except common non-issue acronyms. */
  teamKeys?: readonly string[];
}

/** Acronym-number tokens that are not Linear issues (`UTF-8`, `SHA-256`, `ISO-8601`, …). */
const NOT_TEAM_KEYS = new Set([
  'UTF', 'SHA', 'ISO', 'RFC', 'CVE', 'GPT', 'ES', 'ECMA', 'HTTP', 'TLS', 'SSL', 'MD', 'AES', 'RSA', 'PEP',
  'WCAG', 'IPV', 'IEEE', 'ANSI', 'UCS', 'CP', 'WIN', 'GH', 'PR', 'MP', 'H', 'X', 'Q', 'V', 'P', 'S', 'T', 'R',
  'COVID', 'MMR', 'API', 'CSS', 'HTML', 'OS', 'IE', 'NODE', 'BASE', 'ED', 'ISBN', 'DOI', 'CWE', 'OWASP',
]);

const ID = new RegExp(ISSUE_ID_PATTERN, 'g');

export function findUnlinkedIssueIds(text: string, options: UnlinkedIssueIdOptions = {}): UnlinkedIssueId[] {
  return findUnlinkedIssueIdsInTree(parseMarkdown(text), text, new LineTable(text), options);
}

export function findUnlinkedIssueIdsInTree(
  tree: Root,
  text: string,
  lines: LineTable,
  options: UnlinkedIssueIdOptions = {},
): UnlinkedIssueId[] {
  const keys = options.teamKeys ? new Set(options.teamKeys.map((k) => k.toUpperCase())) : null;
  const found: UnlinkedIssueId[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'link' || node.type === 'linkReference' || node.type === 'image') return;
    if (node.type === 'text') {
      const from = node.position?.start.offset;
      const to = node.position?.end.offset;
      if (from === undefined || to === undefined) return;
      scan(text, from, to, keys, lines, found);
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return found;
}

function scan(
  text: string,
  from: number,
  to: number,
  keys: ReadonlySet<string> | null,
  lines: LineTable,
  out: UnlinkedIssueId[],
): void {
  const slice = text.slice(from, to);
  for (const match of slice.matchAll(ID)) {
    const id = match[0];
    const start = from + (match.index ?? 0);
    const end = start + id.length;
    const key = id.slice(0, id.indexOf('-'));
    if (keys ? !keys.has(key) : NOT_TEAM_KEYS.has(key)) continue;
    const before = start > 0 ? text.charAt(start - 1) : '';
    const after = text.charAt(end);
    const afterNext = text.charAt(end + 1);
    // Part of a word, a path, a file name or a slug (`docs/CIA-546-slug.md`, `x.CIA-1`): not a reference.
    if (/[A-Za-z0-9_\-/\\.#@$]/.test(before)) continue;
    if (/[A-Za-z0-9_/\\]/.test(after)) continue;
    if ((after === '-' || after === '.') && /[A-Za-z0-9_]/.test(afterNext)) continue;
    let spanStart = start;
    let spanEnd = end;
    // A bare `[CIA-546]` (no definition): replace the brackets too, so the fix is `[CIA-546](url)`.
    if (before === '[' && after === ']' && afterNext !== '(' && afterNext !== '[') {
      spanStart--;
      spanEnd++;
    }
    const line = lines.lineOf(spanStart);
    out.push({ id, start: spanStart, end: spanEnd, line, column: spanStart - lines.line(line).start + 1 });
  }
}

/** `https://linear.app/claudian` (or `…/claudian/`, `…/claudian/issue`) + `CIA-1` → `…/claudian/issue/CIA-1`. */
export function issueUrl(workspaceUrlBase: string, id: string): string {
  const base = workspaceUrlBase.trim().replace(/\/+$/, '');
  return /\/issue$/i.test(base) ? `${base}/${id}` : `${base}/issue/${id}`;
}

/** Turns every plain issue id into `[ID](base/issue/ID)`; all other bytes stay as they were. */
export function linkUnlinkedIssueIds(
  text: string,
  workspaceUrlBase: string,
  options: UnlinkedIssueIdOptions = {},
): { text: string; linked: UnlinkedIssueId[] } {
  const found = findUnlinkedIssueIds(text, options);
  let out = '';
  let cursor = 0;
  for (const hit of found) {
    out += text.slice(cursor, hit.start) + `[${hit.id}](${issueUrl(workspaceUrlBase, hit.id)})`;
    cursor = hit.end;
  }
  out += text.slice(cursor);
  return { text: out, linked: found };
}
