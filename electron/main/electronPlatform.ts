import { spawn } from 'node:child_process';
import { shell } from 'electron';
import type { PlatformActions } from '../core/app/platformActions';

function launch(command: string, args: string[], cwd: string): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { cwd, detached: true, stdio: 'ignore' });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}

function defaultTerminal(): { command: string; args: string[] } {
  if (process.platform === 'darwin') return { command: 'open', args: ['-a', 'Terminal'] };
  if (process.platform === 'win32') return { command: 'cmd.exe', args: ['/c', 'start', 'cmd.exe'] };
  return { command: 'x-terminal-emulator', args: [] };
}

export const electronPlatform: PlatformActions = {
  async openPath(path, app, settings) {
    if (app === 'files') return (await shell.openPath(path)) === '';
    if (app === 'editor') return launch(settings.editorCommand || 'code', [path], path);
    const terminal = settings.terminalCommand ? { command: settings.terminalCommand, args: [] } : defaultTerminal();
    return launch(terminal.command, process.platform === 'darwin' ? [...terminal.args, path] : terminal.args, path);
  },
  async openExternal(url) {
    await shell.openExternal(url);
    return true;
  },
  notify() {
    // Notifications are raised from toasts in contractIpc so both modes share one trigger.
  },
};
