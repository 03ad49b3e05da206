import { type BrowserWindow, ipcMain, Notification } from 'electron';
import { fail, IPC_EVENT_CHANNEL, ipcChannel, requestNames } from '../../shared/contract';
import type { Core } from '../core/app/createCore';
import { DESKTOP_WINDOW_CALLER } from '../core/rpc/callerCapabilities';
import { isTrustedSenderUrl } from './trustedSender';

/** Wires every contract entry to ipcMain with a sender check, and pushes core's events to the window. */
export function registerContractIpc(core: Core, getWindow: () => BrowserWindow, trusted: { rendererUrl: string }): void {
  for (const name of requestNames) {
    ipcMain.handle(ipcChannel(name), (event, payload: unknown) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedSenderUrl(url, trusted)) return fail('refused', 'Request from an untrusted frame.');
      return core.route(name, payload, DESKTOP_WINDOW_CALLER);
    });
  }
  core.onEvent((event) => {
    const window = getWindow();
    if (window.isDestroyed()) return;
    window.webContents.send(IPC_EVENT_CHANNEL, event);
    if (event.event === 'toast' && (event.payload.level === 'warning' || event.payload.level === 'error' || event.payload.level === 'success')) {
      // Desktop notification only while the window is not in front; the toast covers the rest.
      if (!window.isFocused() && Notification.isSupported() && core.store.current.settings.notifications) {
        new Notification({ title: event.payload.title, body: event.payload.body ?? '' }).show();
      }
    }
  });
}
