import { useCallback, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ReviewSubject } from '../../../../shared/contract/reviewRequests';
import type { ReviewDiff } from '../../../../shared/domain/review';
import { ConflictList } from './ConflictList';
import { DiffBody, type JumpRequest } from './DiffBody';
import type { DiffLayout } from './diffRows';
import { StatusBadge } from './DiffRowView';
import { useReviewDiff } from './useReviewDiff';
import './diffReview.css';

const LAYOUT_KEY = 'switchyard.review.layout';

function savedLayout(): DiffLayout {
  try {
    return window.localStorage.getItem(LAYOUT_KEY) === 'split' ? 'split' : 'unified';
  } catch {
    return 'unified';
  }
}

function FileList({ diff, current, onPick }: { diff: ReviewDiff; current: number; onPick(file: number): void }) {
  return (
    <nav className="review-files" aria-label="Changed files" data-testid="review-files">
      {diff.files.map((f, i) => (
        <button key={f.path} type="button" className={`review-file-link${i === current ? ' current' : ''}`} title={f.oldPath ? `${f.oldPath} → ${f.path}` : f.path} onClick={() => onPick(i)}>
          <StatusBadge status={f.status} />
          <span className="review-file-name">{f.path}</span>
          <span className="review-counts">
            {f.binary ? <span className="faint">bin</span> : (
              <>
                <span className="review-plus">+{f.additions}</span> <span className="review-minus">−{f.deletions}</span>
              </>
            )}
          </span>
        </button>
      ))}
    </nav>
  );
}

/**
 * Reviews a branch as its merge would bring it: every changed file against the merge-base with the
 * base, unified or side by side, and the conflicts git predicts. Opened over the Merge view (per
 * queue entry) and the Sessions view (per session); Esc closes it.
 */
export function DiffReview({ subject, title, onClose }: { subject: ReviewSubject; title: string; onClose(): void }) {
  const { diff, loading, error, reload } = useReviewDiff(subject);
  const [layout, setLayout] = useState<DiffLayout>(savedLayout);
  const [tab, setTab] = useState<'changes' | 'conflicts'>('changes');
  const [jump, setJump] = useState<JumpRequest | null>(null);
  const [current, setCurrent] = useState(0);
  const conflictCount = diff?.conflicts.reduce((n, c) => n + c.files.length, 0) ?? 0;

  useEffect(() => {
    // Capture phase, so the views' own Esc (closing the session panel) does not fire underneath.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopImmediatePropagation();
      event.preventDefault();
      onClose();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);

  const pick = useCallback((file: number) => {
    setTab('changes');
    setJump((j) => ({ file, seq: (j?.seq ?? 0) + 1 }));
  }, []);
  const chooseLayout = (next: DiffLayout) => {
    setLayout(next);
    try {
      window.localStorage.setItem(LAYOUT_KEY, next);
    } catch {
      // Private windows may refuse storage; the choice then lasts for this review only.
    }
  };

  // A portal: the views it opens from clip and scroll their own boxes; the review covers the window.
  return createPortal(
    <div className="review-overlay" role="dialog" aria-modal="true" aria-label={`Review ${title}`} data-testid="diff-review" data-computed-ms={diff?.computedMs}>
      <header className="review-head">
        <div className="review-title">
          <h2>{title}</h2>
          {diff ? (
            <div className="faint review-sub" data-testid="review-summary">
              <code>{diff.branch}</code> → <code>{diff.base}</code> · {diff.totals.files} file{diff.totals.files === 1 ? '' : 's'} ·{' '}
              <span className="review-plus">+{diff.totals.additions}</span> <span className="review-minus">−{diff.totals.deletions}</span>
              {diff.mergeBase ? <span title={diff.mergeBase}> · since merge-base {diff.mergeBase.slice(0, 8)}</span> : ' · no common base'}
            </div>
          ) : null}
        </div>
        <div className="review-tools">
          <div className="review-tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'changes'} className={`btn small${tab === 'changes' ? ' active' : ''}`} onClick={() => setTab('changes')}>
              Changes
            </button>
            <button type="button" role="tab" aria-selected={tab === 'conflicts'} data-testid="review-conflicts-tab" className={`btn small${tab === 'conflicts' ? ' active' : ''}${conflictCount > 0 ? ' review-has-conflicts' : ''}`} onClick={() => setTab('conflicts')}>
              Conflicts{diff ? ` (${conflictCount})` : ''}
            </button>
          </div>
          <div className="review-tabs" role="group" aria-label="Layout">
            <button type="button" className={`btn small${layout === 'unified' ? ' active' : ''}`} aria-pressed={layout === 'unified'} onClick={() => chooseLayout('unified')}>
              Unified
            </button>
            <button type="button" className={`btn small${layout === 'split' ? ' active' : ''}`} aria-pressed={layout === 'split'} onClick={() => chooseLayout('split')}>
              Side by side
            </button>
          </div>
          <button type="button" className="btn small" disabled={loading} onClick={reload}>
            {loading && diff ? 'Reading…' : 'Reload'}
          </button>
          <button type="button" className="btn small" onClick={onClose} aria-label="Close the review" title="Close (Esc)">
            ✕
          </button>
        </div>
      </header>
      {error ? <div className="banner review-error">{error}</div> : null}
      {diff?.limited ? <div className="banner" data-testid="review-limited">{diff.limited}</div> : null}
      {!diff && loading ? <p className="faint review-none">Reading the diff…</p> : null}
      {diff ? (
        <div className="review-main">
          <FileList diff={diff} current={current} onPick={pick} />
          {tab === 'changes' ? (
            diff.files.length === 0 ? (
              <p className="faint review-none">No changes: the branch brings nothing its base does not have.</p>
            ) : (
              <DiffBody files={diff.files} layout={layout} jump={jump} onCurrentFile={setCurrent} />
            )
          ) : (
            <div className="review-scroll">
              <ConflictList conflicts={diff.conflicts} branch={diff.branch} />
            </div>
          )}
        </div>
      ) : null}
    </div>,
    document.body,
  );
}
