import type { SessionRecord } from '../../../../shared/domain/session';

/** Collisions and warnings, right after the name: the two things that cost work if missed. */
export function SessionMarkers(props: { record: SessionRecord }) {
  const { collisions, warnings } = props.record;
  const first = collisions[0];
  return (
    <>
      {first ? (
        <span
          className="pill bad sessions-marker"
          data-testid="collision-marker"
          title={collisions.map((c) => `${c.file} is also changed by ${c.otherSessionName}`).join('\n')}
        >
          {/* The count sits by the file, before the name the ellipsis may cut: "+N" is never hidden. */}
          ⇄ {first.file}
          {collisions.length > 1 ? ` +${collisions.length - 1}` : ''} · {first.otherSessionName}
        </span>
      ) : null}
      {warnings.length > 0 ? (
        <span className="pill warn sessions-marker" data-testid="warning-marker" title={warnings.join('\n')}>
          ⚠ {warnings.length === 1 ? 'warning' : `${warnings.length} warnings`}
        </span>
      ) : null}
    </>
  );
}
