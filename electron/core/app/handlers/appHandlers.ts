import { RpcFailure, type ResultOf } from '../../../../shared/contract';
import type { appRequests } from '../../../../shared/contract/appRequests';
import type { Settings, SettingsPatch } from '../../../../shared/domain/settings';
import type { RequestHandlers } from '../../rpc/requestRouter';
import type { CoreContext } from '../coreContext';
import { isAllowedExternalUrl } from '../externalUrls';

type AppHandlers = Pick<RequestHandlers, keyof typeof appRequests>;

/** Workspace-switching lives in createCore (it replaces the runtime); the rest is here. */
export interface WorkspaceSwitches {
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  openDemo(): Promise<ResultOf<'workspace.openDemo'>>;
}

export function appHandlers(ctx: CoreContext, switches: WorkspaceSwitches): AppHandlers {
  return {
    'app.snapshot': () => ctx.store.snapshot(),
    'settings.update': (patch, caller) => {
      if ((patch.editorCommand !== undefined || patch.terminalCommand !== undefined) && !caller.setsLaunchCommands) {
        throw new RpcFailure('refused', 'The editor and terminal commands can be changed only in the desktop app, not over serve mode.');
      }
      return switches.updateSettings(patch);
    },
    'workspace.openDemo': () => switches.openDemo(),
    'workspace.rescan': async () => ({ sessions: await ctx.runtime().rescan() }),
    'shell.open': async (request) => {
      if (ctx.mode === 'serve') {
        throw new RpcFailure('unavailable', 'Opening folders works in the desktop app; in the browser, copy the path instead.');
      }
      return { opened: await ctx.platform.openPath(request.path, request.with, ctx.settings()) };
    },
    'shell.openExternal': async (request) => {
      if (!isAllowedExternalUrl(request.url)) throw new RpcFailure('refused', `Only https links to Linear and GitHub open from Switchyard, not ${request.url}.`);
      return { opened: await ctx.platform.openExternal(request.url) };
    },
  };
}
