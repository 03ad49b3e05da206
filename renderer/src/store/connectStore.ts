import type { PushedEvent, SwitchyardClient } from '../../../shared/contract';
import { applyPatchOps } from '../../../shared/state/statePatch';
import { useAppStore } from './appStore';

const MAX_TOASTS = 5;

/**
 * The ONE place that feeds the mirror: a snapshot on (re)connect, then patches in sequence. A gap
 * in sequence numbers means we missed something, so we ask for a fresh snapshot instead of guessing.
 */
export function connectStore(client: SwitchyardClient): () => void {
  const store = useAppStore;
  store.setState({ client });
  let resyncing = false;

  const resync = async () => {
    if (resyncing) return;
    resyncing = true;
    try {
      const result = await client.call('app.snapshot', {});
      if (result.ok) store.setState({ state: result.value.state, seq: result.value.seq });
    } finally {
      resyncing = false;
    }
  };

  const onEvent = (event: PushedEvent) => {
    switch (event.event) {
      case 'state.snapshot':
        store.setState({ state: event.payload.state, seq: event.payload.seq });
        return;
      case 'state.patch': {
        const { seq, state } = store.getState();
        if (!state || event.payload.seq <= seq) return;
        if (event.payload.seq !== seq + 1) {
          void resync();
          return;
        }
        store.setState({ state: applyPatchOps(state, event.payload.ops), seq: event.payload.seq });
        return;
      }
      case 'toast':
        store.setState((s) => ({ toasts: [...s.toasts, event.payload].slice(-MAX_TOASTS) }));
        return;
    }
  };

  const offEvent = client.onEvent(onEvent);
  const offConnection = client.onConnection((connected) => {
    store.setState({ connected });
    if (connected) void resync();
  });
  return () => {
    offEvent();
    offConnection();
  };
}
