import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PushedEvent } from '../../../shared/contract';
import { defaultSettings } from '../../../shared/domain/settings';
import { newAppState } from '../../../shared/state/newAppState';
import { demoMasterPlan } from '../demo/demoPlan';
import { PlansService } from '../plans/service/plansService';
import { StateStore } from '../state/stateStore';
import { createTempRepo, makeTempDir, type TempRepo } from '../testing/tempRepo';
import { LaunchService } from './launchService';

export const FAKE_CLAUDE_DIR = fileURLToPath(new URL('../../../e2e/support/fake-claude', import.meta.url));

/** A whole small world on disk: a repo, a Claude home with the demo master plan, plans service, store. */
export interface LaunchWorld {
  root: string;
  repo: TempRepo;
  claudeHome: string;
  dataDir: string;
  planPath: string;
  store: StateStore;
  plans: PlansService;
  events: PushedEvent[];
  service(options?: { path?: string; dataDir?: string; stepMs?: number; env?: Record<string, string>; terminal?: boolean; startedIssues?: string[] }): LaunchService;
  approve(batch: number): Promise<void>;
  cleanup(): Promise<void>;
}

export async function launchWorld(): Promise<LaunchWorld> {
  const root = await makeTempDir('switchyard-launch-');
  const repoDir = join(root, 'repos', 'claude-command-centre');
  const repo = await createTempRepo({ dir: repoDir });
  await repo.write('README.md', '# ccc\n');
  await repo.write('.gitignore', '.env\n*.local\nnode_modules/\n');
  await repo.write('.worktreeinclude', '# untracked files every worktree needs\n.env\nconfig/*.local\n');
  await repo.write('config/app.json', '{}\n');
  await repo.commitAll('initial');
  // Untracked files: two the include list names, two it does not.
  await repo.write('.env', 'SECRET=1\n');
  await repo.write('config/db.local', 'db=local\n');
  await repo.write('notes.txt', 'my scratch notes\n');
  await repo.write('other.local', 'ignored but not listed\n');
  const claudeHome = join(root, 'home', '.claude');
  for (const d of ['plans', 'sessions', 'projects', 'worktrees']) await mkdir(join(claudeHome, d), { recursive: true });
  const dataDir = join(root, 'data');
  await mkdir(dataDir, { recursive: true });
  const planPath = join(claudeHome, 'plans', '2026-03-01-ccc-dispatch-console.md');
  await writeFile(planPath, demoMasterPlan({ date: '2026-03-01', repoPath: repoDir }));
  const store = new StateStore(
    newAppState({ version: '0', mode: 'serve', demo: false, claudeHome, dataDir, startedAt: '', claudeHomeSource: 'flag', ready: true, scanProgress: null }, defaultSettings()),
    5,
  );
  const plans = new PlansService({
    store,
    folders: () => ({ claudeHome, repos: [repoDir], folders: [] }),
    onPlanContext: () => undefined,
    warn: () => undefined,
    debounceMs: 20,
    writeBackDelayMs: 60_000,
    whoAmI: () => 'tester',
  });
  await plans.start();
  const events: PushedEvent[] = [];
  const services: LaunchService[] = [];
  return {
    root,
    repo,
    claudeHome,
    dataDir,
    planPath,
    store,
    plans,
    events,
    service(options = {}) {
      const s = new LaunchService({
        store,
        claudeHome,
        claudeHomeSource: 'flag',
        dataDir: options.dataDir ?? dataDir,
        terminal: options.terminal ?? true,
        emit: (e) => events.push(e),
        linear: () => {
          const started = options.startedIssues;
          return started ? { sessionStarted: async (id: string) => void started.push(id) } : null;
        },
        nudgeSessions: () => undefined,
        log: () => undefined,
        env: { ...process.env, HOME: join(root, 'home'), PATH: options.path ?? `${FAKE_CLAUDE_DIR}${delimiter}${process.env.PATH ?? ''}`, FAKE_CLAUDE_STEP_MS: String(options.stepMs ?? 150), FAKE_CLAUDE_LINGER_MS: '50', ...options.env },
      });
      services.push(s);
      return s;
    },
    async approve(batch) {
      await plans.refresh();
      const d = store.current.dispatch[planPath];
      if (!d) throw new Error('no dispatch state');
      await plans.approve({ planPath, expectedHash: d.contentHash, batch, edits: {}, overrideReason: 'tests approve whatever the rules say' });
      await plans.refresh();
    },
    async cleanup() {
      for (const s of services) await s.stop();
      await plans.stop();
      store.dispose();
      if (existsSync(root)) await rm(root, { recursive: true, force: true });
    },
  };
}
