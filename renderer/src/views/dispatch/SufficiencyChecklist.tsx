import { useState } from 'react';
import type { ResearchState, SufficiencyAnswer } from '../../../../shared/domain/planState';
import { callAndToast } from '../../components/callAndToast';
import { FollowUpOffer } from './FollowUpOffer';

const ITEMS: { key: 'convergence' | 'coverage' | 'contradictions'; label: string; good: SufficiencyAnswer }[] = [
  { key: 'convergence', label: 'Evidence convergence: do 2+ tracks cite the same findings independently?', good: 'yes' },
  { key: 'coverage', label: 'Coverage: is every research question addressed by at least one track?', good: 'yes' },
  { key: 'contradictions', label: 'Contradictions: do any tracks produce conflicting evidence? (needs human resolution)', good: 'no' },
];

/**
 * The Research Sufficiency Assessment (§1), done by the dispatching person before synthesis. The
 * follow-up offer shows here only when no batch holds a synthesis (else it stands on that batch).
 */
export function SufficiencyChecklist({ planPath, research }: { planPath: string; research: ResearchState }) {
  const value = research.sufficiency;
  const [draft, setDraft] = useState(value);
  const [busy, setBusy] = useState(false);
  const synthesis = research.synthesis.map((s) => s.phase);
  return (
    <section className="dispatch-research" data-testid="sufficiency" aria-label="Research sufficiency">
      <header className="dispatch-batch-head">
        <h2>Research sufficiency</h2>
        <span className={`pill dispatch-outcome ${value.outcome.toLowerCase()}`} data-testid="sufficiency-outcome">
          {value.outcome}
        </span>
        <span className="dim">
          tracks {research.tracks.join(', ')} · {synthesis.length > 0 ? `synthesis ${synthesis.join(', ')} waits for SUFFICIENT` : 'no synthesis phase found'} ·{' '}
          {research.unfinished.length > 0 ? <span data-testid="sufficiency-unfinished">assess after all tracks complete — not Done yet: {research.unfinished.join(', ')}</span> : 'all tracks complete: assess them'}
        </span>
      </header>
      {ITEMS.map((item) => (
        <div key={item.key} className="dispatch-suff-item">
          <span>{item.label}</span>
          <span className="dispatch-suff-answers" role="radiogroup" aria-label={item.key}>
            {(['yes', 'no', 'unknown'] as const).map((a) => (
              <label key={a} className={draft[item.key] === a ? `on ${a === item.good ? 'good' : a === 'unknown' ? '' : 'bad'}` : ''}>
                <input type="radio" name={`suff-${item.key}`} checked={draft[item.key] === a} onChange={() => setDraft({ ...draft, [item.key]: a })} />
                {a}
              </label>
            ))}
          </span>
        </div>
      ))}
      {draft.contradictions === 'yes' || draft.resolution !== '' ? (
        <label className="dispatch-suff-gaps dispatch-suff-resolution">
          <span>Resolution</span>
          <input
            data-testid="sufficiency-resolution"
            value={draft.resolution}
            placeholder="How a person resolved the conflicting evidence (needed before SUFFICIENT)"
            onChange={(e) => setDraft({ ...draft, resolution: e.target.value })}
          />
        </label>
      ) : null}
      <div className="dispatch-suff-gaps">
        <input aria-label="Gaps" value={draft.gaps} placeholder="Gaps that remain, separated by ; (one follow-up track each)" onChange={(e) => setDraft({ ...draft, gaps: e.target.value })} />
        <button
          type="button"
          className="btn small"
          data-testid="save-sufficiency"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void callAndToast(
              'dispatch.setSufficiency',
              { planPath, convergence: draft.convergence, coverage: draft.coverage, contradictions: draft.contradictions, gaps: draft.gaps, resolution: draft.resolution },
              'Assessment saved in the plan',
            ).finally(() => setBusy(false));
          }}
        >
          Save assessment
        </button>
      </div>
      {value.unmet.length > 0 ? (
        <ul className="dispatch-suff-unmet faint" data-testid="sufficiency-unmet">
          {value.unmet.map((u) => (
            <li key={u}>{u}</li>
          ))}
        </ul>
      ) : null}
      {synthesis.length === 0 ? <FollowUpOffer planPath={planPath} research={research} /> : null}
    </section>
  );
}
