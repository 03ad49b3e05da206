import { useCallback, useEffect, useState } from 'react';
import type { ReviewFindings } from '../../../../shared/domain/reviewFindings';
import { useAppStore } from '../../store/appStore';

export type FindingsLoad = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; value: ReviewFindings } | { status: 'failed'; message: string };

/** An issue's review findings, loaded on demand (comments are not polled: a findings table is read when asked for). */
export function useReviewFindings(issueId: string | null): { load: FindingsLoad; reload(): void; replace(value: ReviewFindings): void } {
  const client = useAppStore((s) => s.client);
  const [load, setLoad] = useState<{ issueId: string | null; value: FindingsLoad }>({ issueId: null, value: { status: 'idle' } });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!client || !issueId) return;
    let cancelled = false;
    setLoad({ issueId, value: { status: 'loading' } });
    void client.call('findings.load', { issueId }).then((r) => {
      if (cancelled) return;
      setLoad({ issueId, value: r.ok ? { status: 'ready', value: r.value } : { status: 'failed', message: r.error.message } });
    });
    return () => {
      cancelled = true;
    };
  }, [client, issueId, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const replace = useCallback((value: ReviewFindings) => setLoad((prev) => ({ issueId: prev.issueId, value: { status: 'ready', value } })), []);
  return { load: load.issueId === issueId ? load.value : { status: 'idle' }, reload, replace };
}
