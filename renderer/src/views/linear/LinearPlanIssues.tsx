import type { LinearPlanState } from '../../../../shared/domain/linear';
import { exactTime } from '../../format/exactTime';
import { connectionWords } from './connectionWords';
import { LinearIssueState } from './LinearIssueState';

/** One master plan's Linear issue and its sub-issues: state, estimate, labels, assignee. */
export function LinearPlanIssues({ plan }: { plan: LinearPlanState }) {
  const problem = plan.connection.kind !== 'ok' ? connectionWords(plan.connection, null) : null;
  return (
    <div className="linear-plan" data-testid="linear-plan" data-master={plan.masterIssueId}>
      <div className="linear-plan-head">
        {plan.master ? <LinearIssueState issue={plan.master} stale={plan.stale} /> : <span className="mono">{plan.masterIssueId}</span>}
        <strong>{plan.master?.title ?? ''}</strong>
        {plan.stale && plan.fetchedAt ? (
          <span className="pill warn" title={`Last fetched ${exactTime(plan.fetchedAt)}`}>
            stale
          </span>
        ) : null}
      </div>
      {problem ? <p className={`linear-plan-problem ${problem.tone}`} title={plan.connection.message}>{plan.connection.kind === 'no-access' ? plan.connection.message : problem.text}</p> : null}
      {plan.children.length ? (
        <table className="grid linear-children">
          <thead>
            <tr>
              <th>Issue</th>
              <th>Title</th>
              <th>Est</th>
              <th>Labels</th>
              <th>Assignee</th>
            </tr>
          </thead>
          <tbody>
            {plan.children.map((c) => (
              <tr key={c.id} data-testid="linear-child" data-identifier={c.identifier}>
                <td>
                  <LinearIssueState issue={c} stale={plan.stale} />
                </td>
                <td title={c.title}>{c.title}</td>
                <td>{c.estimate ?? '—'}</td>
                <td>{c.labels.map((l) => (l.parent ? `${l.parent.name}:${l.name}` : l.name)).join(', ')}</td>
                <td data-testid="linear-child-assignee">
                  {c.assignee?.name ?? (c.delegate ? '' : '—')}
                  {c.delegate ? <span title="Delegated to this agent (a Linear app user)">{c.assignee ? ' · ' : ''}{c.delegate.name} (agent)</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : plan.fetchedAt ? (
        <p className="faint">No sub-issues yet.</p>
      ) : null}
    </div>
  );
}
