import { useCallback, useMemo, useRef, useState } from 'react';
import { useAppStore } from '../store/appStore';
import { EmptyWorkspace } from './EmptyWorkspace';
import { filterSessions, NO_FILTERS, type SessionFilters } from './sessions/filterSessions';
import { SessionDetail } from './sessions/SessionDetail';
import { SessionFiltersBar } from './sessions/SessionFilters';
import { RepositoryLines } from './sessions/RepositoryLines';
import { splitRepositories } from './sessions/repositoryRows';
import type { ColumnKey } from './sessions/sessionColumns';
import { SessionTable } from './sessions/SessionTable';
import { DEFAULT_SORT, nextSort, sortSessions, type SortState } from './sessions/sortSessions';
import { useSessionKeys } from './sessions/useSessionKeys';
import { useSessionsFeedback } from './sessions/useSessionsFeedback';
import { ViewHeader } from './ViewHeader';

/** Every session, live: sortable, filterable, keyboard-driven, with a detail panel on the right. */
export function SessionsView() {
  const sessions = useAppStore((s) => s.state?.sessions);
  const ready = useAppStore((s) => s.state?.meta.ready ?? false);
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const [filters, setFilters] = useState<SessionFilters>(NO_FILTERS);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [detailOpen, setDetailOpen] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);

  const records = useMemo(() => Object.values(sessions ?? {}), [sessions]);
  // A main checkout is its repository's line above the table, not a session row.
  const { repositories, sessions: all } = useMemo(() => splitRepositories(records), [records]);
  const repoLines = useMemo(() => (filters.repo === '' ? repositories : repositories.filter((r) => r.worktree?.repoRoot === filters.repo)), [repositories, filters.repo]);
  const rows = useMemo(() => sortSessions(filterSessions(all, filters), sort), [all, filters, sort]);
  const selected = selectedId ? (sessions?.[selectedId] ?? null) : null;
  const feedback = useSessionsFeedback(all);

  // Stable, so memoised rows do not re-render when the view does.
  const onSelect = useCallback((id: string) => {
    setSelectedId(id);
    setDetailOpen(true);
  }, []);
  const onSort = useCallback((key: ColumnKey) => setSort((s) => nextSort(s, key)), []);

  useSessionKeys({
    move: (delta) => {
      if (rows.length === 0) return;
      const at = rows.findIndex((r) => r.id === selectedId);
      const next = at === -1 ? (delta === 1 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + delta));
      setSelectedId(rows[next]?.id ?? null);
    },
    open: () => {
      if (selected) setDetailOpen(true);
    },
    close: () => setDetailOpen(false),
  });

  if (ready && records.length === 0) return <EmptyWorkspace />;
  const shown = rows.length === all.length ? `${all.length} session${all.length === 1 ? '' : 's'}` : `${rows.length} of ${all.length} sessions`;
  return (
    <>
      <ViewHeader title="Sessions" sub={shown} actions={<SessionFiltersBar records={all} filters={filters} onChange={setFilters} />} />
      <div className={`sessions-layout${detailOpen && selected ? ' with-detail' : ''}`}>
        <div className="view-body sessions-list" ref={listRef}>
          <RepositoryLines repositories={repoLines} selectedId={selectedId} onSelect={onSelect} />
          <SessionTable compact={detailOpen && !!selected} rows={rows} selectedId={selectedId} sort={sort} scrollRef={listRef} onSort={onSort} onSelect={onSelect} feedback={feedback} />
          {rows.length === 0 ? (
            <p className="sessions-filtered-out faint" data-testid="sessions-filtered-out">
              {all.length === 0 ? 'No session in these repositories yet.' : 'No session matches these filters.'}
            </p>
          ) : null}
        </div>
        {detailOpen && selected ? <SessionDetail key={selected.id} record={selected} feedback={feedback[selected.id]} onClose={() => setDetailOpen(false)} /> : null}
      </div>
    </>
  );
}
