import { useEffect, useMemo, useRef, type RefObject } from 'react';
import type { SessionRecord } from '../../../../shared/domain/session';
import { rowOffsets } from './rowWindow';
import { COLUMNS, type ColumnKey } from './sessionColumns';
import { SessionRow, sessionRowHeight } from './SessionRow';
import type { SortState } from './sortSessions';
import { useRowWindow } from './useRowWindow';
import type { SessionPullFeedback } from './useSessionsFeedback';

export interface SessionTableProps {
  /** The detail panel is open: secondary columns step aside. */
  compact: boolean;
  rows: readonly SessionRecord[];
  selectedId: string | null;
  sort: SortState;
  /** The element that scrolls the table; long lists render only the rows in its view. */
  scrollRef: RefObject<HTMLElement | null>;
  onSort(key: ColumnKey): void;
  onSelect(id: string): void;
  /** Each session's own PR feedback (GitHub), by session id. */
  feedback?: Record<string, SessionPullFeedback>;
}

function Spacer({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true" className="sessions-spacer" style={{ height }}>
      <td colSpan={columns} />
    </tr>
  );
}

export function SessionTable({ compact, rows, selectedId, sort, scrollRef, onSort, onSelect, feedback }: SessionTableProps) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const columns = COLUMNS.filter((c) => !(compact && c.secondary));
  const offsets = useMemo(() => rowOffsets(rows.map((r) => sessionRowHeight(r, feedback?.[r.id]))), [rows, feedback]);
  const { window: shown, reveal } = useRowWindow(scrollRef, bodyRef, offsets);
  const start = shown?.start ?? 0;
  const end = shown?.end ?? rows.length;

  // Keyboard moves must keep the selected row on screen, rendered or not. Only a new selection
  // scrolls: a re-sort under a patch must not yank the view.
  const selectedIndex = selectedId ? rows.findIndex((r) => r.id === selectedId) : -1;
  const indexRef = useRef(selectedIndex);
  indexRef.current = selectedIndex;
  useEffect(() => {
    if (indexRef.current >= 0) reveal(indexRef.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new selection scrolls
  }, [selectedId]);

  return (
    <table className="grid sessions-table" data-testid="session-list" aria-label="Sessions" aria-rowcount={rows.length + 1}>
      <colgroup>
        {columns.map((c) => (
          <col key={c.key} style={c.width ? { width: c.width } : undefined} />
        ))}
      </colgroup>
      <thead>
        <tr aria-rowindex={1}>
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
      <tbody ref={bodyRef}>
        <Spacer height={shown?.padTop ?? 0} columns={columns.length} />
        {rows.slice(start, end).map((record, i) => (
          <SessionRow key={record.id} record={record} index={start + i} selected={record.id === selectedId} onSelect={onSelect} feedback={feedback?.[record.id]} />
        ))}
        <Spacer height={shown?.padBottom ?? 0} columns={columns.length} />
      </tbody>
    </table>
  );
}
