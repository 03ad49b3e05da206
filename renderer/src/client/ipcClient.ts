import type { RequestName, RequestOf, ResultOf, RpcResult, SwitchyardClient } from '../../../shared/contract';
import type { SwitchyardBridge } from './ipcBridge';

/** The Electron transport: calls go through the preload bridge; the connection never drops. */
export function createIpcClient(bridge: SwitchyardBridge): SwitchyardClient {
  return {
    transport: 'electron',
    call<N extends RequestName>(name: N, request: RequestOf<N>) {
      return bridge.api[name](request) as Promise<RpcResult<ResultOf<N>>>;
    },
    onEvent: (listener) => bridge.onEvent(listener),
    onConnection(listener) {
      listener(true);
      return () => undefined;
    },
  };
}
