import { useEffect } from 'react';
import type { SessionRecord } from '../../../../shared/domain/session';
import { COLUMNS, type ColumnKey } from './sessionColumns';
import { SessionRow } from './SessionRow';
import type { SortState } from './sortSessions';

export interface SessionTableProps {
  /** The detail panel is open: secondary columns step aside. */
  compact: boolean;
  rows: readonly SessionRecord[];
  selectedId: string | null;
  sort: SortState;
  onSort(key: ColumnKey): void;
  onSelect(id: string): void;
}

export function SessionTable({ compact, rows, selectedId, sort, onSort, onSelect }: SessionTableProps) {
  // Keyboard moves must keep the selected row on screen.
  useEffect(() => {
    if (!selectedId) return;
    const row = document.querySelector(`tr[data-session-id="${CSS.escape(selectedId)}"]`);
    row?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <table className="grid sessions-table" data-testid="session-list" aria-label="Sessions" aria-rowcount={rows.length}>
      <colgroup>
        {COLUMNS.filter((c) => !(compact && c.secondary)).map((c) => (
          <col key={c.key} style={c.width ? { width: c.width } : undefined} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {COLUMNS.map((column) => {
            const active = sort.key === column.key;
            return (
              <th
                key={column.key}
                className={`sortable${column.numeric ? ' num' : ''}${column.secondary ? ' sessions-secondary' : ''}`}
                aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                title={column.hint}
                scope="col"
              >
                <button type="button" className="sessions-sort" onClick={() => onSort(column.key)}>
                  {column.label}
                  <span className="sessions-sort-arrow" aria-hidden="true">
                    {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {rows.map((record) => (
          <SessionRow key={record.id} record={record} selected={record.id === selectedId} onSelect={onSelect} />
        ))}
      </tbody>
    </table>
  );
}
