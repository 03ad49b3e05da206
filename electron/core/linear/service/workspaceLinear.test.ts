import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../../shared/domain/settings';
import { silentLogger } from '../../app/platformActions';
import type { WorkspaceConfig } from '../../app/workspaceConfig';
import { applySettingsPatch } from '../../config/settingsFile';
import { StateStore } from '../../state/stateStore';
import { EnvSecretStore } from '../linearKeyStore';
import { emptyAppState } from './appState.testutil';
import { startWorkspaceLinear } from './workspaceLinear';

let dataDir = '';
afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});


describe('the demo workspace gets its own local Linear', () => {
  it('starts the seeded test server, points the demo settings at it, shows live states, stops with the workspace', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'switchyard-demo-linear-'));
    const config: WorkspaceConfig = {
      claudeHome: '/h', claudeHomeSource: 'demo', dataDir, demo: true, flagWorktreeRoots: [], flagPlanFolders: [], flagRepos: [], linearApiUrl: null,
    };
    const store = new StateStore(emptyAppState(true), 5);
    let settings: Settings = defaultSettings();
    let linearStates: Record<string, string> = {};
    const linear = await startWorkspaceLinear({
      config,
      settings: () => settings,
      store,
      logger: silentLogger,
      secretStore: new EnvSecretStore({}),
      updatePlanContext: (part) => {
        linearStates = part.linearStates ?? linearStates;
      },
      updateSettings: async (patch) => (settings = applySettingsPatch(settings, patch)),
    });
    try {
      expect(settings.linear.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
      await expect.poll(() => store.current.linearPlans['CIA-540']?.children.length).toBe(5);
      const account = store.current.linearAccount;
      expect(account.viewer?.name).toBe('Demo Person');
      expect(account.team?.key).toBe('CIA');
      expect(account.keySource).toBe('memory');
      const plan = store.current.linearPlans['CIA-540'];
      expect(plan?.master?.title).toBe('Dispatch console for parallel sessions');
      expect(plan?.children.map((c) => `${c.identifier} ${c.state.name}`)).toEqual([
        'CIA-541 Done', 'CIA-542 In Progress', 'CIA-543 In Progress', 'CIA-544 In Progress', 'CIA-545 Todo',
      ]);
      expect(plan?.children[0]?.labels.map((l) => (l.parent ? `${l.parent.name}:${l.name}` : l.name))).toEqual(['type:feature', 'exec:tdd']);
      await expect.poll(() => store.current.linearPlans['CIA-550']?.master?.identifier).toBe('CIA-550');
      expect(linearStates['CIA-541']).toBe('completed');
    } finally {
      await linear.stop();
    }
    const gone = await fetch(settings.linear.apiUrl, { method: 'POST' }).then(() => 'reachable', () => 'closed');
    expect(gone).toBe('closed');
  });
});
