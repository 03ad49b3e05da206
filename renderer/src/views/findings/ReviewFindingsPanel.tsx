import { useState } from 'react';
import type { LinearIssueSnapshot } from '../../../../shared/domain/linear';
import type { ReviewFindings } from '../../../../shared/domain/reviewFindings';
import { FindingsTable } from './FindingsTable';
import { useReviewFindings } from './useReviewFindings';
import './reviewFindings.css';

export interface ReviewedIssue {
  identifier: string;
  title: string | null;
}

/**
 * Review findings (§9) for a plan's issues: pick the reviewed issue (the master plan issue or one of
 * its sub-issues), see each findings table posted in its comments, decide every finding, dispatch
 * the agreed ones. Lives in the Dispatch view: the RDR sits on the plan's Linear issues, and its
 * sub-issues and @mentions are dispatch.
 */
export function ReviewFindingsPanel({ master, subIssues }: { master: ReviewedIssue; subIssues: readonly LinearIssueSnapshot[] }) {
  const issues: ReviewedIssue[] = [master, ...subIssues.map((c) => ({ identifier: c.identifier, title: c.title }))];
  // Nothing is read from Linear until the person asks: comments are not polled.
  const [picked, setPicked] = useState<string | null>(null);
  const issueId = picked ?? master.identifier;
  const { load, reload, replace } = useReviewFindings(picked);
  return (
    <section className="dispatch-research findings-panel" data-testid="review-findings" aria-label="Review findings">
      <header className="dispatch-batch-head">
        <h2>Review findings</h2>
        <select aria-label="Reviewed issue" value={issueId} onChange={(e) => setPicked(e.target.value)}>
          {issues.map((i) => (
            <option key={i.identifier} value={i.identifier}>
              {i.identifier}
              {i.title ? ` — ${i.title}` : ''}
            </option>
          ))}
        </select>
        <button type="button" className="btn small" onClick={() => (picked === null ? setPicked(issueId) : reload())} disabled={load.status === 'loading'} data-testid="findings-read">
          {load.status === 'loading' ? 'Reading…' : picked === null ? 'Read findings' : 'Reload'}
        </button>
        <span className="dim">§9: decide each finding; agreed trivial/small ones go to an agent by @mention, medium+ to a Claude Code session.</span>
      </header>
      {load.status === 'failed' ? (
        <p className="findings-problem" role="alert">
          {load.message}
        </p>
      ) : null}
      {load.status === 'ready' ? <Tables findings={load.value} onChange={replace} /> : null}
    </section>
  );
}

function Tables({ findings, onChange }: { findings: ReviewFindings; onChange(value: ReviewFindings): void }) {
  if (!findings.tables.length) {
    return <p className="faint">No review findings table in the comments of {findings.identifier}. An RDR is a comment with a table of findings (Finding, Severity or Effort, Decision…).</p>;
  }
  return (
    <>
      {findings.tables.map((t) => (
        <FindingsTable key={t.key} findings={findings} table={t} onChange={onChange} />
      ))}
    </>
  );
}
