import { RpcFailure } from '../../../../shared/contract';
import type { launchRequests } from '../../../../shared/contract/launchRequests';
import type { LaunchService } from '../../launch/launchService';
import type { RequestHandlers } from '../../rpc/requestRouter';
import type { CoreContext } from '../coreContext';

function launchServiceOf(ctx: CoreContext): LaunchService {
  const service = ctx.runtime().launch;
  if (!service) throw new RpcFailure('unavailable', 'Launching is not ready yet (the workspace is still starting).');
  return service;
}

export function launchHandlers(ctx: CoreContext): Pick<RequestHandlers, keyof typeof launchRequests> {
  return {
    'launch.check': () => launchServiceOf(ctx).check(),
    'launch.start': ({ planPath, session }) => launchServiceOf(ctx).start(planPath, session),
    'launch.batch': ({ planPath, batch }) => launchServiceOf(ctx).startBatch(planPath, batch),
    'launch.delegate': ({ planPath, session }) => {
      const service = ctx.runtime().delegation;
      if (!service) throw new RpcFailure('unavailable', 'Delegating is not ready yet (the workspace is still starting).');
      return service.delegate(planPath, session);
    },
    'terminal.attach': async ({ id }) => launchServiceOf(ctx).attach(id),
    'terminal.input': async ({ id, data }) => {
      launchServiceOf(ctx).input(id, data);
      return { ok: true as const };
    },
    'terminal.resize': async ({ id, cols, rows }) => {
      launchServiceOf(ctx).resize(id, cols, rows);
      return { ok: true as const };
    },
  };
}
