import type { MergeQueueView } from '../../../../shared/domain/mergeView';

function label(view: MergeQueueView, name: string): string {
  if (name === 'base') return view.base;
  return view.rows.find((r) => r.branch === name)?.label ?? view.rows.find((r) => r.branch === name)?.phase ?? name.replace(/^.*\//, '');
}

/**
 * Every branch against the base and against each other, predicted with `git merge-tree` (no working
 * tree touched). A conflicting cell names its files on hover.
 */
export function ConflictGrid({ view, onFlagCross }: { view: MergeQueueView; onFlagCross?: (a: string, b: string) => void }) {
  const matrix = view.matrix;
  if (!matrix || matrix.branches.length === 0) return <p className="faint">No branches to compare yet.</p>;
  const cell = (a: string, b: string) => matrix.cells.find((c) => (c.a === a && c.b === b) || (c.a === b && c.b === a)) ?? null;
  const rowsOf = ['base', ...matrix.branches];
  const conflicts = matrix.cells.filter((c) => c.conflicts);
  return (
    <>
    <table className="merge-matrix" data-testid="conflict-matrix" aria-label="Conflict matrix">
      <thead>
        <tr>
          <th />
          {matrix.branches.map((b) => (
            <th key={b} title={b}>
              {label(view, b)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rowsOf.map((a) => (
          <tr key={a}>
            <th title={a === 'base' ? `the base, ${view.base}` : a}>{label(view, a)}</th>
            {matrix.branches.map((b) => {
              if (a === b) return <td key={b} className="merge-cell self" />;
              const c = cell(a, b);
              if (!c) return <td key={b} className="merge-cell none" />;
              const who = `${label(view, a)} × ${label(view, b)}`;
              if (c.error) return <td key={b} className="merge-cell err" title={`${who}: ${c.error}`}>?</td>;
              return c.conflicts ? (
                <td key={b} className="merge-cell conflict" data-conflict="true" title={`${who} conflict in:\n${c.files.join('\n')}`}>
                  ✕ {c.files.length}
                </td>
              ) : (
                <td key={b} className="merge-cell clean" title={`${who}: merges cleanly`}>
                  ✓
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
    {conflicts.length > 0 ? (
      <ul className="merge-conflict-list" data-testid="predicted-conflicts">
        {conflicts.map((c) => (
          <li key={`${c.a}\0${c.b}`}>
            <strong>{label(view, c.a)} × {label(view, c.b)}</strong> will conflict in <code>{c.files.join(', ')}</code>
            {onFlagCross && c.a !== 'base' && c.b !== 'base' && !view.holds.some((h) => h.kind === 'cross-session' && h.branches.includes(c.a) && h.branches.includes(c.b)) ? (
              <button type="button" className="btn small merge-flag-cross" data-testid="flag-cross-session" onClick={() => onFlagCross(c.a, c.b)}>
                Flag cross-session conflict…
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    ) : (
      <p className="faint merge-sub">No predicted conflicts.</p>
    )}
    </>
  );
}
