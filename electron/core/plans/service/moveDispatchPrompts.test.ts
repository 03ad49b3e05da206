import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../../shared/domain/settings';
import { newAppState } from '../../../../shared/state/newAppState';
import { silentLogger } from '../../app/platformActions';
import { applySettingsPatch } from '../../config/settingsFile';
import { LinearService } from '../../linear/service/linearService';
import { MemorySecretStore } from '../../linear/service/memorySecretStore';
import { parseRowMarker } from '../../linear/subIssueMarker';
import { startLinearTestServer, type LinearTestServer } from '../../linear/testServer/server';
import { StateStore } from '../../state/stateStore';
import { PlansService } from './plansService';

/** §8.5 one-click move: the deprecated files' prompts become sub-issues; the files stay byte for byte. */
const FIXTURES = fileURLToPath(new URL('../fixtures/dispatch-files/', import.meta.url));

let server: LinearTestServer;
let root: string;
let plansDir: string;
let store: StateStore;
let plans: PlansService;
let linear: LinearService;

function linearService(): LinearService {
  let settings: Settings = applySettingsPatch(defaultSettings(), { linear: { apiUrl: server.url } });
  return new LinearService({
    store,
    secretStore: new MemorySecretStore(server.apiKey),
    settings: () => settings,
    dataDir: root,
    logger: silentLogger,
    timeoutMs: 3_000,
    updatePlanContext: () => undefined,
    updateSettings: async (patch) => (settings = applySettingsPatch(settings, patch)),
  });
}

beforeEach(async () => {
  server = await startLinearTestServer();
  root = await mkdtemp(join(tmpdir(), 'move-prompts-'));
  plansDir = join(root, 'home', 'plans');
  await mkdir(plansDir, { recursive: true });
  for (const f of ['batch1-dispatch-prompts.md', 'multi-agent-dispatch-prompts.md', 'linear-mastery-week3-prompts.md']) await copyFile(join(FIXTURES, f), join(plansDir, f));
  store = new StateStore(newAppState({ version: '0', mode: 'serve', demo: false, claudeHome: '/h', dataDir: '/d', startedAt: '', claudeHomeSource: 'default', ready: false, scanProgress: null }, defaultSettings()), 0);
  linear = linearService();
  await linear.start();
  await linear.whenIdle();
  plans = new PlansService({
    store,
    folders: () => ({ claudeHome: join(root, 'home'), repos: [], folders: [] }),
    onPlanContext: () => undefined,
    linear: () => linear,
    warn: () => undefined,
    debounceMs: 20,
    writeBackDelayMs: 10_000,
  });
  await plans.refresh();
});

afterEach(async () => {
  await plans.stop();
  linear.stop();
  store.dispose();
  await server.close();
  await rm(root, { recursive: true, force: true });
});

const children = () => {
  const master = server.store.findIssue('ENG-1');
  return master ? server.store.childrenOf(master.id, true) : [];
};

describe('Move prompts into sub-issues (§8.5)', () => {
  it('the files are flagged, and no rename is proposed for them (kept under their names for history)', () => {
    for (const f of ['batch1-dispatch-prompts.md', 'multi-agent-dispatch-prompts.md', 'linear-mastery-week3-prompts.md']) {
      const summary = store.current.plans[join(plansDir, f)];
      expect(summary?.diagnostics.some((d) => d.code === 'deprecated-dispatch-file')).toBe(true);
      expect(summary?.naming.violation).toBe(false);
    }
  });

  it('one sub-issue per prompt under the master issue, with the prompt as description, labels, estimate and assignee; the file untouched', async () => {
    const path = join(plansDir, 'batch1-dispatch-prompts.md');
    const before = await readFile(path);
    const moved = await plans.moveDispatchPrompts({ path, masterIssueId: 'ENG-1' });
    expect(moved.prompts.map((p) => [p.key, p.title, p.status])).toEqual([
      ['1A', 'Batch 1A: Session exit skill', 'created'],
      ['1B', 'Batch 1B: Dispatch rules engine', 'created'],
    ]);
    expect(moved.skipped).toEqual(['Results (appended after the batch)']);
    const kids = children();
    expect(kids.map((k) => k.title)).toEqual(['Batch 1A: Session exit skill', 'Batch 1B: Dispatch rules engine']);
    expect(kids[0]?.description?.startsWith('Implement on [CIA-541: Session exit skill]')).toBe(true);
    expect(parseRowMarker(kids[0]?.description ?? null)?.rowKey).toBe('1A');
    expect(kids.map((k) => k.estimate)).toEqual([5, 8]);
    expect(kids[1]?.delegateId ? server.store.users.get(kids[1].delegateId)?.name : null).toBe('Tembo');
    expect(Buffer.compare(await readFile(path), before)).toBe(0);
  });

  it('a second click creates nothing more — in this run, and after a restart', async () => {
    const path = join(plansDir, 'multi-agent-dispatch-prompts.md');
    const before = await readFile(path);
    await plans.moveDispatchPrompts({ path, masterIssueId: 'ENG-1' });
    expect(children()).toHaveLength(2);
    const again = await plans.moveDispatchPrompts({ path, masterIssueId: 'ENG-1' });
    expect(again.prompts.every((p) => p.status === 'created' || p.status === 'exists')).toBe(true);
    linear.stop();
    linear = linearService();
    await linear.start();
    await linear.whenIdle();
    const restarted = await plans.moveDispatchPrompts({ path, masterIssueId: 'ENG-1' });
    expect(restarted.prompts.map((p) => p.status)).toEqual(['exists', 'exists']);
    expect(children()).toHaveLength(2);
    expect(Buffer.compare(await readFile(path), before)).toBe(0);
  });

  it('the master issue comes from the file when it names one; refusals say why', async () => {
    const mastery = join(plansDir, 'linear-mastery-week3-prompts.md');
    // CIA-580 is not in this Linear: every prompt fails with Linear's reason, nothing is lost.
    const moved = await plans.moveDispatchPrompts({ path: mastery });
    expect(moved.masterIssueId).toBe('CIA-580');
    expect(moved.prompts.every((p) => p.status === 'failed' && (p.error ?? '').length > 0)).toBe(true);
    await expect(plans.moveDispatchPrompts({ path: join(plansDir, 'nope.md') })).rejects.toThrow(/No plan file/);
    const off = new PlansService({ store: new StateStore(store.current, 0), folders: () => ({ claudeHome: join(root, 'home'), repos: [], folders: [] }), onPlanContext: () => undefined, warn: () => undefined });
    await off.refresh();
    await expect(off.moveDispatchPrompts({ path: mastery })).rejects.toThrow(/Linear is not set up/);
    await off.stop();
  });
});
