import { useState } from 'react';
import type { MovedPrompts, PlanSummary } from '../../../../shared/domain/planState';
import { callAndToast } from '../../components/callAndToast';
import { useAppStore } from '../../store/appStore';
import { pushToast } from '../sessions/pushToast';

/**
 * §8.5 "all new dispatch prompts must be Linear sub-issues": the one-click move of a deprecated local
 * dispatch file's prompts into sub-issues under the master plan issue. The file stays as it is.
 */
export function MoveDispatchPrompts({ plan }: { plan: PlanSummary }) {
  const plans = useAppStore((s) => s.state?.plans);
  const [busy, setBusy] = useState(false);
  const [master, setMaster] = useState('');
  const [moved, setMoved] = useState<MovedPrompts | null>(null);
  // Master issues the other plans name: where the prompts can go when the file names none.
  const masters = [...new Set(Object.values(plans ?? {}).map((p) => p.masterIssue?.id).filter((id): id is string => !!id))].sort();
  const move = async () => {
    setBusy(true);
    try {
      const result = await callAndToast('plans.moveDispatchPrompts', { path: plan.path, ...(master ? { masterIssueId: master } : {}) });
      if (!result) return;
      setMoved(result);
      const failed = result.prompts.filter((p) => p.status === 'failed');
      const ready = result.prompts.length - failed.length;
      if (failed.length > 0) pushToast('error', `${failed.length} of ${result.prompts.length} prompts not moved`, failed[0]?.error ?? undefined);
      else pushToast('success', `${ready} prompt(s) are sub-issues of ${result.masterIssueId}`, `${plan.fileName} is kept as it was, for history.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="plans-move" data-testid="move-dispatch-prompts">
      {plan.masterIssue ? null : (
        <select aria-label="Master issue for the sub-issues" value={master} onChange={(e) => setMaster(e.target.value)} disabled={busy}>
          <option value="">Master issue: as the file says</option>
          {masters.map((id) => (
            <option key={id} value={id}>
              under {id}
            </option>
          ))}
        </select>
      )}
      <button type="button" className="btn small" data-testid="move-prompts" disabled={busy} title="One Linear sub-issue per prompt under the master plan issue; a second click creates nothing new; the file is not changed" onClick={() => void move()}>
        {busy ? 'Moving…' : 'Move prompts into sub-issues'}
      </button>
      {moved ? (
        <ul className="plans-moved" data-testid="moved-prompts">
          {moved.prompts.map((p) => (
            <li key={p.key} data-status={p.status}>
              <span className="mono">{p.identifier ?? p.key}</span> {p.title} <span className="dim">{p.status === 'exists' ? 'already in Linear' : p.status}</span>
              {p.error ? <span className="sub-issue-error">{p.error}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
