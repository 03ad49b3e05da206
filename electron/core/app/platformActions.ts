/** What only the host (Electron main, or the serve-mode server) can do; core asks through this. */
export interface PlatformActions {
  /** Opens a folder in the file manager, editor or terminal; returns false when it could not. */
  openPath(path: string, app: 'files' | 'editor' | 'terminal', settings: { editorCommand: string; terminalCommand: string }): Promise<boolean>;
  openExternal(url: string): Promise<boolean>;
  /** An OS notification (Electron); serve mode relies on the in-app toast alone. */
  notify(title: string, body: string): void;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (m) => console.log(`[switchyard] ${m}`),
  warn: (m) => console.warn(`[switchyard] ${m}`),
  error: (m, e) => console.error(`[switchyard] ${m}`, e ?? ''),
};

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
