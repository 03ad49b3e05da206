import type { plansRequests } from '../../../../shared/contract/plansRequests';
import type { RequestHandlers } from '../../rpc/requestRouter';
import type { CoreContext } from '../coreContext';

export function plansHandlers(_ctx: CoreContext): Pick<RequestHandlers, keyof typeof plansRequests> {
  return {};
}
