import type { PullEntry } from '../../../../shared/contract/githubRequests';
import type { MergeQueueView, MergeRowView } from '../../../../shared/domain/mergeView';
import { PullCell } from './PullCell';
import { VERDICT_WORDS, verdictDetail } from './verdictWords';

export interface RowActions {
  outOfOrder(branch: string): void;
  rebase(branch: string): void;
  remove(branch: string): void;
  /** Opens the diff review of the branch against the queue's base. */
  review(branch: string): void;
  openPull(branch: string): void;
  /** §3 post-session: record that the session's review passed. */
  recordReview?(branch: string): void;
  markReady(branch: string): void;
}

function FilesCell({ row }: { row: MergeRowView }) {
  if (row.changedFiles.length === 0) return <span className="faint">—</span>;
  return (
    <span title={row.changedFiles.join('\n')}>
      {row.changedFiles.length} file{row.changedFiles.length === 1 ? '' : 's'}
    </span>
  );
}

/** The queue in merge order: one row per branch with its session, numbers, verdict and the actions that apply. */
/** `pulls`: each branch's pull request when the repository is on GitHub (the column is left out otherwise). */
export function QueueTable({ view, busy, actions, pulls }: { view: MergeQueueView; busy: boolean; actions: RowActions; pulls?: Record<string, PullEntry> | null }) {
  return (
    <table className="merge-queue" aria-label={`Merge queue into ${view.base}`}>
      <thead>
        <tr>
          <th>#</th>
          <th>Branch</th>
          <th>Session</th>
          <th title="commits ahead of / behind the base">↑ ↓</th>
          <th>Changed</th>
          <th>Verdict</th>
          {pulls ? <th>Pull request</th> : null}
          <th aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {view.rows.map((row, i) => (
          <tr key={row.branch} data-testid="merge-row" data-branch={row.branch} data-verdict={row.verdict.kind} className={row.branch === view.next ? 'merge-next-row' : undefined}>
            <td className="faint">{i + 1}</td>
            <td>
              <div className="merge-branch">{row.branch}</div>
              <div className="faint merge-sub">
                {[row.label && row.label !== row.phase ? row.label : null, row.phase ? `Phase ${row.phase}` : null, row.issueId].filter(Boolean).join(' · ')}
                {row.declared || !view.rows.some((r) => r.declared) ? null : <span title="The plan's merge order does not name this session: it follows batch and plan order"> · order not declared</span>}
              </div>
              {row.recordedBranch ? (
                <div className="merge-sub merge-order-warn" title="The plan records one branch; the live session works on another. The queue merges the live one.">
                  plan records <code>{row.recordedBranch}</code>
                </div>
              ) : null}
            </td>
            <td>
              <div>{row.sessionName ?? <span className="faint">no session</span>}</div>
              <div className="faint merge-sub">{row.sessionStatus ?? row.mergeStatus}</div>
            </td>
            <td className="merge-num">
              ↑{row.ahead} ↓{row.behind}
            </td>
            <td>
              <FilesCell row={row} />
            </td>
            <td title={row.verdict.reason}>
              <span className={`merge-verdict merge-v-${row.heldBy ? 'blocked' : row.verdict.kind}`} data-testid="merge-verdict">
                {row.heldBy ? 'Held' : VERDICT_WORDS[row.verdict.kind]}
              </span>
              {verdictDetail(row, view.holds) ? <div className="merge-sub merge-detail">{verdictDetail(row, view.holds)}</div> : null}
              {row.postSessionReview ? (
                <div className={`merge-sub ${row.postSessionReview.passed ? 'merge-review-ok' : 'merge-review-wait'}`} data-testid="post-session-review" title={row.postSessionReview.record ?? 'The plan asks for a post-session review (§3 Options A-C) before this branch merges'}>
                  {row.postSessionReview.passed ? 'post-session review recorded' : 'waits for its post-session review'}
                </div>
              ) : null}
            </td>
            {pulls ? (
              <td>
                <PullCell entry={pulls[row.branch]} busy={busy} onOpen={() => actions.openPull(row.branch)} onMarkReady={() => actions.markReady(row.branch)} />
              </td>
            ) : null}
            <td>
              <div className="merge-actions">
              <button type="button" className="btn small" data-testid="merge-review" title={`What merging ${row.branch} would bring into ${view.base}, file by file, and its predicted conflicts`} onClick={() => actions.review(row.branch)}>
                Review diff
              </button>
              {row.postSessionReview && !row.postSessionReview.passed && actions.recordReview ? (
                <button type="button" className="btn small" data-testid="record-post-review" disabled={busy} onClick={() => actions.recordReview?.(row.branch)}>
                  Record review passed…
                </button>
              ) : null}
              {row.verdict.overridable && row.branch !== view.next ? (
                <button type="button" className="btn small" disabled={busy} onClick={() => actions.outOfOrder(row.branch)}>
                  Merge out of order…
                </button>
              ) : null}
              {row.rebase.offered ? (
                <button type="button" className="btn small" disabled={busy || !row.rebase.allowed} title={row.rebase.reason} onClick={() => actions.rebase(row.branch)}>
                  Rebase onto new base
                </button>
              ) : null}
              {row.removeOffered ? (
                <button type="button" className="btn small" disabled={busy} title="Removes the worktree and deletes the branch (refused if anything there is uncommitted or unmerged)" onClick={() => actions.remove(row.branch)}>
                  Remove worktree…
                </button>
              ) : null}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
