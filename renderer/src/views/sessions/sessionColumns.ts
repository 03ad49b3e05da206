import type { SessionRecord } from '../../../../shared/domain/session';
import { totalTokens } from '../../format/tokens';
import { STATUS_RANK } from './statusWords';

export type ColumnKey =
  | 'name'
  | 'issue'
  | 'phase'
  | 'agent'
  | 'branch'
  | 'status'
  | 'activity'
  | 'progress'
  | 'aheadBehind'
  | 'changed'
  | 'tokens'
  | 'cost';

export interface ColumnDef {
  key: ColumnKey;
  label: string;
  /** Numbers sit right-aligned so digits line up. */
  numeric?: boolean;
  /** What the column sorts by; null sorts last whatever the direction. */
  sortValue(record: SessionRecord): string | number | null;
  /** Tooltip of the header: what the column means. */
  hint?: string;
  /** Hidden while the detail panel takes the right side (it shows these facts itself). */
  secondary?: boolean;
  /** Fixed width in px (the table lays out once, rows never shift); none = takes the rest. */
  width?: number;
}

function timeValue(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** The moment something last happened in the session: transcript line, commit, or status change. */
export function lastActivityAt(record: SessionRecord): string | null {
  const candidates = [record.claude?.lastActivityAt, record.git?.lastCommitAt].filter((v): v is string => !!v && timeValue(v) !== null);
  if (candidates.length === 0) return null;
  return candidates.reduce((a, b) => ((timeValue(a) ?? 0) >= (timeValue(b) ?? 0) ? a : b));
}

export const COLUMNS: readonly ColumnDef[] = [
  { key: 'name', label: 'Session', sortValue: (r) => r.name.toLowerCase() },
  { key: 'issue', width: 76, label: 'Issue', sortValue: (r) => r.issueId?.toLowerCase() ?? null },
  { key: 'phase', width: 44, secondary: true, label: 'Phase', sortValue: (r) => r.phase?.toLowerCase() ?? null },
  { key: 'agent', width: 100, secondary: true, label: 'Agent', sortValue: (r) => r.agent?.toLowerCase() ?? null },
  { key: 'branch', width: 140, secondary: true, label: 'Branch', sortValue: (r) => (r.git?.branch ?? r.worktree?.branch)?.toLowerCase() ?? null },
  { key: 'status', width: 150, label: 'Status', sortValue: (r) => STATUS_RANK[r.status] },
  { key: 'activity', width: 84, label: 'Activity', sortValue: (r) => timeValue(lastActivityAt(r)), hint: 'Last transcript line or commit' },
  { key: 'progress', width: 48, label: 'Tasks', numeric: true, sortValue: (r) => (r.progress && r.progress.total > 0 ? r.progress.done / r.progress.total : null), hint: 'Tasks done of the execution loop (.ccc-state.json)' },
  { key: 'aheadBehind', width: 62, label: '↑↓ base', numeric: true, sortValue: (r) => (r.git ? r.git.ahead * 10_000 - r.git.behind : null), hint: 'Commits ahead of / behind its base branch' },
  { key: 'changed', width: 44, label: 'Files', numeric: true, sortValue: (r) => r.git?.changedFiles ?? null, hint: 'Uncommitted changed files' },
  { key: 'tokens', width: 72, secondary: true, label: 'Tokens', numeric: true, sortValue: (r) => totalTokens(r.claude?.usage) },
  { key: 'cost', width: 124, label: 'Cost / est.', numeric: true, sortValue: (r) => r.claude?.costUsd ?? null, hint: 'Cost so far vs the dispatch estimate' },
];

export function columnByKey(key: ColumnKey): ColumnDef {
  const column = COLUMNS.find((c) => c.key === key);
  if (!column) throw new Error(`no column ${key}`);
  return column;
}
