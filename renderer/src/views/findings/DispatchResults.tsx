import type { FindingDispatchResult } from '../../../../shared/domain/reviewFindings';
import { linearUrlFor, onLinearLinkClick } from '../linear/openLinear';

const STATUS_WORDS = { created: 'Sub-issue created', exists: 'Sub-issue already in Linear', failed: 'Failed' } as const;
const MENTION_WORDS = { posted: 'comment posted', exists: 'comment already there', failed: 'comment not posted' } as const;

/** What dispatching the agreed findings did, per finding: the sub-issue, and the @mention or the Claude Code hand-off. */
export function DispatchResults({ results }: { results: readonly FindingDispatchResult[] }) {
  return (
    <ul className="findings-results" data-testid="findings-results">
      {results.map((r) => {
        const url = r.subIssue ? (r.subIssue.url ?? linearUrlFor(r.subIssue.identifier)) : null;
        return (
          <li key={r.key} data-testid="findings-result" data-key={r.key} data-status={r.status} data-route={r.route}>
            <span className={`pill ${r.status === 'failed' ? 'bad' : 'ok'}`}>{STATUS_WORDS[r.status]}</span>
            {r.subIssue && url ? (
              <a className="mono" href={url} target="_blank" rel="noreferrer" onClick={(e) => onLinearLinkClick(e, url)}>
                {r.subIssue.identifier}
              </a>
            ) : null}
            <span className="grow">{r.title}</span>
            {r.route === 'agent' && r.mention ? (
              <span className={r.mention.status === 'failed' ? 'findings-bad' : ''} title={r.mention.body} data-testid="findings-mention">
                <code>@{r.mention.body.slice(1, r.mention.body.indexOf(' '))}</code> {MENTION_WORDS[r.mention.status]}
              </span>
            ) : r.route === 'claude-code' && r.status !== 'failed' ? (
              <span className="dim" data-testid="findings-claude-code">
                for a Claude Code session (medium+)
              </span>
            ) : null}
            {r.error ? <span className="findings-bad">{r.error}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
