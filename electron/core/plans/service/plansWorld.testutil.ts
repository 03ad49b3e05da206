import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings } from '../../../../shared/domain/settings';
import { newAppState } from '../../../../shared/state/newAppState';
import { StateStore } from '../../state/stateStore';
import { PlansService } from './plansService';

export interface PlansWorld {
  root: string;
  planPath: string;
  store: StateStore;
  service: PlansService;
  close(): Promise<void>;
}

/** One plan file in a temp Claude home's plans folder, read by a PlansService (no Linear). */
export async function openPlansWorld(options: { prefix: string; fileName: string; text: string; whoAmI: string; now: string }): Promise<PlansWorld> {
  const root = await mkdtemp(join(tmpdir(), options.prefix));
  const plansDir = join(root, 'home', 'plans');
  await mkdir(plansDir, { recursive: true });
  const planPath = join(plansDir, options.fileName);
  await writeFile(planPath, options.text);
  const store = new StateStore(newAppState({ version: '0', mode: 'serve', demo: false, claudeHome: '/h', dataDir: '/d', startedAt: '', claudeHomeSource: 'default', ready: false, scanProgress: null }, defaultSettings()), 0);
  const service = new PlansService({
    store,
    folders: () => ({ claudeHome: join(root, 'home'), repos: [], folders: [] }),
    onPlanContext: () => undefined,
    warn: () => undefined,
    whoAmI: () => options.whoAmI,
    now: () => new Date(options.now),
    debounceMs: 20,
    writeBackDelayMs: 10_000,
  });
  await service.refresh();
  return {
    root,
    planPath,
    store,
    service,
    async close() {
      await service.stop();
      store.dispose();
      await rm(root, { recursive: true, force: true });
    },
  };
}
