import { randomUUID } from 'node:crypto';
import type { PushedEvent, RpcResult } from '../../../shared/contract';
import type { AppMode, Toast } from '../../../shared/domain/appMeta';
import type { Settings, SettingsPatch } from '../../../shared/domain/settings';
import { newAppState } from '../../../shared/state/newAppState';
import type { AppState } from '../../../shared/state/appState';
import { applySettingsPatch, confirmGithubToken, loadSettings, saveSettings } from '../config/settingsFile';
import { createDemoWorkspace } from '../demo/createDemoWorkspace';
import type { CallerCapabilities } from '../rpc/callerCapabilities';
import { createRequestRouter, type RequestHandlers } from '../rpc/requestRouter';
import { StateStore } from '../state/stateStore';
import type { SecretStore } from '../linear/linearKeyStore';
import type { CoreContext } from './coreContext';
import { appHandlers } from './handlers/appHandlers';
import { dispatchHandlers } from './handlers/dispatchHandlers';
import { findingsHandlers } from './handlers/findingsHandlers';
import { githubHandlers } from './handlers/githubHandlers';
import { launchHandlers } from './handlers/launchHandlers';
import { linearHandlers } from './handlers/linearHandlers';
import { mergeHandlers } from './handlers/mergeHandlers';
import { plansHandlers } from './handlers/plansHandlers';
import { reviewHandlers } from './handlers/reviewHandlers';
import { sessionsHandlers } from './handlers/sessionsHandlers';
import type { Logger, PlatformActions } from './platformActions';
import type { WorkspaceConfig } from './workspaceConfig';
import { WorkspaceRuntime, type RuntimeHooks } from './workspaceRuntime';

export interface CoreOptions {
  mode: AppMode;
  version: string;
  workspace: WorkspaceConfig;
  platform: PlatformActions;
  logger: Logger;
  secretStore: SecretStore;
  /** Where the GitHub token lives (default: the GITHUB_TOKEN environment variable). */
  githubSecretStore?: SecretStore;
  /** Terminal I/O of launched sessions over the transport (serve mode's --no-terminal turns it off). Default true. */
  terminal?: boolean;
}

export interface Core {
  readonly store: StateStore;
  /** `caller` is the transport's capabilities (electron/core/rpc/callerCapabilities); default: the least. */
  route(name: unknown, payload: unknown, caller?: CallerCapabilities): Promise<RpcResult<unknown>>;
  onEvent(listener: (event: PushedEvent) => void): () => void;
  toast(toast: Omit<Toast, 'id' | 'at'>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The workspace in use now (changes when the person opens the demo). */
  readonly workspace: WorkspaceConfig;
}

/** Builds the engine: one store, one router, one runtime per workspace. Runs in plain Node. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const { logger, platform } = options;
  let workspace = options.workspace;
  const loaded = await loadSettings(workspace.dataDir);
  let settings: Settings = loaded.settings;
  const store = new StateStore(initialState(options, workspace, settings));
  if (loaded.warning) {
    store.upsert('warnings', 'settings', { id: 'settings', severity: 'warning', source: 'settings', message: loaded.warning, at: new Date().toISOString(), subject: null });
  }
  const updateSettings = async (patch: SettingsPatch): Promise<Settings> => {
    settings = applySettingsPatch(settings, patch);
    await saveSettings(workspace.dataDir, settings);
    store.setSingleton('settings', settings);
    await runtime.updateSettings(settings);
    return settings;
  };
  // Linear integration: the runtime gets the secret store and a way to save settings (team picker, demo endpoint).
  const listeners = new Set<(event: PushedEvent) => void>();
  const hooks: RuntimeHooks = {
    toast: (toast) => core.toast(toast),
    secretStore: options.secretStore,
    updateSettings,
    emit: (event) => emit(event),
    terminal: options.terminal ?? true,
  };
  let runtime = new WorkspaceRuntime(workspace, settings, store, logger, hooks);
  const emit = (event: PushedEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        logger.error('event listener failed', error);
      }
    }
  };
  store.subscribe((patch) => emit({ event: 'state.patch', payload: patch }));

  const markReady = (ready: boolean) => store.setSingleton('meta', { ...store.current.meta, ready, scanProgress: null });

  const ctx: CoreContext = {
    mode: options.mode,
    store,
    platform,
    logger,
    secretStore: options.secretStore,
    runtime: () => runtime,
    settings: () => settings,
    workspace: () => workspace,
    toast: (toast) => core.toast(toast),
  };
  const handlers: RequestHandlers = {
    ...appHandlers(ctx, {
      updateSettings,
      openDemo: async () => {
        const demo = await createDemoWorkspace();
        await runtime.stop();
        workspace = {
          ...workspace,
          claudeHome: demo.claudeHome,
          claudeHomeSource: 'demo',
          dataDir: demo.dataDir,
          demo: true,
          flagRepos: [demo.repoPath],
        };
        settings = (await loadSettings(workspace.dataDir)).settings;
        store.setSingleton('settings', settings);
        store.setSingleton('meta', { ...store.current.meta, demo: true, claudeHome: demo.claudeHome, claudeHomeSource: 'demo', dataDir: demo.dataDir, ready: false });
        runtime = new WorkspaceRuntime(workspace, settings, store, logger, hooks);
        await runtime.start();
        markReady(true);
        return { root: demo.root, claudeHome: demo.claudeHome };
      },
    }),
    ...sessionsHandlers(ctx),
    ...plansHandlers(ctx),
    ...dispatchHandlers(ctx),
    ...mergeHandlers(ctx),
    ...linearHandlers(ctx),
    ...reviewHandlers(ctx),
    ...githubHandlers(ctx, options.githubSecretStore, async () => {
      // The person gave or confirmed the token for the GitHub API URL of now: it may go there.
      settings = confirmGithubToken(settings);
      await saveSettings(workspace.dataDir, settings);
      store.setSingleton('settings', settings);
    }),
    ...launchHandlers(ctx),
    ...findingsHandlers(ctx),
  };
  const route = createRequestRouter(handlers, logger);

  const core: Core = {
    store,
    route,
    get workspace() {
      return workspace;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    toast(toast) {
      emit({ event: 'toast', payload: { ...toast, id: randomUUID(), at: new Date().toISOString() } });
    },
    async start() {
      await runtime.start();
      markReady(true);
    },
    async stop() {
      await runtime.stop();
      store.dispose();
      listeners.clear();
    },
  };
  return core;
}

function initialState(options: CoreOptions, workspace: WorkspaceConfig, settings: Settings): AppState {
  return newAppState(
    {
      version: options.version,
      mode: options.mode,
      demo: workspace.demo,
      claudeHome: workspace.claudeHome,
      claudeHomeSource: workspace.claudeHomeSource,
      dataDir: workspace.dataDir,
      startedAt: new Date().toISOString(),
      ready: false,
      scanProgress: { done: 0, total: 1, label: 'Looking for worktrees and sessions' },
    },
    settings,
  );
}
