import { useState } from 'react';
import { FINDING_DECISIONS, type FindingDecision, type FindingDispatchResult, type FindingTable, type ReviewFinding, type ReviewFindings } from '../../../../shared/domain/reviewFindings';
import { callAndToast } from '../../components/callAndToast';
import { exactTime } from '../../format/exactTime';
import { linearUrlFor, onLinearLinkClick } from '../linear/openLinear';
import { DispatchResults } from './DispatchResults';

/** `claude-code`, or an agent's user id. */
type Implementer = string;
const CLAUDE_CODE = 'claude-code';

/** Who took a dispatched finding: from this session's dispatch when known, else that it was dispatched. */
function implementedBy(results: readonly FindingDispatchResult[] | null, f: ReviewFinding, findings: ReviewFindings): string {
  const r = results?.find((x) => x.key === f.key);
  if (r?.route === 'claude-code') return 'Claude Code session';
  if (r?.mention) return `@${findings.agents.find((a) => a.name === r.mention?.agent)?.displayName ?? r.mention.agent}`;
  return 'dispatched';
}

/** One findings table: a Decision select per finding, who implements each agreed one, and the two actions. */
export function FindingsTable({ findings, table, onChange }: { findings: ReviewFindings; table: FindingTable; onChange(value: ReviewFindings): void }) {
  const [decisions, setDecisions] = useState<Record<string, FindingDecision>>({});
  const [implementers, setImplementers] = useState<Record<string, Implementer>>({});
  const [results, setResults] = useState<FindingDispatchResult[] | null>(null);
  const [busy, setBusy] = useState(false);
  // Per-model columns or a Consensus tally column: either way §3 consensus is shown.
  const hasVotes = table.findings.some((f) => f.votes.length > 0 || f.consensus !== null);
  const decisionOf = (f: ReviewFinding): FindingDecision | null => decisions[f.key] ?? f.decision;
  const changed = table.findings.filter((f) => decisions[f.key] !== undefined && decisions[f.key] !== f.decision);
  const agreed = table.findings.filter((f) => f.decision === 'agree');
  const fresh = agreed.filter((f) => f.subIssue === null);
  const implementerOf = (f: ReviewFinding): Implementer => implementers[f.key] ?? (f.route === 'agent' && findings.defaultAgentId ? findings.defaultAgentId : CLAUDE_CODE);

  const record = async () => {
    setBusy(true);
    const value = await callAndToast('findings.decide', { issueId: findings.identifier, tableKey: table.key, decisions: changed.map((f) => ({ key: f.key, decision: decisions[f.key] as FindingDecision })) }, 'Decisions posted to Linear');
    setBusy(false);
    if (value) {
      setDecisions({});
      onChange(value);
    }
  };
  const dispatch = async () => {
    setBusy(true);
    const choices = agreed.map((f) => {
      const who = implementerOf(f);
      return who === CLAUDE_CODE ? { key: f.key, route: 'claude-code' as const } : { key: f.key, route: 'agent' as const, agentId: who };
    });
    const value = await callAndToast('findings.dispatch', { issueId: findings.identifier, tableKey: table.key, choices });
    setBusy(false);
    if (value) {
      setResults(value.results);
      onChange(value.findings);
    }
  };

  return (
    <div className="findings-table" data-testid="findings-table" data-table={table.key}>
      <div className="findings-table-head">
        <strong>{table.heading ?? 'Findings'}</strong>
        <span className="faint">
          {' '}
          ·{' '}
          <a href={table.commentUrl} target="_blank" rel="noreferrer" onClick={(e) => onLinearLinkClick(e, table.commentUrl)}>
            comment
          </a>{' '}
          by {table.author ?? 'someone'} on {findings.identifier}, {exactTime(table.createdAt)}
          {table.decidedAt ? ` · decisions recorded ${exactTime(table.decidedAt)}` : ''}
        </span>
      </div>
      <table className="grid findings-grid">
        <thead>
          <tr>
            <th>#</th>
            <th>Finding</th>
            <th>Severity</th>
            <th>Effort</th>
            <th>Location</th>
            {hasVotes ? <th title="§3: 2/3 of the models to include, 3/3 for a critical finding">Consensus</th> : null}
            <th>Decision</th>
            <th>Implemented by</th>
            <th>Sub-issue</th>
          </tr>
        </thead>
        <tbody>
          {table.findings.map((f) => {
            const decision = decisionOf(f);
            const edited = decisions[f.key] !== undefined && decisions[f.key] !== f.decision;
            return (
              <tr key={f.key} data-testid="finding-row" data-key={f.key} data-decision={decision ?? ''}>
                <td className="mono">{f.label}</td>
                <td className="findings-title" title={[f.title, f.recommendation ? `Recommendation: ${f.recommendation}` : ''].filter(Boolean).join('\n')}>
                  {f.title}
                  {f.recommendation ? <div className="faint findings-rec">→ {f.recommendation}</div> : null}
                </td>
                <td>{f.severity ?? '—'}</td>
                <td>{f.effort ?? '—'}</td>
                <td className="mono findings-loc" title={f.location ?? ''}>
                  {f.location ?? '—'}
                </td>
                {hasVotes ? (
                  <td title={[f.votes.map((v) => `${v.model}: ${v.agrees === null ? '—' : v.agrees ? '✓' : '✗'}`).join(', '), f.consensus?.words ?? 'no votes'].filter(Boolean).join('\n')}>
                    {f.consensus ? (
                      <span className={`pill ${f.consensus.met ? 'ok' : 'warn'}`} data-testid="finding-consensus">
                        {f.consensus.agreeing}/{f.consensus.voting}
                        {f.consensus.critical ? ' critical' : ''} {f.consensus.met ? '✓' : 'below'}
                      </span>
                    ) : (
                      '—'
                    )}
                  </td>
                ) : null}
                <td>
                  <select
                    aria-label={`Decision for ${f.label}`}
                    className={`findings-decision ${decision ?? 'none'}${edited ? ' edited' : ''}`}
                    value={decision ?? ''}
                    disabled={busy}
                    title={f.decisionSource === 'table' ? "As written in the review's Decision column" : f.decisionSource === 'reply' ? 'Recorded in a Decisions reply on the issue' : 'Not decided yet'}
                    onChange={(e) => setDecisions((d) => ({ ...d, [f.key]: e.target.value as FindingDecision }))}
                  >
                    {decision === null ? <option value="">— decide —</option> : null}
                    {FINDING_DECISIONS.map((d) => (
                      <option key={d} value={d}>
                        {d}
                      </option>
                    ))}
                  </select>
                  {f.decisionText ? <div className="faint" title="The Decision cell as written (not one of agree / override / defer / reject)">“{f.decisionText}”</div> : null}
                </td>
                <td title={f.routeReason}>
                  {f.subIssue ? (
                    <span className="dim" data-testid="finding-implementer">
                      {implementedBy(results, f, findings)}
                    </span>
                  ) : decision === 'agree' ? (
                    <select aria-label={`Implemented by for ${f.label}`} value={implementerOf(f)} disabled={busy} onChange={(e) => setImplementers((m) => ({ ...m, [f.key]: e.target.value }))}>
                      {findings.agents.map((a) => (
                        <option key={a.id} value={a.id}>
                          @{a.displayName}
                        </option>
                      ))}
                      <option value={CLAUDE_CODE}>Claude Code session</option>
                    </select>
                  ) : (
                    <span className="faint">{f.route === 'agent' ? 'if agreed: an agent (small)' : 'if agreed: Claude Code (medium+)'}</span>
                  )}
                </td>
                <td>
                  {f.subIssue ? (
                    <a className="mono" href={linearUrlFor(f.subIssue.identifier)} target="_blank" rel="noreferrer" onClick={(e) => onLinearLinkClick(e, linearUrlFor(f.subIssue?.identifier ?? ''))}>
                      {f.subIssue.identifier}
                    </a>
                  ) : (
                    <span className="faint">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="findings-actions">
        <button type="button" className="btn small" disabled={busy || changed.length === 0} onClick={() => void record()} data-testid="findings-record">
          Record {changed.length || ''} decision{changed.length === 1 ? '' : 's'} in Linear
        </button>
        <button
          type="button"
          className="btn small primary"
          disabled={busy || changed.length > 0 || agreed.length === 0}
          title={changed.length > 0 ? 'Record the decisions first: Linear is the record.' : agreed.length === 0 ? 'No finding is decided "agree".' : 'One sub-issue per agreed finding; one @mention comment per agent-routed one. Safe to repeat: nothing is made twice.'}
          onClick={() => void dispatch()}
          data-testid="findings-dispatch"
        >
          {fresh.length > 0 ? `Dispatch ${fresh.length} agreed finding${fresh.length === 1 ? '' : 's'}` : `Check the ${agreed.length} dispatched again`}
        </button>
        {changed.length > 0 ? <span className="pill warn">unsaved decisions</span> : null}
      </div>
      {results ? <DispatchResults results={results} /> : null}
    </div>
  );
}
