import { session } from 'electron';

/** Denies every permission request (camera, notifications via web API, geolocation…) app-wide. */
export function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** True only for our own renderer: the packaged index.html or the dev server electron-vite started. */
export function isTrustedSenderUrl(url: string, trusted: { rendererUrl: string | null; indexHtml: string }): boolean {
  if (trusted.rendererUrl) {
    try {
      return new URL(url).origin === new URL(trusted.rendererUrl).origin;
    } catch {
      return false;
    }
  }
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' && decodeURIComponent(parsed.pathname).endsWith(trusted.indexHtml.replace(/\\/g, '/'));
  } catch {
    return false;
  }
}
