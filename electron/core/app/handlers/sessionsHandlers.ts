import type { sessionsRequests } from '../../../../shared/contract/sessionsRequests';
import type { RequestHandlers } from '../../rpc/requestRouter';
import type { CoreContext } from '../coreContext';

export function sessionsHandlers(_ctx: CoreContext): Pick<RequestHandlers, keyof typeof sessionsRequests> {
  return {};
}
