import { RpcFailure } from '../../../../shared/contract';
import type { mergeRequests } from '../../../../shared/contract/mergeRequests';
import type { MergeService } from '../../merge/service/mergeService';
import type { RequestHandlers } from '../../rpc/requestRouter';
import type { CoreContext } from '../coreContext';

/** The running merge service, or a clear refusal while the workspace is (re)starting. */
function mergeServiceOf(ctx: CoreContext): MergeService {
  const service = ctx.runtime().merge;
  if (!service) throw new RpcFailure('unavailable', 'Merge queues are still loading; try again in a moment.');
  return service;
}

export function mergeHandlers(ctx: CoreContext): Pick<RequestHandlers, keyof typeof mergeRequests> {
  return {
    'merge.refresh': async ({ queueId }) => ({ queues: await mergeServiceOf(ctx).refreshAll(queueId) }),
    'merge.setStrategy': ({ queueId, strategy }) => mergeServiceOf(ctx).setStrategy(queueId, strategy),
    'merge.setOrder': ({ queueId, order }) => mergeServiceOf(ctx).setOrder(queueId, order),
    'merge.mergeNext': ({ queueId }) => mergeServiceOf(ctx).mergeNext(queueId),
    'merge.mergeOutOfOrder': ({ queueId, branch, reason }) => mergeServiceOf(ctx).mergeOutOfOrder(queueId, branch, reason),
    'merge.rebase': ({ queueId, branch }) => mergeServiceOf(ctx).rebase(queueId, branch),
    'merge.undo': ({ backupRef, expectedSha }) => mergeServiceOf(ctx).undo(backupRef, expectedSha ?? null),
    'merge.revert': ({ backupRef }) => mergeServiceOf(ctx).revert(backupRef),
    'merge.removeWorktree': ({ queueId, branch }) => mergeServiceOf(ctx).removeWorktree(queueId, branch),
    'merge.flagSemanticConflict': ({ queueId, branches, note }) => mergeServiceOf(ctx).flagSemanticConflict(queueId, branches, note),
    'merge.flagCrossSessionConflict': ({ queueId, branches, note }) => mergeServiceOf(ctx).flagCrossSessionConflict(queueId, branches, note),
    'merge.resolveSemanticConflict': ({ queueId, holdId, decision }) => mergeServiceOf(ctx).resolveSemanticConflict(queueId, holdId, decision),
  };
}
