import type { SwitchyardClient } from '../../../shared/contract';
import { createIpcClient } from './ipcClient';
import { takeSessionToken } from './sessionToken';
import { createWsClient } from './wsClient';

/** Electron when the preload bridge is there, else the serve-mode WebSocket of this page's origin. */
export function createClient(): SwitchyardClient {
  if (window.switchyard) return createIpcClient(window.switchyard);
  const token = takeSessionToken({
    href: window.location.href,
    storage: window.sessionStorage,
    replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
  });
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return createWsClient(`${scheme}://${window.location.host}/ws`, token);
}
