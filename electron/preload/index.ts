import { contextBridge, ipcRenderer } from 'electron';
import type { PushedEvent } from '../../shared/contract';
import { IPC_EVENT_CHANNEL, ipcChannel, requestNames } from '../../shared/contract';

// One function per contract entry and one event subscription; no other capability crosses over.
const api = Object.fromEntries(requestNames.map((name) => [name, (request: unknown) => ipcRenderer.invoke(ipcChannel(name), request)]));

contextBridge.exposeInMainWorld('switchyard', {
  api,
  onEvent(listener: (event: PushedEvent) => void) {
    const handler = (_event: unknown, payload: PushedEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
});
