import type { RequestName, RequestOf, ResultOf } from '../../../shared/contract';
import { useAppStore } from '../store/appStore';

/**
 * Calls core and shows the outcome as a toast: failures always (with core's own words), successes
 * only when a message is given. Returns the value, or null on failure.
 */
export async function callAndToast<N extends RequestName>(name: N, request: RequestOf<N>, successTitle?: string): Promise<ResultOf<N> | null> {
  const { client } = useAppStore.getState();
  const push = (level: 'success' | 'error', title: string, body?: string) =>
    useAppStore.setState((s) => ({
      toasts: [...s.toasts, { id: `${Date.now()}-${Math.random()}`, level, title, at: new Date().toISOString(), ...(body ? { body } : {}) }].slice(-5),
    }));
  if (!client) {
    push('error', 'Not connected', 'Switchyard is not connected yet.');
    return null;
  }
  const result = await client.call(name, request);
  if (!result.ok) {
    push('error', 'That did not work', result.error.message);
    return null;
  }
  if (successTitle) push('success', successTitle);
  return result.value;
}
