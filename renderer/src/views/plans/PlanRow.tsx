import { useState } from 'react';
import type { PlanSummary } from '../../../../shared/domain/planState';
import { callAndToast } from '../../components/callAndToast';
import { useAppStore } from '../../store/appStore';
import { MoveDispatchPrompts } from './MoveDispatchPrompts';

/** One plan file: what it is, how far along, what breaks the format rules and the one-click fixes. */
export function PlanRow({ plan }: { plan: PlanSummary }) {
  const [busy, setBusy] = useState(false);
  const setView = useAppStore((s) => s.setView);
  const errors = plan.diagnostics.filter((d) => d.severity === 'error');
  // Naming and plain ids have their own flags with fixes above; the rest are listed as found.
  const warnings = plan.diagnostics
    .filter((d) => d.severity === 'warning' && d.code !== 'plain-issue-id' && d.code !== 'random-plan-name')
    // The §8.5 flag carries its one-click move: never cut off below the first three.
    .sort((a, b) => Number(b.code === 'deprecated-dispatch-file') - Number(a.code === 'deprecated-dispatch-file'));
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr data-testid="plan-row" data-file={plan.fileName}>
      <td className="plans-file">
        <div className="mono plans-name" title={plan.path}>
          {plan.fileName}
        </div>
        <div className="faint plans-title">{plan.title}</div>
      </td>
      <td>
        {plan.masterIssue ? (
          plan.masterIssue.url ? (
            <a href={plan.masterIssue.url} target="_blank" rel="noreferrer" title={plan.masterIssue.title ?? undefined}>
              {plan.masterIssue.id}
            </a>
          ) : (
            <span className="mono" title="Written without a link">
              {plan.masterIssue.id}
            </span>
          )
        ) : (
          <span className="faint">none</span>
        )}
      </td>
      <td>
        {plan.phases.length === 0 ? (
          <span className="faint">no phases</span>
        ) : (
          <button type="button" className="plans-phases" title="Open in Dispatch" onClick={() => setView('dispatch')}>
            <strong>{plan.phases.length}</strong> <span className="dim">{plan.phases.map((p) => p.phase).join(' · ')}</span>
          </button>
        )}
      </td>
      <td>
        <Progress label="checks" done={plan.verification.done} total={plan.verification.total} />
        <Progress label="sessions done" done={plan.sessions.done} total={plan.sessions.total} />
        {plan.sessionSummaries && plan.sessionSummaries.length > 0 ? (
          <details className="plans-summaries" data-testid="plan-session-summaries">
            <summary>
              {plan.sessionSummaries.length} session summar{plan.sessionSummaries.length === 1 ? 'y' : 'ies'} (§8)
            </summary>
            {plan.sessionSummaries.map((s) => (
              <div key={s.line} className="plans-summary" data-testid="plan-session-summary">
                <div className="plans-summary-head">
                  {s.heading} <span className="faint">line {s.line}</span>
                </div>
                <ul>
                  {s.lines.map((l, i) => (
                    <li key={i}>{summaryText(l)}</li>
                  ))}
                </ul>
              </div>
            ))}
          </details>
        ) : null}
      </td>
      <td className="plans-problems">
        {plan.naming.violation ? (
          <div className="plans-problem" data-testid="plan-violation" data-kind="naming">
            <span className="pill plans-bad">{plan.naming.kind === 'random-three-word' ? 'random name' : 'unstructured name'}</span>
            <span className="dim plans-rule">{plan.naming.rule}</span>
            {plan.naming.suggestedName ? (
              <button
                type="button"
                className="btn small"
                data-testid="rename-plan"
                disabled={busy}
                title="Renames the file and updates references to it in the other plans of its folder"
                onClick={() => void run(() => callAndToast('plans.rename', { path: plan.path, newFileName: plan.naming.suggestedName ?? undefined }, `Renamed to ${plan.naming.suggestedName ?? ''}`))}
              >
                Rename to <span className="mono">{plan.naming.suggestedName}</span>
              </button>
            ) : null}
          </div>
        ) : null}
        {plan.unlinkedIds.length > 0 ? (
          <div className="plans-problem" data-testid="plan-violation" data-kind="plain-ids">
            <span className="pill plans-warn">plain issue ids</span>
            <span className="dim plans-rule">
              {plan.unlinkedIds.join(', ')} written without a link; issue references must be [ID](https://linear.app/…/issue/ID).
            </span>
            {plan.linkBase ? (
              <button
                type="button"
                className="btn small"
                data-testid="link-ids"
                disabled={busy}
                onClick={() => void run(() => callAndToast('plans.linkIssueIds', { path: plan.path, expectedHash: plan.contentHash }, 'Issue ids linked'))}
              >
                Link them
              </button>
            ) : null}
          </div>
        ) : null}
        {errors.map((d, i) => (
          <div key={`e${i}`} className="plans-problem" data-testid="plan-diagnostic">
            <span className="pill plans-bad">error</span>
            <span className="dim">
              {d.line ? `line ${d.line}: ` : ''}
              {d.message}
            </span>
          </div>
        ))}
        {warnings.slice(0, 3).map((d, i) => (
          <div key={`w${i}`} className="plans-problem" data-testid="plan-diagnostic">
            <span className="pill plans-warn">warning</span>
            <span className="dim">
              {d.line ? `line ${d.line}: ` : ''}
              {d.message}
            </span>
            {d.code === 'deprecated-dispatch-file' ? <MoveDispatchPrompts plan={plan} /> : null}
          </div>
        ))}
        {warnings.length > 3 ? <div className="faint">and {warnings.length - 3} more warnings</div> : null}
        {!plan.naming.violation && plan.unlinkedIds.length === 0 && errors.length === 0 && warnings.length === 0 ? <span className="faint">none</span> : null}
      </td>
    </tr>
  );
}

/** A summary line as plain text: no bullet, bold, code ticks or link targets. */
function summaryText(line: string): string {
  return line
    .replace(/^[-*]\s+/, '')
    .replace(/\*\*/g, '')
    .replace(/`/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
}

function Progress({ label, done, total }: { label: string; done: number; total: number }) {
  if (total === 0) return <div className="faint plans-progress">no {label}</div>;
  return (
    <div className="plans-progress" title={`${done} of ${total} ${label}`}>
      <span className="plans-bar">
        <span style={{ width: `${Math.round((done / total) * 100)}%` }} />
      </span>
      <span className="dim">
        {done}/{total} {label}
      </span>
    </div>
  );
}
