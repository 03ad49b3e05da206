import type { SessionDetails } from '../../../../shared/contract/sessionsRequests';
import type { SessionRecord } from '../../../../shared/domain/session';
import { useState } from 'react';
import { describeUsage } from '../../format/tokens';
import { LaunchTerminal } from '../launch/LaunchTerminal';
import { FailedSessionForm } from './FailedSessionForm';
import { DiffReview } from '../review/DiffReview';
import { DetailActions } from './DetailActions';
import { DetailSection } from './DetailSection';
import { PullFeedback } from './PullFeedback';
import type { SessionPullFeedback } from './useSessionsFeedback';
import { isRepositoryRow } from './repositoryRows';
import { openIssue } from './sessionActions';
import { STATUS_WORDS } from './statusWords';
import { TimeAgo } from './TimeAgo';
import { useSessionDetails } from './useSessionDetails';
import { COUNTING_HINT, usageLine } from './usageText';

/** What makes the details worth reading again: a commit, a changed file, a new transcript line. */
function freshnessOf(record: SessionRecord): string {
  return [record.git?.head, record.git?.changedFiles, record.git?.uncommittedFiles.join('|'), record.claude?.lastActivityAt, record.planPath].join('\n');
}

function FileList(props: { files: readonly string[]; testId: string }) {
  if (props.files.length === 0) return <p className="faint sessions-none">None</p>;
  return (
    <ul className="sessions-files mono" data-testid={props.testId}>
      {props.files.map((f) => (
        <li key={f} title={f}>
          {f}
        </li>
      ))}
    </ul>
  );
}

function Facts({ record, details }: { record: SessionRecord; details: SessionDetails | null }) {
  const git = record.git;
  return (
    <dl className="kv sessions-kv">
      <dt>Issue</dt>
      <dd>
        {record.issueId ? (
          <a href={`#issue-${record.issueId}`} onClick={(e) => {
              e.preventDefault();
              openIssue(record.issueId ?? '');
            }}>
            {record.issueId}
          </a>
        ) : (
          <span className="faint">not matched to an issue</span>
        )}
        {record.phase ? ` · phase ${record.phase}` : ''}
        {record.agent ? ` · ${record.agent}` : ''}
      </dd>
      <dt>Plan</dt>
      <dd data-testid="detail-plan" title={details?.plan?.path ?? record.planPath ?? ''}>
        {details?.plan ? details.plan.title : record.planPath ? record.planPath.split(/[\\/]/).pop() : <span className="faint">none</span>}
      </dd>
      <dt>Branch</dt>
      <dd>
        {git?.branch ?? record.worktree?.branch ?? <span className="faint">detached</span>}
        {git?.baseRef ? (
          <span className="faint">
            {' '}
            ↑{git.ahead} ↓{git.behind} vs {git.baseRef}
          </span>
        ) : null}
      </dd>
      <dt>Resume</dt>
      <dd className="mono" data-testid="resume-command">
        {details ? (details.resumeCommand ?? <span className="faint">no Claude session found</span>) : <span className="faint">…</span>}
      </dd>
      <dt>Worktree</dt>
      <dd>{record.worktree?.path ?? <span className="faint">none</span>}</dd>
      <dt>Tasks</dt>
      <dd>{record.progress ? `${record.progress.done} of ${record.progress.total} done` : <span className="faint">no .ccc-state.json</span>}</dd>
      <dt>Cost</dt>
      <dd data-testid="detail-cost" title={record.claude?.usageCounting ? `${COUNTING_HINT}\n${describeUsage(record.claude.usage)}` : describeUsage(record.claude?.usage)}>
        {usageLine(record.claude)}
      </dd>
      <dt>Last activity</dt>
      <dd>
        <TimeAgo iso={record.claude?.lastActivityAt ?? git?.lastCommitAt} />
      </dd>
    </dl>
  );
}

