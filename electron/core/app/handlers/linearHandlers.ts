import { RpcFailure } from '../../../../shared/contract';
import type { linearRequests } from '../../../../shared/contract/linearRequests';
import type { LinearService } from '../../linear/service/linearService';
import type { RequestHandlers } from '../../rpc/requestRouter';
import type { CoreContext } from '../coreContext';

export function linearHandlers(ctx: CoreContext): Pick<RequestHandlers, keyof typeof linearRequests> {
  const linear = (): LinearService => {
    const service = ctx.runtime().linear;
    if (!service) throw new RpcFailure('unavailable', 'Linear is still starting; try again in a moment.');
    return service;
  };
  return {
    'linear.setKey': ({ apiKey }) => linear().setKey(apiKey),
    'linear.teams': () => linear().teams(),
    'linear.setTeam': ({ teamId }) => linear().setTeam(teamId),
    'linear.refresh': ({ masterIssueId }) => linear().refresh(masterIssueId),
    'linear.setVisible': ({ visible }) => {
      linear().setVisible(visible);
      return { visible };
    },
    'linear.setMasterIssues': ({ ids }) => {
      const service = linear();
      service.setMasterIssues(ids);
      return { ids: service.masterIssues() };
    },
    'linear.createSubIssues': (input) => linear().createSubIssues(input),
    'linear.retryFailed': ({ planPath }) => linear().retryFailed(planPath),
  };
}
