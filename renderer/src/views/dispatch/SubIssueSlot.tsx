import { useAppStore } from '../../store/appStore';

/**
 * Linear sub-issue progress of a plan's approved rows, from `linearCreations` (written by the Linear
 * service). Seam: swap in `views/linear/SubIssueProgress` once it lands; this shows the same data plainly.
 */
export function SubIssueSlot({ planPath }: { planPath: string }) {
  const creations = useAppStore((s) => s.state?.linearCreations);
  const mine = Object.entries(creations ?? {}).filter(([, c]) => c.planPath === planPath);
  if (mine.length === 0) return null;
  return (
    <ul className="dispatch-subissues" data-testid="subissue-progress">
      {mine.map(([key, c]) => (
        <li key={key}>
          <span className="mono">{key.replace(/^.*#/, '')}</span> <span className="pill">{c.status}</span> {c.identifier ? <span className="mono">{c.identifier}</span> : null}
          {c.error ? <span className="dispatch-suberr"> {c.error}</span> : null}
        </li>
      ))}
    </ul>
  );
}
