import { useEffect, useMemo, useState } from 'react';
import type { ResultOf } from '../../../../shared/contract';
import type { SessionRecord } from '../../../../shared/domain/session';
import { useAppStore } from '../../store/appStore';

export type SessionPullFeedback = ResultOf<'github.sessionFeedback'>;

/**
 * Every session's pull request feedback, for the rows and the detail alike (one read, one fact):
 * read when a session's branch, head or status moves, and once a minute while the page is visible
 * (one PR list per repository, then about five GitHub requests per session that has a PR).
 */
export function useSessionsFeedback(records: readonly SessionRecord[]): Record<string, SessionPullFeedback> {
  const client = useAppStore((s) => s.client);
  const [bySession, setBySession] = useState<Record<string, SessionPullFeedback>>({});
  const freshness = useMemo(() => records.map((r) => `${r.id}:${r.git?.branch ?? ''}:${r.git?.head ?? ''}:${r.status}`).sort().join('|'), [records]);
  useEffect(() => {
    if (!client || freshness === '') return;
    let cancelled = false;
    const read = () =>
      void client.call('github.sessionsFeedback', {}).then((result) => {
        if (!cancelled && result.ok) setBySession(result.value.bySession);
      });
    read();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') read();
    }, 60_000);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [client, freshness]);
  return bySession;
}
