import { RpcFailure } from '../../../../shared/contract';
import type { sessionsRequests } from '../../../../shared/contract/sessionsRequests';
import type { RequestHandlers } from '../../rpc/requestRouter';
import { readSessionDetails } from '../../sessions/details/readSessionDetails';
import type { CoreContext } from '../coreContext';

export function sessionsHandlers(ctx: CoreContext): Pick<RequestHandlers, keyof typeof sessionsRequests> {
  return {
    'sessions.details': async ({ id }) => {
      // The store holds the records as last emitted: the same facts the person is looking at.
      const record = ctx.store.current.sessions[id];
      if (!record) throw new RpcFailure('not_found', `No session with id ${id} (it may have just disappeared).`);
      return readSessionDetails(record);
    },
  };
}
