import { useCallback, useEffect, useState } from 'react';
import type { PullEntry } from '../../../../shared/contract/githubRequests';
import type { MergeStrategy } from '../../../../shared/domain/merge';
import { useAppStore } from '../../store/appStore';

export interface PullsState {
  available: boolean;
  problem: string | null;
  byBranch: Record<string, PullEntry>;
  /** What the repository allows (null until read). */
  allowedMethods: MergeStrategy[] | null;
  reload(): void;
}

/**
 * A queue's pull requests: read when the branches or the base move, after each action, and once a
 * minute while the page is visible (each read is about five GitHub requests per branch; GitHub
 * allows 5,000 an hour).
 */
export function usePulls(queueId: string, freshness: string): PullsState {
  const client = useAppStore((s) => s.client);
  const [round, setRound] = useState(0);
  const [state, setState] = useState<Omit<PullsState, 'reload'>>({ available: false, problem: null, byBranch: {}, allowedMethods: null });
  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    const read = () =>
      void client.call('github.pulls', { queueId }).then((result) => {
        if (cancelled) return;
        if (!result.ok) setState((s) => ({ ...s, problem: result.error.message }));
        else
          setState({
            available: result.value.available,
            problem: result.value.problem,
            byBranch: Object.fromEntries(result.value.entries.map((e) => [e.branch, e])),
            allowedMethods: result.value.allowedMethods,
          });
      });
    read();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') read();
    }, 60_000);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [client, queueId, freshness, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}
