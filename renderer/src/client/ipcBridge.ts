import type { PushedEvent, RequestName, RpcResult } from '../../../shared/contract';

/** What electron/preload exposes on window.switchyard: one function per contract entry. */
export interface SwitchyardBridge {
  api: { [N in RequestName]: (request: unknown) => Promise<RpcResult<unknown>> };
  onEvent(listener: (event: PushedEvent) => void): () => void;
}

declare global {
  interface Window {
    switchyard?: SwitchyardBridge;
  }
}
