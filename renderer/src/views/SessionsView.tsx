import { useMemo } from 'react';
import { useAppStore } from '../store/appStore';
import { EmptyWorkspace } from './EmptyWorkspace';
import { ViewHeader } from './ViewHeader';

export function SessionsView() {
  const worktrees = useAppStore((s) => s.state?.worktrees);
  const ready = useAppStore((s) => s.state?.meta.ready ?? false);
  const rows = useMemo(() => Object.values(worktrees ?? {}).sort((a, b) => a.path.localeCompare(b.path)), [worktrees]);
  if (ready && rows.length === 0) return <EmptyWorkspace />;
  return (
    <>
      <ViewHeader title="Sessions" sub={`${rows.length} worktree${rows.length === 1 ? '' : 's'}`} />
      <div className="view-body">
        <table className="grid" data-testid="worktree-list">
          <thead>
            <tr>
              <th>Worktree</th>
              <th>Branch</th>
              <th>Repository</th>
              <th>Found in</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((wt) => (
              <tr key={wt.id} data-testid="worktree-row">
                <td title={wt.path}>{wt.path.split(/[\\/]/).pop()}</td>
                <td className="mono">{wt.branch ?? '(detached)'}</td>
                <td className="dim" title={wt.repoRoot ?? ''}>
                  {wt.repoRoot?.split(/[\\/]/).pop() ?? '—'}
                </td>
                <td className="faint">{wt.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
