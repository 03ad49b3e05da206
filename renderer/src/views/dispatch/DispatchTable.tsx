import type { DispatchRowDraft, ExecMode, Violation } from '../../../../shared/domain/dispatch';
import { EXEC_MODES } from '../../../../shared/domain/dispatch';
import type { DispatchRowEdit } from '../../../../shared/domain/planState';

const AGENTS = ['Claude Code', 'Tembo', 'cto.new', 'Cursor', 'Copilot', 'Cyrus', 'Codex'];

/** The dispatch table as the rule book draws it (§8), editable in place where the person decides. */
export function DispatchTable(props: {
  rows: readonly DispatchRowDraft[];
  violations: readonly Violation[];
  editable: boolean;
  onEdit(session: string, patch: DispatchRowEdit): void;
}) {
  const rowFlags = (r: DispatchRowDraft) => props.violations.filter((v) => v.where.row?.split(/,\s*/).includes(r.session));
  return (
    <>
    <table className="grid dispatch-table">
      <thead>
        <tr>
          <th>Session</th>
          <th>Issue</th>
          <th>Focus</th>
          <th>Mode</th>
          <th>Est. Cost</th>
          <th>Agent</th>
          <th>Worktree / Branch</th>
          <th>Launch as</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => {
          const flags = rowFlags(r);
          const worst = flags.some((f) => f.severity === 'error') ? 'error' : flags.length > 0 ? 'warning' : null;
          return (
            <tr
              key={r.session}
              data-testid="dispatch-row"
              data-session={r.session}
              data-recorded={r.recorded ? 'yes' : 'no'}
              className={[worst ? `flag-${worst}` : '', r.recorded ? '' : 'dispatch-proposed'].join(' ').trim() || undefined}
            >
              <td className="mono">
                {r.session}
                {r.recorded ? (
                  r.phase !== r.session ? <span className="faint dispatch-phase" title="Phase of the Phase Map this row is for"> {r.phase}</span> : null
                ) : (
                  <span className="pill dispatch-proposal" title="The plan has no row for this phase yet: the engine proposes this one. Approving adds it to the plan.">
                    proposed
                  </span>
                )}
                {worst ? (
                  <span className={`dispatch-rowflag ${worst}`} title={flags.map((f) => f.message).join('\n')} aria-label={`${flags.length} rule problem(s)`}>
                    {worst === 'error' ? '●' : '▲'}
                  </span>
                ) : null}
              </td>
              <td>
                {r.issueUrl ? (
                  <a href={r.issueUrl} target="_blank" rel="noreferrer" title={r.issueTitle ?? undefined}>
                    {r.issueId}
                  </a>
                ) : (
                  <span className="mono">{r.issueId || '—'}</span>
                )}
              </td>
              <td>
                <input className="dispatch-input focus" aria-label={`Focus of ${r.session}`} value={r.focus} disabled={!props.editable} onChange={(e) => props.onEdit(r.session, { focus: e.target.value })} />
              </td>
              <td>
                <select
                  className="dispatch-input"
                  aria-label={`Mode of ${r.session}`}
                  value={r.mode ?? ''}
                  disabled={!props.editable}
                  onChange={(e) => props.onEdit(r.session, { mode: e.target.value === '' ? null : (e.target.value as ExecMode) })}
                >
                  <option value="">unknown</option>
                  {EXEC_MODES.map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <span className="dispatch-cost">
                  ~$
                  <input
                    className="dispatch-input cost"
                    aria-label={`Estimated cost of ${r.session} in dollars`}
                    inputMode="decimal"
                    value={r.estCostUsd === null ? '' : String(r.estCostUsd)}
                    disabled={!props.editable}
                    onChange={(e) => {
                      const v = e.target.value.trim();
                      const n = Number(v);
                      if (v === '') props.onEdit(r.session, { estCostUsd: null });
                      else if (Number.isFinite(n) && n >= 0) props.onEdit(r.session, { estCostUsd: n });
                    }}
                  />
                </span>
              </td>
              <td>
                <input className="dispatch-input agent" list="dispatch-agents" aria-label={`Agent of ${r.session}`} value={r.agent} disabled={!props.editable} onChange={(e) => props.onEdit(r.session, { agent: e.target.value })} />
              </td>
              <td className="dispatch-wt">
                <span className={`pill dispatch-worktree ${r.worktree.replace('/', '')}`} title={r.written ? (r.written.worktree === null ? 'Not in the table: from the branch and the rule book' : `As written: ${r.written.worktree}`) : undefined}>
                  {r.written?.worktree ?? r.worktree}
                </span>{' '}
                <span className={`mono ${r.written && r.written.branch === null ? 'faint' : 'dim'}`} title={r.written && r.written.branch === null ? `Not in the table: ${r.branch ?? 'none'} (from the registry or {agent}/{issue-id}-{slug})` : (r.branch ?? undefined)}>
                  {r.branch ?? '—'}
                </span>
              </td>
              <td className="dispatch-launch-as" title={r.written && r.written.launchAs === null ? 'Not in the table: from the rule book (§2)' : undefined}>
                {r.written?.launchAs ?? r.launchAs ?? <span className="faint">unknown</span>}
                {r.written?.launchAs && r.launchAs && r.written.launchAs !== r.launchAs ? <span className="faint"> ({r.launchAs})</span> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
      <datalist id="dispatch-agents">
        {AGENTS.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
    </>
  );
}
