import type { dispatchRequests } from '../../../../shared/contract/dispatchRequests';
import type { RequestHandlers } from '../../rpc/requestRouter';
import type { CoreContext } from '../coreContext';

export function dispatchHandlers(_ctx: CoreContext): Pick<RequestHandlers, keyof typeof dispatchRequests> {
  return {};
}
