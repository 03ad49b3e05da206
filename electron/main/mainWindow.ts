import { BrowserWindow } from 'electron';

export interface WindowOptions {
  /** From rendererUrlFor: switchyard://app/index.html, or the dev server in an unpackaged build. */
  rendererUrl: string;
  preload: string;
}

/** The one window, with the architecture's security baseline: isolated, sandboxed, no node. */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'Switchyard',
    backgroundColor: '#0f1115',
    show: false,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // Navigation away from the app and new windows are never what a click in Switchyard means.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void window.loadURL(options.rendererUrl);
  return window;
}
