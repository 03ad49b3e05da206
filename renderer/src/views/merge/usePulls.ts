import { useCallback, useEffect, useState } from 'react';
import type { PullEntry } from '../../../../shared/contract/githubRequests';
import { useAppStore } from '../../store/appStore';

export interface PullsState {
  available: boolean;
  problem: string | null;
  byBranch: Record<string, PullEntry>;
  reload(): void;
}

/** Polls a queue's pull requests (every 10 s while the view is open, and after each action). */
export function usePulls(queueId: string, freshness: string): PullsState {
  const client = useAppStore((s) => s.client);
  const [round, setRound] = useState(0);
  const [state, setState] = useState<Omit<PullsState, 'reload'>>({ available: false, problem: null, byBranch: {} });
  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    const read = () =>
      void client.call('github.pulls', { queueId }).then((result) => {
        if (cancelled) return;
        if (!result.ok) setState((s) => ({ ...s, problem: result.error.message }));
        else setState({ available: result.value.available, problem: result.value.problem, byBranch: Object.fromEntries(result.value.entries.map((e) => [e.branch, e])) });
      });
    read();
    const timer = window.setInterval(read, 10_000);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [client, queueId, freshness, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}
