import { useState } from 'react';
import type { DispatchRowDraft } from '../../../../shared/domain/dispatch';

/**
 * Merge order of one batch: drag and drop, or the ↑/↓ buttons (keyboard). First merged becomes the
 * base for the next (§8).
 */
export function MergeOrderList(props: { batch: number; rows: readonly DispatchRowDraft[]; disabled: boolean; onChange(order: string[]): void }) {
  const ordered = [...props.rows].sort((a, b) => a.mergeOrder - b.mergeOrder);
  const [dragging, setDragging] = useState<string | null>(null);
  const phases = ordered.map((r) => r.phase);
  const move = (from: number, to: number) => {
    if (to < 0 || to >= phases.length || from === to) return;
    const next = [...phases];
    const [item] = next.splice(from, 1);
    if (item === undefined) return;
    next.splice(to, 0, item);
    props.onChange(next);
  };
  return (
    <ol className="dispatch-merge" data-testid="merge-order" aria-label={`Merge order of batch ${props.batch}`}>
      {ordered.map((r, i) => (
        <li
          key={r.phase}
          data-testid="merge-item"
          data-phase={r.phase}
          draggable={!props.disabled}
          className={dragging === r.phase ? 'dragging' : undefined}
          onDragStart={(e) => {
            e.dataTransfer.setData('text/plain', r.phase);
            e.dataTransfer.effectAllowed = 'move';
            setDragging(r.phase);
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
  );
}
