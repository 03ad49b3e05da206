import type { mergeRequests } from '../../../../shared/contract/mergeRequests';
import type { RequestHandlers } from '../../rpc/requestRouter';
import type { CoreContext } from '../coreContext';

export function mergeHandlers(_ctx: CoreContext): Pick<RequestHandlers, keyof typeof mergeRequests> {
  return {};
}
