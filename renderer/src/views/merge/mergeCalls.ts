import type { RequestName, RequestOf, ResultOf } from '../../../../shared/contract';
import { useAppStore } from '../../store/appStore';
import { pushToast } from '../sessions/pushToast';

/**
 * Calls a merge request and says how it went: core's own words on failure, the given title on
 * success. Returns the value, or null when it did not work.
 */
export async function mergeCall<N extends RequestName>(name: N, request: RequestOf<N>, success?: (value: ResultOf<N>) => string | null): Promise<ResultOf<N> | null> {
  const { client } = useAppStore.getState();
  if (!client) {
    pushToast('error', 'Not connected', 'Switchyard is not connected yet.');
    return null;
  }
  const result = await client.call(name, request);
  if (!result.ok) {
    pushToast('error', 'Not done', result.error.message);
    return null;
  }
  const title = success?.(result.value);
  if (title) pushToast('success', title);
  return result.value;
}
