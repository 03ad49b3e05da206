import { memo, type MouseEvent } from 'react';
import type { SessionRecord } from '../../../../shared/domain/session';
import { describeUsage } from '../../format/tokens';
import { openIssue } from './sessionActions';
import { lastActivityAt } from './sessionColumns';
import { crossFeedbackCount, hasPullMarker, PullCrossMarker, PullMarker } from './PullMarker';
import { SessionMarkers } from './SessionMarkers';
import type { SessionPullFeedback } from './useSessionsFeedback';
import { STATUS_WORDS } from './statusWords';
import { TimeAgo } from './TimeAgo';
import { COUNTING_HINT, costText, tokensText } from './usageText';

export interface SessionRowProps {
  record: SessionRecord;
  selected: boolean;
  onSelect(id: string): void;
  /** 0-based position in the whole (sorted, filtered) list: aria-rowindex when rows are windowed (row 1 is the header). */
  index: number;
  /** Its own pull request's feedback, when it has one on GitHub. */
  feedback?: SessionPullFeedback | undefined;
}

function folderOf(record: SessionRecord): string | null {
  return record.worktree?.path.split(/[\\/]/).filter(Boolean).pop() ?? null;
}

function Dash() {
  return <span className="faint">—</span>;
}

function onIssueClick(event: MouseEvent, issueId: string) {
  // The link opens in the system browser through core; the row must not also take the click.
  event.preventDefault();
  event.stopPropagation();
  openIssue(issueId);
}

function hasMarkers(record: SessionRecord, feedback: SessionPullFeedback | undefined): boolean {
  return record.collisions.length > 0 || record.warnings.length > 0 || crossFeedbackCount(feedback) > 0;
}

/**
 * The row's height in px, fixed by its content's shape, so a windowed table knows where every row
 * is without rendering it. The CSS keeps the content within it (one line, ellipsis).
 */
export function sessionRowHeight(record: SessionRecord, feedback?: SessionPullFeedback): number {
  return hasMarkers(record, feedback) || hasPullMarker(feedback) ? 56 : 36;
}

function SessionRowView({ record, selected, onSelect, index, feedback }: SessionRowProps) {
  const git = record.git;
  const claude = record.claude;
  const folder = folderOf(record);
  const branch = git?.branch ?? record.worktree?.branch ?? null;
  const uncommitted = git?.uncommittedFiles ?? [];
  const counting = !!claude?.usageCounting;
  return (
    <tr
      data-testid="session-row"
      data-session-id={record.id}
      aria-selected={selected}
      aria-rowindex={index + 2}
      style={{ height: sessionRowHeight(record, feedback) }}
      onClick={() => onSelect(record.id)}
    >
      <td className="sessions-name">
        <div className="sessions-name-line" title={record.worktree?.path}>
          <span className="sessions-title">{record.name}</span>
          {folder && folder !== record.name ? <span className="sessions-folder">{folder}</span> : null}
        </div>
        {hasMarkers(record, feedback) ? (
          <div className="sessions-markers">
            <SessionMarkers record={record} />
            <PullCrossMarker feedback={feedback} />
          </div>
        ) : null}
      </td>
      <td>
        {record.issueId ? (
          <a href={`#issue-${record.issueId}`} onClick={(e) => onIssueClick(e, record.issueId ?? '')} title={`Open ${record.issueId} in Linear`}>
            {record.issueId}
          </a>
        ) : null}
        {record.unmatched ? (
          <span className="pill sessions-marker" data-testid="unmatched-marker" title="Not matched to any issue by branch, folder, slug or plan row">
            unmatched
          </span>
        ) : null}
        {!record.issueId && !record.unmatched ? <Dash /> : null}
      </td>
      <td className="sessions-secondary">{record.phase ?? <Dash />}</td>
      <td className="sessions-secondary">{record.agent ?? <Dash />}</td>
      <td className="mono sessions-branch sessions-secondary" title={branch ?? 'detached HEAD'}>
        {branch ?? (record.worktree ? <span className="faint">(detached)</span> : <Dash />)}
      </td>
      <td title={record.statusReason}>
        <span className={`status ${record.status}`} data-testid="session-status">
          {record.statusWord ?? STATUS_WORDS[record.status]}
        </span>
        {/* The review state of its own PR sits under its status: what the session (or the person) acts on next. */}
        {hasPullMarker(feedback) ? (
          <div className="sessions-markers">
            <PullMarker feedback={feedback} />
          </div>
        ) : null}
      </td>
      <td className="dim">
        <TimeAgo iso={lastActivityAt(record)} />
      </td>
      <td className="num">{record.progress ? `${record.progress.done}/${record.progress.total}` : <Dash />}</td>
      <td className="num mono" title={git?.baseRef ? `${git.ahead} ahead of, ${git.behind} behind ${git.baseRef}` : 'No base branch found'}>
        {git ? (
          <>
            <span className={git.ahead ? '' : 'faint'}>↑{git.ahead}</span> <span className={git.behind ? 'sessions-behind' : 'faint'}>↓{git.behind}</span>
          </>
        ) : (
          <Dash />
        )}
      </td>
      <td className="num" data-testid="changed-files" title={uncommitted.length ? uncommitted.slice(0, 20).join('\n') : 'No uncommitted changes'}>
        {git ? <span className={git.changedFiles ? '' : 'faint'}>{git.changedFiles}</span> : <Dash />}
      </td>
      <td
        className={`num sessions-secondary${counting ? ' sessions-counting' : ''}`}
        data-testid="session-tokens"
        title={counting ? `${COUNTING_HINT}\n${describeUsage(claude?.usage)}` : describeUsage(claude?.usage)}
      >
        {claude?.usage ? tokensText(claude) : <Dash />}
      </td>
      <td
        className={`num${counting ? ' sessions-counting' : ''}`}
        data-testid="session-cost"
        title={counting ? COUNTING_HINT : claude?.estimateUsd ? `Spent so far vs the dispatch table's estimate` : 'Spent so far (no estimate in a dispatch table)'}
      >
        {claude?.costUsd !== null && claude?.costUsd !== undefined ? costText(claude) : <Dash />}
      </td>
    </tr>
  );
}

/** Re-renders only when its record changes: the store's patches keep untouched records identical. */
export const SessionRow = memo(SessionRowView);
