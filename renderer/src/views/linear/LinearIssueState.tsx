import type { LinearIssueSnapshot } from '../../../../shared/domain/linear';
import { onLinearLinkClick } from './openLinear';

export interface LinearIssueStateProps {
  /** A polled issue (from `linearPlans`): its identifier, url and workflow state. */
  issue: Pick<LinearIssueSnapshot, 'identifier' | 'url' | 'state'>;
  /** Show the identifier as a link before the state (default true). */
  withIdentifier?: boolean;
  /** Mark the state as possibly out of date (from the cache, or the last poll failed). */
  stale?: boolean;
}

const TYPE_WORDS: Record<string, string> = {
  triage: 'triage',
  backlog: 'backlog',
  unstarted: 'not started',
  started: 'started',
  completed: 'completed',
  canceled: 'canceled',
  duplicate: 'duplicate',
};

/** An issue's Linear state as colour + word (never colour alone), with a link that opens Linear. */
export function LinearIssueState({ issue, withIdentifier = true, stale = false }: LinearIssueStateProps) {
  const type = issue.state.type;
  const tip = `${issue.state.name} (${TYPE_WORDS[type] ?? type} in Linear)${stale ? ' — may be out of date' : ''}`;
  return (
    <span className="linear-issue-state" data-testid="linear-issue-state" data-state-type={type}>
      {withIdentifier ? (
        <a className="mono" href={issue.url} target="_blank" rel="noreferrer" onClick={(e) => onLinearLinkClick(e, issue.url)} title={`Open ${issue.identifier} in Linear`}>
          {issue.identifier}
        </a>
      ) : null}
      <span className={`linear-state t-${type}${stale ? ' stale' : ''}`} title={tip}>
        <span className="swatch" aria-hidden="true" />
        {issue.state.name}
      </span>
    </span>
  );
}
