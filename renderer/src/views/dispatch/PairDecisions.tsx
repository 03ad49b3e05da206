import type { PairDecision } from '../../../../shared/domain/dispatch';
import { verdictWords } from './DependencyGraph';

/** The §1 decision of every pair involving one phase, with the path taken in words. */
export function PairDecisions({ phase, decisions, onClose }: { phase: string; decisions: readonly PairDecision[]; onClose(): void }) {
  const mine = decisions.filter((d) => d.a === phase || d.b === phase);
  return (
    <div className="dispatch-pairs" data-testid="pair-decisions">
      <div className="dispatch-pairs-head">
        <strong>Phase {phase}</strong>
        <span className="dim"> — decision tree against every other phase</span>
        <button type="button" className="btn small" onClick={onClose} aria-label="Close pair decisions">
          ✕
        </button>
      </div>
      <ul>
        {mine.map((d) => {
          const other = d.a === phase ? d.b : d.a;
          return (
            <li key={`${d.a}-${d.b}`}>
              <span className="mono">{other}</span> <span className={`pill dispatch-verdict ${d.verdict.toLowerCase()}`}>{verdictWords(d.verdict)}</span>{' '}
              <span className="dim">{d.path.join(' → ')}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
