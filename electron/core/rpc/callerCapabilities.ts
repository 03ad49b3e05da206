/**
 * What the transport a request came through may do, beyond what every client may. The adapter
 * (Electron IPC, serve-mode socket) passes it to the router with each call; it is never read from
 * the request, so a client cannot claim it.
 */
export interface CallerCapabilities {
  /**
   * May set the commands the desktop app spawns later (`editorCommand`, `terminalCommand`). Only
   * the desktop window has it: a serve-mode socket is reachable from any local process that learnt
   * the token, and must not plant a command that runs when the person clicks "Open in editor".
   */
  readonly setsLaunchCommands: boolean;
}

/** The Electron IPC adapter: the app's own window (its sender is checked before routing). */
export const DESKTOP_WINDOW_CALLER: CallerCapabilities = Object.freeze({ setsLaunchCommands: true });

/** The serve-mode WebSocket, and the default for any caller that does not say. */
export const SERVE_SOCKET_CALLER: CallerCapabilities = Object.freeze({ setsLaunchCommands: false });
