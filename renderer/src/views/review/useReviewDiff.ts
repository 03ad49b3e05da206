import { useCallback, useEffect, useState } from 'react';
import type { ReviewSubject } from '../../../../shared/contract/reviewRequests';
import type { ReviewDiff } from '../../../../shared/domain/review';
import { useAppStore } from '../../store/appStore';

export interface ReviewDiffState {
  diff: ReviewDiff | null;
  loading: boolean;
  error: string | null;
  reload(): void;
}

/** Reads `review.diff` for a subject; the last answer stays on screen while a reload runs. */
export function useReviewDiff(subject: ReviewSubject): ReviewDiffState {
  const client = useAppStore((s) => s.client);
  const key = JSON.stringify(subject);
  const [round, setRound] = useState(0);
  const [state, setState] = useState<{ key: string; diff: ReviewDiff | null; loading: boolean; error: string | null }>({ key, diff: null, loading: true, error: null });

  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    setState((s) => (s.key === key ? { ...s, loading: true } : { key, diff: null, loading: true, error: null }));
    void client.call('review.diff', JSON.parse(key) as ReviewSubject).then((result) => {
      if (cancelled) return;
      // A mark the performance check reads: where the wait for core ends and the page's own work starts.
      performance.mark('switchyard:review-data');
      setState(result.ok ? { key, diff: result.value, loading: false, error: null } : { key, diff: null, loading: false, error: result.error.message });
    });
    return () => {
      cancelled = true;
    };
  }, [client, key, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const current = state.key === key ? state : { diff: null, loading: true, error: null };
  return { ...current, reload };
}
