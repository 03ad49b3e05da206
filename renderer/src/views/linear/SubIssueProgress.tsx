import { useState } from 'react';
import type { SubIssueCreationStatus } from '../../../../shared/domain/linear';
import { callAndToast } from '../../components/callAndToast';
import { useAppStore } from '../../store/appStore';
import { linearUrlFor, onLinearLinkClick } from './openLinear';

export interface SubIssueProgressProps {
  /** The plan whose approved rows are being created (the `planPath` given to `linear.createSubIssues`). */
  planPath: string;
  /** Row order (and filter); default: every row of the plan, sorted by row key. */
  rowKeys?: string[];
  /** Optional label per row key, e.g. `Batch 2A: Merge console`. */
  titles?: Record<string, string>;
}

const WORDS: Record<SubIssueCreationStatus, string> = {
  pending: 'Waiting',
  creating: 'Creating…',
  created: 'Created',
  exists: 'Already in Linear',
  failed: 'Failed',
};

const TONE: Record<SubIssueCreationStatus, string> = { pending: '', creating: 'warn', created: 'ok', exists: 'ok', failed: 'bad' };

/**
 * Per-row progress of creating Linear sub-issues after a dispatch approval (live from
 * `linearCreations`): status in words, the new issue's link, the failure reason, and "Retry failed".
 */
export function SubIssueProgress({ planPath, rowKeys, titles }: SubIssueProgressProps) {
  const creations = useAppStore((s) => s.state?.linearCreations);
  const [retrying, setRetrying] = useState(false);
  const all = Object.values(creations ?? {}).filter((c) => c.planPath === planPath);
  const rows = rowKeys
    ? rowKeys.map((k) => all.find((c) => c.rowKey === k)).filter((c): c is (typeof all)[number] => c !== undefined)
    : all.sort((a, b) => a.rowKey.localeCompare(b.rowKey, undefined, { numeric: true }));
  if (!rows.length) return null;
  const done = rows.filter((r) => r.status === 'created' || r.status === 'exists').length;
  const failed = rows.filter((r) => r.status === 'failed').length;
  const retry = async () => {
    setRetrying(true);
    await callAndToast('linear.retryFailed', { planPath });
    setRetrying(false);
  };
  return (
    <div className="sub-issue-progress" data-testid="sub-issue-progress">
      <div className="sub-issue-progress-head">
        <span>
          Linear sub-issues: {done} of {rows.length} ready{failed ? `, ${failed} failed` : ''}
        </span>
        {failed ? (
          <button type="button" className="btn small" disabled={retrying} onClick={() => void retry()} data-testid="sub-issue-retry">
            {retrying ? 'Retrying…' : 'Retry failed'}
          </button>
        ) : null}
      </div>
      <ul>
        {rows.map((r) => (
          <li key={r.rowKey} data-testid="sub-issue-row" data-status={r.status}>
            <span className="mono">{r.rowKey}</span>
            <span className="grow">{titles?.[r.rowKey] ?? ''}</span>
            {r.identifier ? (
              <a className="mono" href={linearUrlFor(r.identifier)} target="_blank" rel="noreferrer" onClick={(e) => onLinearLinkClick(e, linearUrlFor(r.identifier ?? ''))}>
                {r.identifier}
              </a>
            ) : null}
            {r.assignee !== undefined ? (
              <span className="sub-issue-assignee" data-testid="sub-issue-assignee" title={r.assignee?.delegated ? 'Delegated to this agent (a Linear app user)' : r.assignee ? 'Assigned to this person' : 'Left for a person to pick up'}>
                {r.assignee ? `${r.assignee.delegated ? 'Delegated to' : 'Assigned to'} ${r.assignee.name}` : 'Unassigned'}
              </span>
            ) : null}
            <span className={`pill ${TONE[r.status]}`}>{WORDS[r.status]}</span>
            {r.error ? <span className="sub-issue-error">{r.error}</span> : null}
            {r.assigneeWarning ? (
              <span className="sub-issue-error" data-testid="sub-issue-assignee-warning" role="status">
                {r.assigneeWarning}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
