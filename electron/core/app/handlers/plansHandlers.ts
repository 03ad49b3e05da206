import { RpcFailure } from '../../../../shared/contract';
import type { plansRequests } from '../../../../shared/contract/plansRequests';
import type { PlansService } from '../../plans/service/plansService';
import type { RequestHandlers } from '../../rpc/requestRouter';
import type { CoreContext } from '../coreContext';

/** The running plans service, or a clear refusal while the workspace is (re)starting. */
export function plansServiceOf(ctx: CoreContext): PlansService {
  const service = ctx.runtime().plans;
  if (!service) throw new RpcFailure('unavailable', 'Plans are still loading; try again in a moment.');
  return service;
}

export function plansHandlers(ctx: CoreContext): Pick<RequestHandlers, keyof typeof plansRequests> {
  return {
    'plans.rename': (request) => plansServiceOf(ctx).rename(request),
    'plans.linkIssueIds': (request) => plansServiceOf(ctx).linkIssueIds(request),
    'plans.markSessionFailed': (request) => plansServiceOf(ctx).markSessionFailed(request),
    'plans.recordReview': (request) => plansServiceOf(ctx).recordReview(request),
    'plans.moveDispatchPrompts': (request) => plansServiceOf(ctx).moveDispatchPrompts(request),
  };
}
