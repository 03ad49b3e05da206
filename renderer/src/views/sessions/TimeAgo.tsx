import { exactTime } from '../../format/exactTime';
import { relativeTime } from '../../format/relativeTime';
import { useClock } from './useClock';

/** "40 s ago", exact local time on hover; re-renders on the shared clock's tick only. */
export function TimeAgo(props: { iso: string | null | undefined }) {
  const now = useClock();
  if (!props.iso) return <span className="faint">—</span>;
  return (
    <time dateTime={props.iso} title={exactTime(props.iso)}>
      {relativeTime(props.iso, now)}
    </time>
  );
}
