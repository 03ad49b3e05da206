import type { linearRequests } from '../../../../shared/contract/linearRequests';
import type { RequestHandlers } from '../../rpc/requestRouter';
import type { CoreContext } from '../coreContext';

export function linearHandlers(_ctx: CoreContext): Pick<RequestHandlers, keyof typeof linearRequests> {
  return {};
}
