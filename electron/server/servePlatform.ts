import type { PlatformActions } from '../core/app/platformActions';

/**
 * Serve mode may be a dashboard for a remote box reached through an SSH tunnel: it must not pop
 * windows on that box. Folder actions are refused in core; links open in the person's own browser.
 */
export const servePlatform: PlatformActions = {
  openPath: async () => false,
  openExternal: async () => false,
  notify: () => undefined,
};
