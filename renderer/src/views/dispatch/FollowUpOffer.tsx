import { useState } from 'react';
import type { ResearchState } from '../../../../shared/domain/planState';
import { callAndToast } from '../../components/callAndToast';

/**
 * §1 INSUFFICIENT "specify which gaps remain and dispatch targeted follow-up tracks": one row per
 * gap the assessment names, with "Add follow-up track" (a research phase in a batch before the
 * synthesis, written into the Phase Map), or the track a gap already has.
 */
export function FollowUpOffer({ planPath, research }: { planPath: string; research: ResearchState }) {
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [justification, setJustification] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const s = research.sufficiency;
  // Research closes convergence and coverage gaps; a contradiction only a person's resolution closes.
  const researchable = s.gapList.length > 0 || s.convergence === 'no' || s.coverage === 'no';
  if (s.outcome !== 'INSUFFICIENT' || !researchable) return null;
  // §1 cap: a follow-up batch already holding 5 research sessions takes one more only with a justification.
  const full = research.followUpBatchFull;
  const trackOf = (gap: string) => research.followUps.find((f) => f.gap.toLowerCase() === gap.toLowerCase())?.phase ?? null;
  return (
    <div className="dispatch-followups" data-testid="follow-up-offer">
      <h3>Targeted follow-up tracks</h3>
      {s.gapList.length === 0 ? (
        <p className="faint">Name the gaps that remain (the assessment's Gaps, separated by “;”) to get one follow-up track per gap.</p>
      ) : (
        <ul>
          {s.gapList.map((gap) => {
            const track = trackOf(gap);
            return (
              <li key={gap} data-testid="follow-up-gap" data-gap={gap}>
                <span className="dispatch-followup-gap">{gap}</span>
                {track ? (
                  <span className="pill dispatch-followup-added" data-testid="follow-up-added">
                    follow-up track {track}
                  </span>
                ) : (
                  <>
                    <input
                      aria-label={`Issue for the follow-up on ${gap}`}
                      className="dispatch-followup-issue"
                      placeholder="Issue (optional)"
                      value={issues[gap] ?? ''}
                      onChange={(e) => setIssues({ ...issues, [gap]: e.target.value })}
                    />
                    <button
                      type="button"
                      className="btn small"
                      data-testid="add-follow-up"
                      disabled={busy !== null}
                      onClick={() => {
                        setBusy(gap);
                        const issue = (issues[gap] ?? '').trim();
                        void callAndToast(
                          'dispatch.addFollowUpTrack',
                          { planPath, gap, ...(issue ? { issue } : {}), ...(justification.trim() ? { justification: justification.trim() } : {}) },
                          'Follow-up track added to the Phase Map',
                        ).finally(() => setBusy(null));
                      }}
                    >
                      Add follow-up track
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {full ? (
        <input
          aria-label="Justification beyond 5 research sessions"
          className="dispatch-followup-why"
          placeholder="The follow-up batch is at the cap of research sessions: why one more (kept in the plan)"
          value={justification}
          onChange={(e) => setJustification(e.target.value)}
        />
      ) : null}
    </div>
  );
}
