import { useState } from 'react';
import type { SufficiencyAnswer, SufficiencyState } from '../../../../shared/domain/planState';
import { callAndToast } from '../../components/callAndToast';

const ITEMS: { key: 'convergence' | 'coverage' | 'contradictions'; label: string; good: SufficiencyAnswer }[] = [
  { key: 'convergence', label: 'Evidence convergence: do 2+ tracks cite the same findings independently?', good: 'yes' },
  { key: 'coverage', label: 'Coverage: is every research question addressed by at least one track?', good: 'yes' },
  { key: 'contradictions', label: 'Contradictions: do any tracks produce conflicting evidence? (needs human resolution)', good: 'no' },
];

/** The Research Sufficiency Assessment (§1), done by the dispatching person before synthesis. */
export function SufficiencyChecklist({ planPath, tracks, value }: { planPath: string; tracks: readonly string[]; value: SufficiencyState }) {
  const [draft, setDraft] = useState(value);
  const [busy, setBusy] = useState(false);
  return (
    <section className="dispatch-research" data-testid="sufficiency" aria-label="Research sufficiency">
      <header className="dispatch-batch-head">
        <h2>Research sufficiency</h2>
        <span className={`pill dispatch-outcome ${value.outcome.toLowerCase()}`}>{value.outcome}</span>
        <span className="dim">tracks {tracks.join(', ')} · assess after all tracks complete</span>
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
      <div className="dispatch-suff-gaps">
        <input aria-label="Gaps" value={draft.gaps} placeholder="Gaps that remain (for targeted follow-up tracks)" onChange={(e) => setDraft({ ...draft, gaps: e.target.value })} />
        <button
          type="button"
          className="btn small"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void callAndToast('dispatch.setSufficiency', { planPath, convergence: draft.convergence, coverage: draft.coverage, contradictions: draft.contradictions, gaps: draft.gaps }, 'Assessment saved in the plan').finally(() => setBusy(false));
          }}
        >
          Save assessment
        </button>
      </div>
    </section>
  );
}
