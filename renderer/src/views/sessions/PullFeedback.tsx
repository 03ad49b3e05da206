import { DetailSection } from './DetailSection';
import './pullFeedback.css';
import type { SessionPullFeedback } from './useSessionsFeedback';

const KIND_WORDS = { 'changes-requested': 'Changes requested', comment: 'Comment', 'failing-check': 'Failing check' } as const;

/**
 * Feedback on this session's own pull request (rule book §7); what also touches another
 * session is marked for the person. Hidden when the repository is not on GitHub. The same read
 * as the rows' markers (useSessionsFeedback), so the row and the detail never disagree.
 */
export function PullFeedback({ feedback }: { feedback: SessionPullFeedback | undefined }) {
  const value = feedback ?? null;
  if (!value?.pull) return null;
  const pr = value.pull;
  return (
    <DetailSection title={`Pull request #${pr.number} (${pr.state})`} count={value.items.length} testId="detail-pull-feedback">
      {value.items.length === 0 ? <p className="faint sessions-none">No review feedback or failing checks.</p> : null}
      <ul className="sessions-feedback">
        {value.items.map((item, i) => (
          <li key={i} data-testid="feedback-item" data-kind={item.kind} data-cross={item.alsoTouches.length > 0}>
            <strong>{KIND_WORDS[item.kind]}</strong> <span className="faint">{item.author}</span>
            {item.path ? <code className="faint"> {item.path}</code> : null}
            <div>{item.body}</div>
            {item.alsoTouches.length > 0 ? (
              <div className="banner sessions-collision-banner" data-testid="feedback-cross">
                ⇄ Touches another session ({item.alsoTouches.map((t) => t.why).join('; ')}): for you to triage, not for this session alone.
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </DetailSection>
  );
}
