import { useMemo } from 'react';
import { useAppStore } from '../store/appStore';
import { EmptyWorkspace } from './EmptyWorkspace';
import { ViewHeader } from './ViewHeader';

export function SessionsView() {
  const sessions = useAppStore((s) => s.state?.sessions);
  const ready = useAppStore((s) => s.state?.meta.ready ?? false);
  const rows = useMemo(() => Object.values(sessions ?? {}).sort((a, b) => a.name.localeCompare(b.name)), [sessions]);
  if (ready && rows.length === 0) return <EmptyWorkspace />;
  return (
    <>
      <ViewHeader title="Sessions" sub={`${rows.length} session${rows.length === 1 ? '' : 's'}`} />
      <div className="view-body">
        <table className="grid" data-testid="session-list">
          <thead>
            <tr>
              <th>Session</th>
              <th>Branch</th>
              <th>Status</th>
              <th>Worktree</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((session) => (
              <tr key={session.id} data-testid="session-row">
                <td>{session.name}</td>
                <td className="mono">{session.git?.branch ?? '(detached)'}</td>
                <td title={session.statusReason}>
                  <span className={`status ${session.status}`}>{session.status}</span>
                </td>
                <td className="faint" title={session.worktree?.path ?? ''}>
                  {session.worktree?.path.split(/[\\/]/).pop() ?? '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
