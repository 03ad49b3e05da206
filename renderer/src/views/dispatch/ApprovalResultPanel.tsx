import type { ApprovalResult } from '../../../../shared/domain/planState';
import { copyText } from '../sessions/sessionActions';

/** After approval: per session, the copy-ready dispatch prompt and launch command; Linear's progress. */
export function ApprovalResultPanel({ result, progress }: { result: ApprovalResult; progress: React.ReactNode }) {
  return (
    <section className="dispatch-result" data-testid="approval-result" aria-label={`Batch ${result.batch} approved`}>
      <header>
        <strong>Batch {result.batch} approved</strong>
        <span className="dim">
          {' '}
          by {result.by} at <time title={result.approvedAt}>{new Date(result.approvedAt).toLocaleTimeString()}</time> — written to the plan file.
        </span>
      </header>
      <p className={`dispatch-linear ${result.linear.status}`}>
        <span className="pill">Linear</span> {result.linear.message}
      </p>
      {progress}
      {result.sessions.map((s) => (
        <div key={s.session} className="dispatch-launch" data-testid="launch-session">
          <div className="dispatch-launch-head">
            <strong className="mono">{s.session}</strong> <span className="dim">{s.issueId}</span>
            <span className="dispatch-launch-actions">
              <button type="button" className="btn small" onClick={() => void copyText(s.prompt, `dispatch prompt of ${s.session}`)}>
                Copy prompt
              </button>
              {s.launchCommand ? (
                <button type="button" className="btn small" onClick={() => void copyText(s.launchCommand ?? '', `launch command of ${s.session}`)}>
                  Copy command
                </button>
              ) : null}
            </span>
          </div>
          {s.launchCommand ? <code className="dispatch-cmd">{s.launchCommand}</code> : null}
          <div className="faint dispatch-hint">{s.launchHint}</div>
          {s.mergeHint ? (
            <div className="faint dispatch-hint" data-testid="merge-hint">
              When it finishes: {s.mergeHint}
            </div>
          ) : null}
          <details>
            <summary>Dispatch prompt</summary>
            <pre className="dispatch-prompt">{s.prompt}</pre>
          </details>
        </div>
      ))}
    </section>
  );
}
