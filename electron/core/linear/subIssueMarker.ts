import type { SubIssueRow } from '../../../shared/domain/linear';

/**
 * The stable marker that makes sub-issue creation idempotent (pure). It is the last line of the
 * description: `<!-- switchyard:row=<planHash>/<rowKey> -->`.
 */

const MARKER_RE = /<!--\s*switchyard:row=([^\s/]+)\/(\S+?)\s*-->/;

export function subIssueTitle(row: Pick<SubIssueRow, 'batch' | 'focus' | 'title'>): string {
  return row.title ?? `Batch ${row.batch}: ${row.focus}`;
}

export function rowMarker(planHash: string, rowKey: string): string {
  return `<!-- switchyard:row=${encodeURIComponent(planHash)}/${encodeURIComponent(rowKey)} -->`;
}

export function subIssueDescription(prompt: string, planHash: string, rowKey: string): string {
  return `${prompt.replace(/\s+$/, '')}\n\n${rowMarker(planHash, rowKey)}\n`;
}

export function parseRowMarker(description: string | null): { planHash: string; rowKey: string } | null {
  if (!description) return null;
  const m = MARKER_RE.exec(description);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  try {
    return { planHash: decodeURIComponent(m[1]), rowKey: decodeURIComponent(m[2]) };
  } catch {
    return null;
  }
}

export interface ExistingChild {
  id: string;
  identifier: string;
  title: string;
  description: string | null;
}

/**
 * The child already created for a row: by marker first; by exact title as a fallback in case Linear's
 * editor ever drops the HTML comment.
 */
export function findExistingChild(children: ExistingChild[], planHash: string, row: Pick<SubIssueRow, 'rowKey' | 'batch' | 'focus' | 'title'>): ExistingChild | null {
  const byMarker = children.find((c) => {
    const m = parseRowMarker(c.description);
    return m !== null && m.planHash === planHash && m.rowKey === row.rowKey;
  });
  if (byMarker) return byMarker;
  const title = subIssueTitle(row);
  return children.find((c) => c.title === title && parseRowMarker(c.description) === null) ?? null;
}
