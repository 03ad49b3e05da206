import type { SessionRecord } from '../../../../shared/domain/session';
import { columnByKey, type ColumnKey } from './sessionColumns';

export type SortDirection = 'asc' | 'desc';

export interface SortState {
  key: ColumnKey;
  direction: SortDirection;
}

export const DEFAULT_SORT: SortState = { key: 'status', direction: 'asc' };

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/**
 * A new array sorted by one column. Empty values go last in both directions (a missing cost is not
 * "cheapest"), and ties fall back to the name then the id so the order never jumps between renders. Pure.
 */
export function sortSessions(records: readonly SessionRecord[], sort: SortState): SessionRecord[] {
  const column = columnByKey(sort.key);
  const sign = sort.direction === 'asc' ? 1 : -1;
  const keyed = records.map((record) => ({ record, value: column.sortValue(record) }));
  keyed.sort((a, b) => {
    if (a.value === null && b.value !== null) return 1;
    if (b.value === null && a.value !== null) return -1;
    const byValue = a.value !== null && b.value !== null ? sign * compareValues(a.value, b.value) : 0;
    return byValue || a.record.name.localeCompare(b.record.name) || a.record.id.localeCompare(b.record.id);
  });
  return keyed.map((k) => k.record);
}

/** Clicking a header: a new column starts ascending, the same column flips. */
export function nextSort(current: SortState, key: ColumnKey): SortState {
  if (current.key !== key) return { key, direction: 'asc' };
  return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
}
