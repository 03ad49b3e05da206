import type { MergeStrategy } from '../../../../shared/domain/merge';
import { STRATEGY_WORDS } from './verdictWords';

export interface Refusal {
  message: string;
  /** What the repository allows, when GitHub refused the queue's strategy itself. */
  allowed: MergeStrategy[];
}

/**
 * GitHub's refusal of the last "Merge next PR", kept on screen (a toast is gone before it is read)
 * with one button per merge method the repository allows.
 */
export function PullMergeRefusal({ refusal, busy, onUse, onDismiss }: { refusal: Refusal; busy: boolean; onUse(strategy: MergeStrategy): void; onDismiss(): void }) {
  return (
    <div className="merge-last bad" data-testid="pull-merge-refusal" role="alert">
      <div>{refusal.message}</div>
      <div className="merge-refusal-actions">
        {refusal.allowed.map((m) => (
          <button key={m} type="button" className="btn small primary" disabled={busy} onClick={() => onUse(m)} data-testid="pull-merge-use-strategy">
            Use {STRATEGY_WORDS[m]}
          </button>
        ))}{' '}
        <button type="button" className="btn small" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
