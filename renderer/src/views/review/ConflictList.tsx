import type { ConflictHunk, PredictedConflict } from '../../../../shared/domain/review';

function Lines({ lines, className }: { lines: readonly string[]; className: string }) {
  return (
    <>
      {lines.map((l, i) => (
        <div key={i} className={`review-conflict-line ${className}`}>
          {l || ' '}
        </div>
      ))}
    </>
  );
}

function Hunk({ hunk, ours, theirs }: { hunk: ConflictHunk; ours: string; theirs: string }) {
  return (
    <div className="review-conflict-hunk" data-testid="conflict-hunk">
      <div className="review-conflict-at faint">line {hunk.line}</div>
      <Lines lines={hunk.before} className="faint" />
      <div className="review-conflict-marker">{'<<<<<<< '}{ours}</div>
      <Lines lines={hunk.ours} className="review-conflict-ours" />
      {hunk.base ? (
        <>
          <div className="review-conflict-marker">{'||||||| common ancestor'}</div>
          <Lines lines={hunk.base} className="review-conflict-base" />
        </>
      ) : null}
      <div className="review-conflict-marker">=======</div>
      <Lines lines={hunk.theirs} className="review-conflict-theirs" />
      <div className="review-conflict-marker">{'>>>>>>> '}{theirs}</div>
      <Lines lines={hunk.after} className="faint" />
    </div>
  );
}

/** The conflicts git predicts for merging the branch: per partner, per file, the hunks with both sides. */
export function ConflictList({ conflicts, branch }: { conflicts: readonly PredictedConflict[]; branch: string }) {
  if (conflicts.length === 0) return <p className="faint review-none" data-testid="conflicts-none">No conflicts predicted: git merges this branch cleanly.</p>;
  return (
    <div className="review-conflicts" data-testid="review-conflicts">
      {conflicts.map((c) => (
        <section key={c.against} className="review-conflict-partner">
          <h3>
            {c.againstIsBase ? 'Merging into ' : 'Merging together with '}
            <code>{c.against}</code>
            {c.againstIsBase ? '' : ' (another branch of the queue)'}
          </h3>
          {c.error ? <p className="banner">{c.error}</p> : null}
          {c.files.map((f) => (
            <div key={f.path} className="review-conflict-file" data-testid="conflict-file" data-path={f.path}>
              <div className="review-conflict-path mono">{f.path}</div>
              {f.messages.map((m) => (
                <div key={m} className="faint review-conflict-message">
                  {m}
                </div>
              ))}
              {f.hunks.map((h) => (
                <Hunk key={h.line} hunk={h} ours={c.against} theirs={branch} />
              ))}
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
