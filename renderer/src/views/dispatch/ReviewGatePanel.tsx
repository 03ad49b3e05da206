import { useState } from 'react';
import type { BatchReview, ReviewGateState, ReviewTiming } from '../../../../shared/domain/reviewGates';
import { callAndToast } from '../../components/callAndToast';

const SHORT: Record<ReviewTiming, string> = { 'pre-dispatch': 'pre-dispatch', 'in-session': 'in-session (Option D)', 'post-session': 'post-session (PR)' };

/** The gates on one batch, in its header: pre-dispatch red while it holds the batch. */
export function BatchReviewChips({ review }: { review: BatchReview | undefined }) {
  if (!review || review.timings.length === 0) return null;
  return (
    <span className="review-chips" data-testid="batch-review" title={review.message}>
      <span className="faint">Review:</span>
      {review.timings.map((t) => (
        <span key={t} className={`pill review-chip ${t === 'pre-dispatch' ? (review.blocked ? 'bad' : 'ok') : ''}`}>
          {SHORT[t]}
          {t === 'pre-dispatch' ? (review.blocked ? ' — waiting for Gate 2' : ' — passed') : ''}
        </span>
      ))}
    </span>
  );
}

/**
 * §3 "Pre-dispatch: Run /review on the master spec. All sessions block until review passes Gate 2."
 * The plan-wide gate, what the plan says about it, and the two ways forward: record the pass, or
 * waive it with a written reason. Both are one line in the plan file.
 */
export function ReviewGatePanel({ planPath, review }: { planPath: string; review: ReviewGateState | null }) {
  const [mode, setMode] = useState<'passed' | 'waived' | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  if (!review) return null;
  const timings = [...new Set(review.batches.flatMap((b) => b.timings))];
  if (timings.length === 0) return null;
  const pre = review.preDispatch;
  const submit = async () => {
    if (!mode || (mode === 'waived' && note.trim() === '')) return;
    setBusy(true);
    const done = await callAndToast('plans.recordReview', { planPath, timing: 'pre-dispatch', outcome: mode, note: note.trim() }, mode === 'passed' ? 'Pre-dispatch review recorded as passed' : 'Pre-dispatch review waived');
    setBusy(false);
    if (done) {
      setMode(null);
      setNote('');
    }
  };
  return (
    <section className={`banner review-gate ${pre.blocking ? 'blocking' : ''}`} data-testid="review-gate" aria-label="Review gates">
      <div>
        <strong>Review gates (§3):</strong> {timings.map((t) => SHORT[t]).join(' · ')}
        {pre.required ? (
          pre.blocking ? (
            <span className="review-state bad" data-testid="review-gate-state">
              {' '}
              — every batch waits until the pre-dispatch review passes Gate 2{pre.record?.outcome === 'failed' ? ` (last review failed: ${pre.record.note || 'no note'})` : ''}.
            </span>
          ) : (
            <span className="review-state ok" data-testid="review-gate-state">
              {' '}
              — pre-dispatch {pre.record?.outcome === 'waived' ? 'waived' : 'passed'}
              {pre.record ? <span className="faint"> (line {pre.record.line}: {pre.record.note})</span> : null}
            </span>
          )
        ) : null}
      </div>
      {review.sources.length > 0 ? (
        <div className="faint review-sources">
          {review.sources.map((s) => (
            <div key={s.line}>
              line {s.line}: {s.text}
            </div>
          ))}
        </div>
      ) : null}
      {timings.includes('post-session') ? <div className="faint">Post-session: a session's branch merges once its review is recorded (Merge view); through GitHub, once its PR is approved or the review is recorded.</div> : null}
      {timings.includes('in-session') ? <div className="faint">In-session: checkpoint sessions run a subagent review at each checkpoint (Option D); shown here, not enforced.</div> : null}
      {pre.blocking ? (
        mode ? (
          <form
            className="review-form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <input
              aria-label={mode === 'passed' ? 'Review link or note' : 'Why the review may be waived'}
              data-testid="review-note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={mode === 'passed' ? 'Link to the review, or a note (optional)' : 'Why the batches may go without it (kept in the plan)'}
              autoFocus
            />
            <button type="submit" className="btn small primary" data-testid="review-submit" disabled={busy || (mode === 'waived' && note.trim() === '')}>
              {mode === 'passed' ? 'Record passed' : 'Waive'}
            </button>
            <button type="button" className="btn small" onClick={() => setMode(null)}>
              Cancel
            </button>
          </form>
        ) : (
          <div className="dispatch-buttons">
            <button type="button" className="btn small primary" data-testid="record-review" onClick={() => setMode('passed')}>
              Record review passed (Gate 2)…
            </button>
            <button type="button" className="btn small" data-testid="waive-review" onClick={() => setMode('waived')}>
              Override with a reason…
            </button>
          </div>
        )
      ) : null}
    </section>
  );
}
