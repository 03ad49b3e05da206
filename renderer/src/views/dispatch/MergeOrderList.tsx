import { useState } from 'react';
import type { DispatchRowDraft } from '../../../../shared/domain/dispatch';

/**
 * Merge order of one batch: drag and drop, or the ↑/↓ buttons (keyboard). First merged becomes the
 * base for the next (§8).
 */
export function MergeOrderList(props: {
  batch: number;
  rows: readonly DispatchRowDraft[];
  disabled: boolean;
  /** Sessions whose place the plan declares, and the lines that declare it. */
  record: { declared: readonly string[]; sources: readonly { line: number; text: string }[]; unmatched: readonly { token: string; line: number }[] };
  edited: boolean;
  onChange(order: string[]): void;
}) {
  const ordered = [...props.rows].sort((a, b) => a.mergeOrder - b.mergeOrder);
  const [dragging, setDragging] = useState<string | null>(null);
  // Keys are the sessions as the table names them (`S-A`, `2B`): labels need not be phase ids.
  const phases = ordered.map((r) => r.session);
  const declared = ordered.filter((r) => props.record.declared.includes(r.session));
  const source =
    props.edited
      ? 'your order: approving writes it where the plan declares its merge order'
      : declared.length === ordered.length && ordered.length > 0
        ? `declared in the plan${props.record.sources.length > 0 ? ` (line ${props.record.sources.map((s) => s.line).join(', ')})` : ''}`
        : declared.length > 0
          ? `${declared.map((r) => r.session).join(', ')} declared in the plan; the rest in batch and plan order`
          : 'not declared in the plan: batch and plan order (approving writes it as a Merge order line)';
  const move = (from: number, to: number) => {
    if (to < 0 || to >= phases.length || from === to) return;
    const next = [...phases];
    const [item] = next.splice(from, 1);
    if (item === undefined) return;
    next.splice(to, 0, item);
    props.onChange(next);
  };
  return (
    <>
    <div className="faint dispatch-merge-source" data-testid="merge-order-source" title={props.record.sources.map((s) => `line ${s.line}: ${s.text}`).join('\n')}>
      {source}
    </div>
    {props.record.unmatched.length > 0 ? (
      <div className="dispatch-merge-unmatched" data-testid="merge-order-unmatched">
        {props.record.unmatched.map((u) => `“${u.token}” (line ${u.line})`).join(', ')} names no session of this plan
      </div>
    ) : null}
    <ol className="dispatch-merge" data-testid="merge-order" aria-label={`Merge order of batch ${props.batch}`}>
      {ordered.map((r, i) => (
        <li
          key={r.session}
          data-testid="merge-item"
          data-phase={r.phase}
          data-session={r.session}
          draggable={!props.disabled}
          className={dragging === r.session ? 'dragging' : undefined}
          onDragStart={(e) => {
            e.dataTransfer.setData('text/plain', r.session);
            e.dataTransfer.effectAllowed = 'move';
            setDragging(r.session);
          }}
          onDragEnd={() => setDragging(null)}
          onDragOver={(e) => {
            if (!props.disabled) e.preventDefault();
          }}
          onDrop={(e) => {
            e.preventDefault();
            const from = phases.indexOf(e.dataTransfer.getData('text/plain'));
            if (from !== -1) move(from, i);
            setDragging(null);
          }}
        >
          <span className="dispatch-grip" aria-hidden="true">
            ⋮⋮
          </span>
          <span className="dispatch-pos">{i + 1}</span>
          <span className="mono">{r.session}</span>
          <span className="dim dispatch-merge-focus">{r.focus}</span>
          <span className="dispatch-merge-buttons">
            <button type="button" className="btn small" aria-label={`Move ${r.session} up`} disabled={props.disabled || i === 0} onClick={() => move(i, i - 1)}>
              ↑
            </button>
            <button type="button" className="btn small" aria-label={`Move ${r.session} down`} disabled={props.disabled || i === ordered.length - 1} onClick={() => move(i, i + 1)}>
              ↓
            </button>
          </span>
        </li>
      ))}
    </ol>
    </>
  );
}
