import type { PullEntry } from '../../../../shared/contract/githubRequests';
import './pullCell.css';

const REVIEW_WORDS = { approved: 'approved', 'changes-requested': 'changes requested', 'review-required': 'review required', none: 'no review' } as const;

/** One entry's pull request: state, review, each check by name, mergeability — or the button that opens it. */
export function PullCell({ entry, busy, onOpen, onMarkReady }: { entry: PullEntry | undefined; busy: boolean; onOpen(): void; onMarkReady(): void }) {
  if (!entry) return <span className="faint">…</span>;
  if (entry.problem) return <span className="faint" title={entry.problem}>GitHub unavailable</span>;
  const pr = entry.pull;
  if (!pr || pr.state === 'closed') {
    return (
      <button type="button" className="btn small" data-testid="open-pull" disabled={busy} onClick={onOpen}>
        Push and open PR
      </button>
    );
  }
  return (
    <div className="merge-pull" data-testid="pull-state" data-state={pr.state}>
      <div>
        <a href={pr.url} target="_blank" rel="noreferrer">
          #{pr.number}
        </a>{' '}
        <span className={`merge-pull-state merge-pull-${pr.state}`}>{pr.state}</span>
        {pr.state !== 'merged' ? <span className="faint"> · {REVIEW_WORDS[pr.reviewDecision]}</span> : null}
        {pr.mergeableState === 'behind' ? <span className="faint"> · behind base</span> : null}
        {pr.mergeable === false ? <span className="merge-pull-fail"> · conflicting</span> : null}
      </div>
      {pr.checks.length > 0 ? (
        <ul className="merge-pull-checks">
          {pr.checks.map((c) => (
            <li key={c.name} data-testid="pull-check" data-check={c.state} className={`merge-pull-${c.state}`}>
              {c.state === 'pass' ? '✓' : c.state === 'fail' ? '✗' : '…'} {c.name}
            </li>
          ))}
        </ul>
      ) : null}
      {pr.requestedChanges.map((r) => (
        <div key={r.author} className="merge-sub merge-pull-fail" data-testid="pull-requested-changes" title={r.body}>
          {r.author}: {r.body || 'changes requested'}
        </div>
      ))}
      {pr.state !== 'merged' && entry.mergeBlocker ? (
        <div className="merge-sub faint" data-testid="pull-blocker">
          {entry.mergeBlocker}
        </div>
      ) : null}
      {entry.readyToMark ? (
        <button type="button" className="btn small primary" data-testid="mark-ready" disabled={busy} title="The session is Done: take the pull request out of draft so its reviewers are asked" onClick={onMarkReady}>
          Mark ready for review
        </button>
      ) : null}
    </div>
  );
}
