import { useEffect, useState } from 'react';
import type { SessionDetails } from '../../../../shared/contract/sessionsRequests';
import { useAppStore } from '../../store/appStore';

export interface DetailsState {
  details: SessionDetails | null;
  loading: boolean;
  error: string | null;
}

/**
 * Reads `sessions.details` for one session, again whenever `freshness` changes (a new commit,
 * changed files, a new transcript line). The last answer stays on screen while the next one loads.
 */
export function useSessionDetails(id: string | null, freshness: string): DetailsState {
  const client = useAppStore((s) => s.client);
  const [state, setState] = useState<DetailsState & { id: string | null }>({ id: null, details: null, loading: false, error: null });

  useEffect(() => {
    if (!id || !client) return;
    let cancelled = false;
    setState((s) => (s.id === id ? { ...s, loading: true } : { id, details: null, loading: true, error: null }));
    void client.call('sessions.details', { id }).then((result) => {
      if (cancelled) return;
      setState(result.ok ? { id, details: result.value, loading: false, error: null } : { id, details: null, loading: false, error: result.error.message });
    });
    return () => {
      cancelled = true;
    };
  }, [client, id, freshness]);

  return state.id === id ? state : { details: null, loading: true, error: null };
}
