import { useState } from 'react';
import type { SessionRecord } from '../../../../shared/domain/session';
import { callAndToast } from '../../components/callAndToast';
import { useAppStore } from '../../store/appStore';

/**
 * §8 "If a parallel session fails or is abandoned, update its status in the session registry to
 * Failed with a brief reason. The next batch should not depend on failed session outputs without
 * human review." Both are written into the plan's Session Registry, where the Dispatch view's gate
 * reads them.
 */
export function FailedSessionForm({ record }: { record: SessionRecord }) {
  // What the plan's Session Registry says of this session's phase (the record the gate reads).
  const planPhaseStatus = useAppStore((s) => (record.planPath ? (s.state?.plans[record.planPath]?.phases.find((p) => p.phase === record.phase)?.status ?? null) : null));
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const planPath = record.planPath;
  if (!planPath || record.worktree?.isMain) return null;
  // The plan finds the session by its issue (one identity); its phase or name when it has none.
  const key = record.issueId ?? record.phase ?? record.name;
  const planStatus = planPhaseStatus ?? '';
  if (/^\s*failed\b.*\breviewed\b/i.test(planStatus) && !/\b(?:not|un)[\s-]*reviewed\b/i.test(planStatus)) return null;
  const reviewing = record.status === 'failed' || /^\s*failed\b/i.test(planStatus);
  const submit = async () => {
    if (reason.trim() === '') return;
    setBusy(true);
    const done = await callAndToast('plans.markSessionFailed', { planPath, session: key, reason: reason.trim(), ...(reviewing ? { reviewed: true } : {}) }, reviewing ? 'Review recorded in the plan' : 'Marked Failed in the plan');
    setBusy(false);
    if (done) {
      setOpen(false);
      setReason('');
    }
  };
  return (
    <div className="sessions-failed" data-testid="failed-session">
      {open ? (
        <form
          className="sessions-failed-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <input
            aria-label={reviewing ? 'What the review of its output found' : 'Why the session failed'}
            data-testid="failed-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={reviewing ? 'What the review found (later batches may then use its output)' : 'Brief reason (kept in the Session Registry)'}
            autoFocus
          />
          <button type="submit" className="btn small danger" data-testid="failed-submit" disabled={busy || reason.trim() === ''}>
            {reviewing ? 'Record review' : 'Mark Failed'}
          </button>
          <button type="button" className="btn small" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="btn small" data-testid="failed-open" onClick={() => setOpen(true)} title="Written into the plan's Session Registry; the next batch waits for a human review">
          {reviewing ? 'Record review of its output…' : 'Mark Failed…'}
        </button>
      )}
    </div>
  );
}
