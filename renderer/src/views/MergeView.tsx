import { useMemo } from 'react';
import { useAppStore } from '../store/appStore';
import { QueuePanel } from './merge/QueuePanel';
import { ViewHeader } from './ViewHeader';

/** The Merge view: one queue per master plan and base branch, in the plan's declared merge order. */
export function MergeView() {
  const merge = useAppStore((s) => s.state?.merge);
  const queues = useMemo(() => Object.values(merge ?? {}).sort((a, b) => a.planTitle.localeCompare(b.planTitle) || a.base.localeCompare(b.base)), [merge]);
  return (
    <>
      <ViewHeader title="Merge" sub={queues.length > 0 ? `${queues.length} queue${queues.length === 1 ? '' : 's'}` : undefined} />
      <div className="view-body merge-body">
        {queues.length === 0 ? (
          <div className="empty">
            <h2>No merge queue yet</h2>
            <p>
              A queue appears for each master plan whose Session Registry or dispatch table names worktree branches. Its order comes from the plan's
              "Merge order" line. Open the demo workspace to see one.
            </p>
          </div>
        ) : (
          queues.map((q) => <QueuePanel key={q.id} view={q} />)
        )}
      </div>
    </>
  );
}
