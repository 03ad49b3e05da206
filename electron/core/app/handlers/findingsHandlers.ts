import { RpcFailure } from '../../../../shared/contract';
import type { findingsRequests } from '../../../../shared/contract/findingsRequests';
import type { ReviewFindingsService } from '../../linear/service/reviewFindingsService';
import type { RequestHandlers } from '../../rpc/requestRouter';
import type { CoreContext } from '../coreContext';

export function findingsHandlers(ctx: CoreContext): Pick<RequestHandlers, keyof typeof findingsRequests> {
  const findings = (): ReviewFindingsService => {
    const service = ctx.runtime().linear;
    if (!service) throw new RpcFailure('unavailable', 'Linear is still starting; try again in a moment.');
    return service.findings;
  };
  return {
    'findings.load': ({ issueId }) => findings().load(issueId),
    'findings.decide': ({ issueId, tableKey, decisions }) => findings().decide(issueId, tableKey, decisions),
    'findings.dispatch': ({ issueId, tableKey, choices }) => findings().dispatch(issueId, tableKey, choices),
  };
}
