import { useState } from 'react';

const MIN_REASON = 8;

/** Merging out of the declared order needs a reason a person wrote; it is kept in the plan file. */
export function OverrideForm({ branch, busy, onSubmit, onCancel }: { branch: string; busy: boolean; onSubmit(reason: string): void; onCancel(): void }) {
  const [reason, setReason] = useState('');
  const ok = reason.trim().length >= MIN_REASON;
  return (
    <form
      className="merge-form"
      aria-label="Merge out of order"
      onSubmit={(e) => {
        e.preventDefault();
        if (ok) onSubmit(reason.trim());
      }}
    >
      <strong>Merge {branch} out of order</strong>
      <label>
        Why now? (kept in the plan file's Merge Log)
        <textarea value={reason} autoFocus onChange={(e) => setReason(e.target.value)} placeholder="e.g. the release needs this fix before the others" />
      </label>
      <div className="merge-form-actions">
        <button type="submit" className="btn primary small" disabled={!ok || busy}>
          Merge out of order
        </button>
        <button type="button" className="btn small" onClick={onCancel}>
          Cancel
        </button>
        {!ok ? <span className="faint">at least {MIN_REASON} characters</span> : null}
      </div>
    </form>
  );
}
