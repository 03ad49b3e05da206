import type { dispatchRequests } from '../../../../shared/contract/dispatchRequests';
import type { RequestHandlers } from '../../rpc/requestRouter';
import type { CoreContext } from '../coreContext';
import { plansServiceOf } from './plansHandlers';

export function dispatchHandlers(ctx: CoreContext): Pick<RequestHandlers, keyof typeof dispatchRequests> {
  return {
    'dispatch.evaluate': async ({ planPath, edits }) => plansServiceOf(ctx).evaluate(planPath, edits),
    'dispatch.approve': (request) => plansServiceOf(ctx).approve(request),
    'dispatch.reject': (request) => plansServiceOf(ctx).reject(request),
    'dispatch.setSufficiency': ({ planPath, ...answers }) => plansServiceOf(ctx).setSufficiency({ planPath, answers }),
    'dispatch.addFollowUpTrack': (request) => plansServiceOf(ctx).addFollowUpTrack(request),
  };
}
