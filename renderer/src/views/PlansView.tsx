import { useMemo } from 'react';
import { useAppStore } from '../store/appStore';
import { PlanRow } from './plans/PlanRow';
import { ViewHeader } from './ViewHeader';

/** Every plan file found: master issue, phases, progress, and naming/format violations with safe fixes. */
export function PlansView() {
  const plans = useAppStore((s) => s.state?.plans);
  const list = useMemo(
    () => Object.values(plans ?? {}).sort((a, b) => Number(b.naming.violation) - Number(a.naming.violation) || b.mtimeMs - a.mtimeMs),
    [plans],
  );
  const flagged = list.filter((p) => p.naming.violation || p.unlinkedIds.length > 0 || p.readError).length;
  return (
    <>
      <ViewHeader title="Plans" sub={`${list.length} plan file${list.length === 1 ? '' : 's'}${flagged ? ` · ${flagged} with problems` : ''}`} />
      <div className="view-body">
        {list.length === 0 ? (
          <div className="empty">
            <h2>No plan files yet</h2>
            <p>Switchyard reads master plans from the Claude home's plans/ folder, each repo's docs/plans, .claude/plans and plans/ folders, and the folders you add in Settings.</p>
          </div>
        ) : (
          <table className="grid plans-table">
            <thead>
              <tr>
                <th>Plan file</th>
                <th>Master issue</th>
                <th>Phases</th>
                <th>Progress</th>
                <th>Problems and fixes</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <PlanRow key={p.path} plan={p} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
