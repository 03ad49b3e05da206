import { useState } from 'react';
import type { MergeQueueView, SemanticHold } from '../../../../shared/domain/mergeView';

/** Flag two branches whose designs clash although git merges them: both approaches go into the plan, the queue holds. */
export function FlagSemanticForm({ view, busy, onSubmit, onCancel }: { view: MergeQueueView; busy: boolean; onSubmit(branches: string[], note: string): void; onCancel(): void }) {
  const [a, setA] = useState(view.order[0] ?? '');
  const [b, setB] = useState(view.order[1] ?? '');
  const [note, setNote] = useState('');
  const ok = a !== '' && b !== '' && a !== b && note.trim() !== '';
  const pick = (value: string, set: (v: string) => void, label: string) => (
    <select aria-label={label} value={value} onChange={(e) => set(e.target.value)}>
      {view.order.map((br) => (
        <option key={br} value={br}>
          {br}
        </option>
      ))}
    </select>
  );
  return (
    <form
      className="merge-form"
      aria-label="Flag a semantic conflict"
      onSubmit={(e) => {
        e.preventDefault();
        if (ok) onSubmit([a, b], note.trim());
      }}
    >
      <strong>Flag a semantic conflict</strong>
      <div className="merge-form-row">
        {pick(a, setA, 'First branch')} <span className="faint">vs</span> {pick(b, setB, 'Second branch')}
      </div>
      <label>
        What clashes? (both approaches are noted in the plan file; the queue holds until you decide)
        <textarea value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="merge-form-actions">
        <button type="submit" className="btn primary small" disabled={!ok || busy}>
          Flag and hold the queue
        </button>
        <button type="button" className="btn small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * §3 Cross-session: two sessions' work clashes — human arbitration. Flagging comments on the master
 * plan issue (both sessions, the files), writes the hold into the plan, and holds both merges.
 */
export function FlagCrossSessionForm({ branches, files, busy, onSubmit, onCancel }: { branches: [string, string]; files: readonly string[]; busy: boolean; onSubmit(note: string): void; onCancel(): void }) {
  const [note, setNote] = useState('');
  return (
    <form
      className="merge-form"
      aria-label="Flag a cross-session conflict"
      data-testid="cross-session-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(note.trim());
      }}
    >
      <strong>Flag a cross-session conflict</strong>
      <div className="faint">
        {branches.join(' × ')}
        {files.length > 0 ? ` in ${files.join(', ')}` : ''}: a comment on the master plan issue names both sessions and the files; both merges wait until you record the resolution.
      </div>
      <label>
        What needs deciding? (optional)
        <textarea data-testid="cross-session-note" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="merge-form-actions">
        <button type="submit" className="btn primary small" data-testid="cross-session-submit" disabled={busy}>
          Flag in Linear and hold both
        </button>
        <button type="button" className="btn small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A hold in force: what was flagged, and where the person records the decision that releases it. */
export function HoldBanner({ hold, busy, onResolve }: { hold: SemanticHold; busy: boolean; onResolve(decision: string): void }) {
  const [decision, setDecision] = useState('');
  const cross = hold.kind === 'cross-session';
  return (
    <div className={`banner merge-hold ${hold.kind}`} role="alert" data-testid="merge-hold" data-kind={hold.kind}>
      {cross ? (
        <>
          <strong>Merges held: cross-session conflict</strong> between {hold.branches.join(' and ')}
          {hold.files.length > 0 ? <> in <code>{hold.files.join(', ')}</code></> : null} — {hold.note}
          {hold.comment ? <div className="faint" data-testid="merge-hold-comment">Linear: {hold.comment.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')}</div> : null}
        </>
      ) : (
        <>
          <strong>Queue held: semantic conflict</strong> between {hold.branches.join(' and ')} — {hold.note}
        </>
      )}
      <div className="merge-form-row">
        <input type="text" aria-label="Decision" placeholder="What did you decide?" value={decision} onChange={(e) => setDecision(e.target.value)} />
        <button type="button" className="btn small" data-testid="merge-hold-resolve" disabled={busy || decision.trim() === ''} onClick={() => onResolve(decision.trim())}>
          Resolve and release
        </button>
      </div>
    </div>
  );
}

/** §3 Post-session: the review of the session's PR passed — recorded in the plan, the branch may merge. */
export function PostSessionReviewForm({ branch, busy, onSubmit, onCancel }: { branch: string; busy: boolean; onSubmit(note: string): void; onCancel(): void }) {
  const [note, setNote] = useState('');
  return (
    <form
      className="merge-form"
      aria-label="Record a post-session review"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(note.trim());
      }}
    >
      <strong>Post-session review of {branch} passed</strong>
      <label>
        Link or note (PR approval, review comment)
        <input data-testid="post-review-note" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="merge-form-actions">
        <button type="submit" className="btn primary small" data-testid="post-review-submit" disabled={busy}>
          Record in the plan
        </button>
        <button type="button" className="btn small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