/** The right-hand panel for one session: why it is in its state, what it did, and what to do next. */
export function SessionDetail(props: { record: SessionRecord; onClose(): void; feedback?: SessionPullFeedback | undefined }) {
  const { record, onClose } = props;
  const { details, loading, error } = useSessionDetails(record.id, freshnessOf(record));
  const lastText = details?.lastAssistantText ?? record.claude?.lastAssistantText ?? null;
  const [reviewing, setReviewing] = useState(false);
  const reviewable = Boolean(record.worktree?.path && record.git?.baseRef);
  return (
    <aside className="sessions-detail" data-testid="session-detail" aria-label={`Session ${record.name}`}>
      <header className="sessions-detail-head">
        <div className="sessions-detail-title">
          <h2>{record.name}</h2>
          <button type="button" className="btn small" onClick={onClose} aria-label="Close the detail panel" title="Close (Esc)">
            ✕
          </button>
        </div>
        <div className="sessions-detail-status">
          {isRepositoryRow(record) ? (
            <span className="pill" data-testid="detail-main-checkout">
              main checkout
            </span>
          ) : (
            <span className={`status ${record.status}`}>{record.statusWord ?? STATUS_WORDS[record.status]}</span>
          )}
          <span className="dim" data-testid="detail-status-reason">
            {record.statusReason}
          </span>
          <span className="faint">
            · since <TimeAgo iso={record.statusSince} />
          </span>
        </div>
      </header>
      <div className="sessions-detail-body">
        {record.warnings.length > 0 ? (
          <div className="banner" data-testid="detail-warnings">
            {record.warnings.map((w) => (
              <div key={w}>⚠ {w}</div>
            ))}
          </div>
        ) : null}
        {record.collisions.length > 0 ? (
          <div className="banner sessions-collision-banner" data-testid="detail-collisions">
            {record.collisions.map((c) => (
              <div key={`${c.file}-${c.otherSessionId}`}>
                ⇄ <code>{c.file}</code> is also changed by <strong>{c.otherSessionName}</strong>: merging both will conflict.
              </div>
            ))}
          </div>
        ) : null}
        <DetailActions record={record} resumeCommand={details?.resumeCommand ?? null} />
        <FailedSessionForm record={record} />
        <LaunchTerminal record={record} />
        <Facts record={record} details={details} />
        {error ? <p className="sessions-open-problem">{error}</p> : null}
        {details?.problems.map((p) => (
          <p key={p} className="sessions-open-problem">
            {p}
          </p>
        ))}
        {loading && !details ? <p className="faint">Reading git and the transcript…</p> : null}
        {lastText ? (
          <DetailSection title="Last assistant message">
            <blockquote className="sessions-last-text" data-testid="detail-last-text">
              {lastText}
            </blockquote>
          </DetailSection>
        ) : null}
        {details ? (
          <>
            <DetailSection title="Recent commits" count={details.commits.length} testId="detail-commits">
              {details.commits.length === 0 ? (
                <p className="faint sessions-none">None</p>
              ) : (
                <ul className="sessions-commits">
                  {details.commits.map((c) => (
                    <li key={c.sha} title={`${c.sha}\n${c.author}`}>
                      <code className="faint">{c.sha.slice(0, 7)}</code>
                      <span className="sessions-commit-subject">{c.subject}</span>
                      <span className="faint sessions-commit-time">
                        <TimeAgo iso={c.at} />
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </DetailSection>
            <PullFeedback feedback={props.feedback} />
            <DetailSection title="Uncommitted" count={details.uncommitted.length}>
              <FileList files={details.uncommitted} testId="detail-uncommitted" />
            </DetailSection>
            <DetailSection title={`Changed vs ${record.git?.baseRef ?? 'base'}`} count={details.changedVsBase.length}>
              <button
                type="button"
                className="btn small sessions-review-button"
                data-testid="detail-review"
                disabled={!reviewable}
                title={reviewable ? `What merging this branch into ${record.git?.baseRef ?? 'its base'} would bring, file by file` : 'No worktree or base branch to compare'}
                onClick={() => setReviewing(true)}
              >
                Review diff
              </button>
              <FileList files={details.changedVsBase} testId="detail-changed-vs-base" />
            </DetailSection>
            <DetailSection title="Transcript tail" count={details.transcriptTail.length} testId="detail-transcript">
              {details.transcriptTail.length === 0 ? (
                <p className="faint sessions-none">No transcript found</p>
              ) : (
                <ol className="sessions-transcript">
                  {details.transcriptTail.map((e, i) => (
                    <li key={`${i}-${e.at ?? ''}`} className={`sessions-tx-${e.role}`}>
                      <span className="sessions-tx-role">{e.role}</span>
                      <span className="sessions-tx-text">{e.text}</span>
                    </li>
                  ))}
                </ol>
              )}
            </DetailSection>
          </>
        ) : null}
      </div>
      {reviewing ? <DiffReview subject={{ sessionId: record.id }} title={`${record.name}: ${record.git?.branch ?? 'HEAD'} into ${record.git?.baseRef ?? 'base'}`} onClose={() => setReviewing(false)} /> : null}
    </aside>
  );
}
