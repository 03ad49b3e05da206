import { feedbackSummary } from '../../../../shared/domain/feedback';
import type { SessionPullFeedback } from './useSessionsFeedback';

/** True when the row has something to show for its pull request. */
export function hasPullMarker(feedback: SessionPullFeedback | undefined): boolean {
  return !!feedback?.pull && feedback.pull.state !== 'merged' && feedback.pull.state !== 'closed' && feedback.items.length > 0;
}

/**
 * The session's own PR feedback, compact, on its row ("#4 · changes requested · 2 checks failing");
 * what touches another session is counted apart: the person triages it, not this session.
 */
export function PullMarker({ feedback }: { feedback: SessionPullFeedback | undefined }) {
  if (!feedback?.pull || !hasPullMarker(feedback)) return null;
  const { words, forPerson } = feedbackSummary(feedback.items);
  const details = feedback.items.map((i) => `${i.kind === 'failing-check' ? i.body : `${i.author}: ${i.body}`}${i.alsoTouches.length > 0 ? ` (⇄ ${i.alsoTouches.map((t) => t.sessionName).join(', ')})` : ''}`);
  return (
    <>
      <span
          className={`pill ${words.some((w) => w === 'changes requested' || w.includes('failing')) ? 'bad' : 'warn'} sessions-marker`}
          data-testid="pull-marker"
          title={`Pull request #${feedback.pull.number}\n${details.join('\n')}`}
        >
          #{feedback.pull.number} · {words.join(' · ')}
        </span>
      {forPerson > 0 ? (
        <span className="pill warn sessions-marker" data-testid="pull-marker-cross" title="Feedback on this PR that also touches another session: for you to triage, not routed to this session">
          ⇄ {forPerson} for you
        </span>
      ) : null}
    </>
  );
}
