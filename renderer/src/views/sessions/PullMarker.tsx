import { feedbackSummary } from '../../../../shared/domain/feedback';
import type { SessionPullFeedback } from './useSessionsFeedback';

/** The PR's feedback, when the row has any to show (an open or draft PR with items). */
function liveFeedback(feedback: SessionPullFeedback | undefined): (SessionPullFeedback & { pull: NonNullable<SessionPullFeedback['pull']> }) | null {
  const pull = feedback?.pull;
  if (!feedback || !pull || pull.state === 'merged' || pull.state === 'closed' || feedback.items.length === 0) return null;
  return { ...feedback, pull };
}

export function hasPullMarker(feedback: SessionPullFeedback | undefined): boolean {
  return liveFeedback(feedback) !== null;
}

/** How many of the PR's items touch another session (0 when none, or no PR). */
export function crossFeedbackCount(feedback: SessionPullFeedback | undefined): number {
  const live = liveFeedback(feedback);
  return live ? feedbackSummary(live.items).forPerson : 0;
}

/**
 * The session's own PR feedback, compact, under its status: "changes requested", "2 checks
 * failing", "3 comments", the worst first, as many as fit; each item in the tooltip.
 */
export function PullMarker({ feedback }: { feedback: SessionPullFeedback | undefined }) {
  const live = liveFeedback(feedback);
  if (!live) return null;
  const { words } = feedbackSummary(live.items);
  const details = live.items.map((i) => `• ${i.kind === 'failing-check' ? i.body : `${i.author}: ${i.body}`}${i.alsoTouches.length > 0 ? ` (⇄ ${i.alsoTouches.map((t) => t.sessionName).join(', ')})` : ''}`);
  // One pill per fact, worst first; a pill that does not fit wraps out of sight whole (never cut mid-word).
  return (
    <span className="sessions-pull-markers" data-testid="pull-marker" title={`Pull request #${live.pull.number} (${live.pull.state})\n${details.join('\n')}`}>
      {words.map((w) => (
        <span key={w} className={`pill ${w.endsWith('comment') || w.endsWith('comments') ? 'warn' : 'bad'} sessions-marker-fixed`} data-testid="pull-marker-fact">
          {w}
        </span>
      ))}
    </span>
  );
}

/**
 * Beside the collision markers: how much of the PR's feedback touches another session — the
 * person's to triage (§7), not routed to this session.
 */
export function PullCrossMarker({ feedback }: { feedback: SessionPullFeedback | undefined }) {
  const count = crossFeedbackCount(feedback);
  if (count === 0) return null;
  return (
    <span
      className="pill warn sessions-marker sessions-marker-fixed"
      data-testid="pull-marker-cross"
      title={`${count} item${count === 1 ? '' : 's'} of this session's PR feedback also touch${count === 1 ? 'es' : ''} another session: for you to triage, not routed to this session`}
    >
      ⇄ PR: {count} for you
    </span>
  );
}
