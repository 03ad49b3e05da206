import type { PlanContext } from '../../../../shared/domain/session';
import type { Settings, SettingsPatch } from '../../../../shared/domain/settings';
import type { Logger } from '../../app/platformActions';
import type { WorkspaceConfig } from '../../app/workspaceConfig';
import type { StateStore } from '../../state/stateStore';
import type { SecretStore } from '../linearKeyStore';
import { LinearService } from './linearService';
import { MemorySecretStore } from './memorySecretStore';

export interface WorkspaceLinearDeps {
  config: WorkspaceConfig;
  settings: () => Settings;
  store: StateStore;
  logger: Logger;
  secretStore: SecretStore;
  updatePlanContext(part: Partial<PlanContext>): void;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
}

export interface WorkspaceLinear {
  service: LinearService;
  stop(): Promise<void>;
}

/**
 * Starts Linear for a workspace. The demo workspace (without `--linear-api-url`) gets its own local
 * Linear test server seeded with the demo's issues: its URL and team go into the demo's settings,
 * its key into an in-memory secret; the server stops with the workspace.
 */
export async function startWorkspaceLinear(deps: WorkspaceLinearDeps): Promise<WorkspaceLinear> {
  let secretStore = deps.secretStore;
  let closeDemo: (() => Promise<void>) | null = null;
  let masterIssues: string[] = [];
  if (deps.config.demo && !deps.config.linearApiUrl) {
    try {
      // Loaded only for the demo: it pulls in graphql and the test server's schema.
      const [{ startDemoLinear }, { DEMO_MASTER_ISSUES }] = await Promise.all([import('../../demo/demoLinear'), import('../../demo/demoLinearSeed')]);
      const demo = await startDemoLinear();
      closeDemo = demo.close;
      secretStore = new MemorySecretStore(demo.apiKey, 'the demo workspace key for its local Linear test server (in memory)');
      await deps.updateSettings({ linear: { apiUrl: demo.url, teamId: demo.teamId } });
      masterIssues = DEMO_MASTER_ISSUES;
      deps.logger.info(`demo Linear test server at ${demo.url}`);
    } catch (error) {
      deps.logger.warn(`the demo's Linear test server did not start (${error instanceof Error ? error.message : String(error)}); Linear stays unconfigured`);
    }
  }
  const service = new LinearService({
    store: deps.store,
    secretStore,
    settings: deps.settings,
    apiUrlOverride: deps.config.linearApiUrl,
    dataDir: deps.config.dataDir,
    updatePlanContext: (part) => deps.updatePlanContext(part),
    updateSettings: (patch) => deps.updateSettings(patch),
    logger: deps.logger,
  });
  // Until the plans service feeds every plan's parent issue, the demo polls its own plans' parents.
  if (masterIssues.length) service.setMasterIssues(masterIssues);
  void service.start();
  return {
    service,
    async stop() {
      service.stop();
      await closeDemo?.().catch(() => undefined);
    },
  };
}
