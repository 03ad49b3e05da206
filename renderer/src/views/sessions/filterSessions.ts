import type { SessionRecord, SessionStatus } from '../../../../shared/domain/session';
import { STATUS_RANK } from './statusWords';

/** '' means "any"; NONE picks records without a value (sessions of no plan). */
export interface SessionFilters {
  plan: string;
  status: SessionStatus | '';
  repo: string;
}

export const NONE = '\u0000none';
export const NO_FILTERS: SessionFilters = { plan: '', status: '', repo: '' };

export function planOf(record: SessionRecord): string {
  return record.planPath ?? NONE;
}

export function repoOf(record: SessionRecord): string {
  return record.worktree?.repoRoot ?? NONE;
}

/** The records that pass every set filter, in their given order. Pure. */
export function filterSessions(records: readonly SessionRecord[], filters: SessionFilters): SessionRecord[] {
  return records.filter(
    (r) =>
      (filters.plan === '' || planOf(r) === filters.plan) &&
      (filters.status === '' || r.status === filters.status) &&
      (filters.repo === '' || repoOf(r) === filters.repo),
  );
}

export interface FilterOption {
  value: string;
  label: string;
  count: number;
}

function lastSegment(path: string): string {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

function options(records: readonly SessionRecord[], valueOf: (r: SessionRecord) => string, label: (v: string) => string): FilterOption[] {
  const counts = new Map<string, number>();
  for (const r of records) counts.set(valueOf(r), (counts.get(valueOf(r)) ?? 0) + 1);
  return [...counts.entries()]
    .map(([value, count]) => ({ value, label: label(value), count }))
    .sort((a, b) => Number(a.value === NONE) - Number(b.value === NONE) || a.label.localeCompare(b.label));
}

/** The choices each filter offers: only values some record has, with how many have it. Pure. */
export function filterOptions(records: readonly SessionRecord[]): { plans: FilterOption[]; statuses: FilterOption[]; repos: FilterOption[] } {
  return {
    plans: options(records, planOf, (v) => (v === NONE ? 'No plan' : lastSegment(v).replace(/\.md$/i, ''))),
    statuses: options(records, (r) => r.status, (v) => v).sort((a, b) => STATUS_RANK[a.value as SessionStatus] - STATUS_RANK[b.value as SessionStatus]),
    repos: options(records, repoOf, (v) => (v === NONE ? 'No repo' : lastSegment(v))),
  };
}
