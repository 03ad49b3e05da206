import { homedir } from 'node:os';
import { join } from 'node:path';
import { app, BrowserWindow, safeStorage } from 'electron';
import { bootWorkspace } from '../core/app/bootWorkspace';
import { createCore } from '../core/app/createCore';
import { consoleLogger } from '../core/app/platformActions';
import { parseCliArgs } from '../core/config/parseCliArgs';
import { EnvSecretStore } from '../core/linear/linearKeyStore';
import { electronPlatform } from './electronPlatform';
import { registerContractIpc } from './contractIpc';
import { SafeStorageSecretStore } from './safeStorageSecretStore';
import { GITHUB_SECRET_FILE_NAME, SECRET_FILE_NAME } from './secretFilePolicy';
import { createMainWindow } from './mainWindow';
import { registerRendererScheme, serveRendererProtocol } from './rendererProtocol';
import { rendererUrlFor } from './rendererSource';
import { hardenSessions } from './security';

declare const __SWITCHYARD_VERSION__: string;

// Before ready: only then can the renderer's scheme get its privileges.
registerRendererScheme();

// One instance: a second launch focuses the first window instead of watching everything twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSessions();
  serveRendererProtocol(join(__dirname, '../renderer'));
  const args = parseCliArgs(process.argv.slice(app.isPackaged ? 1 : 2), { lenient: true });
  const { config, demoRoot } = await bootWorkspace({
    args,
    env: process.env,
    homedir: homedir(),
    platform: process.platform,
    dataDirOverride: app.getPath('userData'),
  });
  if (demoRoot) consoleLogger.info(`demo workspace generated in ${demoRoot}`);
  const core = await createCore({
    mode: 'electron',
    version: typeof __SWITCHYARD_VERSION__ === 'string' ? __SWITCHYARD_VERSION__ : app.getVersion(),
    workspace: config,
    platform: electronPlatform,
    logger: consoleLogger,
    // The Linear key: encrypted with safeStorage (async API) in userData; LINEAR_API_KEY when it cannot be.
    secretStore: new SafeStorageSecretStore({
      safeStorage,
      file: join(app.getPath('userData'), SECRET_FILE_NAME),
      platform: process.platform,
      fallback: new EnvSecretStore(process.env),
      onError: (message, error) => consoleLogger.error(message, error),
    }),
    // The GitHub token, kept the same way; GITHUB_TOKEN when none is saved.
    githubSecretStore: new SafeStorageSecretStore({
      safeStorage,
      file: join(app.getPath('userData'), GITHUB_SECRET_FILE_NAME),
      platform: process.platform,
      fallback: new EnvSecretStore(process.env, 'GITHUB_TOKEN'),
      onError: (message, error) => consoleLogger.error(message, error),
    }),
  });
  const rendererUrl = rendererUrlFor({ isPackaged: app.isPackaged, env: process.env });
  // Linear polls slower while the window is hidden or minimised.
  const watchVisibility = (win: BrowserWindow): BrowserWindow => {
    const report = (visible: boolean) => void core.route('linear.setVisible', { visible });
    win.on('hide', () => report(false));
    win.on('minimize', () => report(false));
    win.on('show', () => report(true));
    win.on('restore', () => report(true));
    return win;
  };
  let window = watchVisibility(createMainWindow({ rendererUrl, preload: join(__dirname, '../preload/index.cjs') }));
  registerContractIpc(core, () => window, { rendererUrl });
  void core.start().catch((error: unknown) => consoleLogger.error('start failed', error));

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) {
      window = watchVisibility(createMainWindow({ rendererUrl, preload: join(__dirname, '../preload/index.cjs') }));
    }
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => void core.stop());
}
