import { useState, type ReactNode } from 'react';
import type { Batch, DispatchRowDraft, Violation } from '../../../../shared/domain/dispatch';
import type { BatchState, DispatchRowEdit } from '../../../../shared/domain/planState';
import { LaunchPanel } from '../launch/LaunchPanel';
import { DispatchTable } from './DispatchTable';
import { MergeOrderList } from './MergeOrderList';
import { ViolationList } from './ViolationList';
import { BatchReviewChips } from './ReviewGatePanel';
import type { BatchReview } from '../../../../shared/domain/reviewGates';

/** One batch: its table, the rules it breaks, its merge order, and Approve / Reject. */
export function BatchLane(props: {
  planPath?: string;
  batch: Batch;
  state: BatchState;
  rows: readonly DispatchRowDraft[];
  violations: readonly Violation[];
  busy: boolean;
  onEdit(session: string, patch: DispatchRowEdit): void;
  onMerge(order: string[]): void;
  mergeRecord: { declared: readonly string[]; sources: readonly { line: number; text: string }[]; unmatched: readonly { token: string; line: number }[] };
  mergeEdited: boolean;
  onApprove(overrideReason: string | null): void;
  onReject(reason: string): void;
  /** §3 gates on this batch. */
  review?: BatchReview | undefined;
  /** What closes this batch's gate besides an override (the follow-up offer on a synthesis batch). */
  gateActions?: ReactNode;
}) {
  const [override, setOverride] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const open = props.state.state === 'draft' || props.state.state === 'rejected';
  const errors = props.violations.filter((v) => v.severity === 'error');
  const blocked = errors.length > 0 && override.trim() === '';
  return (
    <section className={`dispatch-batch ${props.state.state}`} data-testid="batch" data-batch={props.batch.index} aria-label={`Batch ${props.batch.index}`}>
      <header className="dispatch-batch-head">
        <h2>Batch {props.batch.index}</h2>
        <span className={`pill dispatch-state ${props.state.state}`}>{props.state.state}</span>
        <span className="dim">
          {props.rows.length} session{props.rows.length === 1 ? '' : 's'} · {props.batch.kind}
          {props.batch.kind === 'research' ? ' (cap 5)' : ' (cap 3)'}
        </span>
        <BatchReviewChips review={props.review} />
        {errors.length > 0 ? <span className="dispatch-count error">{errors.length} rule{errors.length === 1 ? '' : 's'} broken</span> : null}
        {props.violations.length - errors.length > 0 ? <span className="dispatch-count warning">{props.violations.length - errors.length} warning(s)</span> : null}
        {props.state.note ? <span className="faint dispatch-note" title={props.state.note}>{props.state.note}</span> : null}
      </header>
      <div className="dispatch-batch-body">
        <div className="dispatch-batch-main">
          <DispatchTable rows={props.rows} violations={props.violations} editable={open && !props.busy} onEdit={props.onEdit} />
          <ViolationList violations={props.violations} />
          {open ? props.gateActions : null}
        </div>
        <aside className="dispatch-side">
          <h3>Merge order</h3>
          <MergeOrderList batch={props.batch.index} rows={props.rows} record={props.mergeRecord} edited={props.mergeEdited} disabled={!open || props.busy} onChange={props.onMerge} />
          {open ? (
            <div className="dispatch-approve">
              {errors.length > 0 ? (
                <label className="dispatch-override">
                  <span>Override reason (kept in the plan file)</span>
                  <textarea data-testid="override-reason" value={override} onChange={(e) => setOverride(e.target.value)} placeholder="Why this batch may go despite the broken rules" rows={2} />
                </label>
              ) : null}
              <div className="dispatch-buttons">
                <button
                  type="button"
                  className="btn primary"
                  data-testid="approve-batch"
                  disabled={blocked || props.busy}
                  title={blocked ? 'Blocked while a rule is broken: fix it or write an override reason' : 'Write the table, registry rows and approval into the plan file'}
                  onClick={() => props.onApprove(override.trim() === '' ? null : override.trim())}
                >
                  {errors.length > 0 && !blocked ? 'Approve with override' : `Approve batch ${props.batch.index}`}
                </button>
                <button type="button" className="btn" data-testid="reject-batch" disabled={props.busy} onClick={() => setRejecting((r) => !r)}>
                  Reject…
                </button>
              </div>
              {rejecting ? (
                <form
                  className="dispatch-reject"
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (reason.trim() === '') return;
                    props.onReject(reason.trim());
                    setRejecting(false);
                    setReason('');
                  }}
                >
                  <input aria-label="Reason for rejecting" data-testid="reject-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Why not (recorded in the plan)" />
                  <button type="submit" className="btn danger small" disabled={reason.trim() === ''}>
                    Reject batch
                  </button>
                </form>
              ) : null}
            </div>
          ) : (
            <p className="faint dispatch-closed">{props.state.state === 'approved' ? 'Approved: the table above is the dispatch record.' : 'Dispatched: its sessions are in the Session Registry.'}</p>
          )}
          {props.planPath ? <LaunchPanel planPath={props.planPath} batch={props.batch.index} rows={props.rows} state={props.state} /> : null}
        </aside>
      </div>
    </section>
  );
}
