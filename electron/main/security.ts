import { session } from 'electron';

/** Denies every permission request (camera, notifications via web API, geolocation…) app-wide. */
export function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
