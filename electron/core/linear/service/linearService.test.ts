import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SubIssueRow } from '../../../../shared/domain/linear';
import type { PlanContext } from '../../../../shared/domain/session';
import { defaultSettings, type Settings, type SettingsPatch } from '../../../../shared/domain/settings';
import { silentLogger } from '../../app/platformActions';
import { applySettingsPatch } from '../../config/settingsFile';
import { StateStore } from '../../state/stateStore';
import { startLinearTestServer, type LinearTestServer } from '../testServer/server';
import { emptyAppState } from './appState.testutil';
import { LinearService } from './linearService';
import { MemorySecretStore } from './memorySecretStore';

let server: LinearTestServer;
let dataDir: string;
const services: LinearService[] = [];

beforeEach(async () => {
  server = await startLinearTestServer();
  dataDir = await mkdtemp(path.join(tmpdir(), 'switchyard-linear-service-'));
});
afterEach(async () => {
  for (const s of services.splice(0)) s.stop();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});


interface Harness {
  service: LinearService;
  store: StateStore;
  secrets: MemorySecretStore;
  planContext: Partial<PlanContext>;
  settings(): Settings;
}

function harness(options: { key?: string | null; url?: string; linear?: SettingsPatch['linear'] } = {}): Harness {
  const store = new StateStore(emptyAppState(), 5);
  const secrets = new MemorySecretStore(options.key === undefined ? server.apiKey : options.key);
  let settings = applySettingsPatch(defaultSettings(), { linear: { apiUrl: options.url ?? server.url, ...options.linear } });
  const h: Harness = {
    store,
    secrets,
    planContext: {},
    settings: () => settings,
    service: new LinearService({
      store,
      secretStore: secrets,
      settings: () => settings,
      dataDir,
      logger: silentLogger,
      timeoutMs: 2_000,
      updatePlanContext: (part) => {
        h.planContext = { ...h.planContext, ...part };
      },
      updateSettings: async (patch) => {
        settings = applySettingsPatch(settings, patch);
        return settings;
      },
    }),
  };
  services.push(h.service);
  return h;
}

async function connected(h: Harness): Promise<void> {
  await h.service.start();
  await h.service.whenIdle();
}

describe('LinearService: connection states through the real SDK', () => {
  it('without a key: not-configured, no requests', async () => {
    const h = harness({ key: null });
    await connected(h);
    expect(h.store.current.linearAccount.connection.kind).toBe('not-configured');
    expect(h.store.current.linearAccount.keySource).toBe('none');
    expect(server.requestCount()).toBe(0);
  });

  it('a valid key: connected as the viewer, the only team picked, the rate budget read', async () => {
    const h = harness();
    await connected(h);
    const account = h.store.current.linearAccount;
    expect(account.connection.kind).toBe('ok');
    expect(account.viewer?.name).toBe('Ada Lovelace');
    expect(account.team?.key).toBe('ENG');
    expect(account.keySource).toBe('memory');
    expect(account.budget?.requestsLimit).toBe(2500);
    expect(JSON.stringify(account)).not.toContain(server.apiKey);
  });

  it.each([
    { name: 'a wrong key', key: 'lin_api_wrong', fault: null, kind: 'bad-key' },
    { name: 'HTTP 429', key: undefined, fault: { kind: 'http-429', retryAfterSec: 600 } as const, kind: 'rate-limited' },
    { name: 'a dropped connection', key: undefined, fault: { kind: 'drop' } as const, kind: 'offline' },
    { name: 'HTTP 500', key: undefined, fault: { kind: 'http-500' } as const, kind: 'linear-down' },
    { name: 'HTTP 403', key: undefined, fault: { kind: 'forbidden' } as const, kind: 'no-access' },
  ])('$name → $kind, never a throw', async ({ key, fault, kind }) => {
    const h = harness({ key: key ?? server.apiKey });
    if (fault) server.faults.next(fault);
    await connected(h);
    const connection = h.store.current.linearAccount.connection;
    expect(connection.kind).toBe(kind);
    expect(connection.message.length).toBeGreaterThan(5);
    if (kind === 'rate-limited') expect(Date.parse(connection.until ?? '')).toBeGreaterThan(Date.now() + 500_000);
  });

  it('setKey stores the key and reconnects; removing it goes back to not-configured', async () => {
    const h = harness({ key: null });
    await connected(h);
    const account = await h.service.setKey(server.apiKey);
    expect(account.connection.kind).toBe('ok');
    expect(await h.secrets.get()).toBe(server.apiKey);
    expect((await h.service.setKey(null)).connection.kind).toBe('not-configured');
  });

  it('teams and setTeam: saved in settings, shown on the account', async () => {
    server.store.addTeam('OPS', 'Operations');
    const h = harness();
    await connected(h);
    expect(h.store.current.linearAccount.team).toBeNull(); // two teams, none chosen
    const teams = await h.service.teams();
    const ops = teams.find((t) => t.key === 'OPS');
    expect(ops).toBeDefined();
    await h.service.setTeam(ops?.id ?? '');
    expect(h.settings().linear.teamId).toBe(ops?.id);
    expect(h.store.current.linearAccount.team?.name).toBe('Operations');
    await expect(h.service.setTeam('no-such-team')).rejects.toThrow(/not in this Linear workspace/);
  });
});

describe('LinearService: plans, sub-issues, write-back, cache', () => {
  it('nothing is polled until setMasterIssues; then linearPlans and the plan context fill', async () => {
    const team = server.store.findIssue('ENG-1');
    const child = server.store.addIssue({ teamId: team?.teamId ?? '', title: 'Child', parentId: team?.id ?? null });
    const h = harness();
    await connected(h);
    expect(h.store.current.linearPlans).toEqual({});
    h.service.setMasterIssues(['ENG-1', 'ENG-1']);
    await expect.poll(() => h.store.current.linearPlans['ENG-1']?.fetchedAt ?? null).not.toBeNull();
    const plan = h.store.current.linearPlans['ENG-1'];
    expect(plan?.master?.identifier).toBe('ENG-1');
    expect(plan?.children.map((c) => c.title)).toEqual(['Child']);
    expect(plan?.stale).toBe(false);
    expect(h.planContext.linearStates).toEqual({ 'ENG-1': 'unstarted', [server.store.identifier(child)]: 'unstarted' });
    h.service.setMasterIssues([]);
    expect(h.store.current.linearPlans).toEqual({});
  });

  it('createSubIssues: progress per row in linearCreations, then an idempotent retry of only the failed rows', async () => {
    const h = harness();
    await connected(h);
    h.service.setMasterIssues(['ENG-1']);
    await expect.poll(() => h.store.current.linearPlans['ENG-1']?.fetchedAt ?? null).not.toBeNull();
    const row = (rowKey: string, focus: string): SubIssueRow => ({
      rowKey,
      batch: rowKey,
      focus,
      prompt: `Do ${focus}.`,
      typeLabel: 'type:chore',
      execLabel: 'exec:tdd',
      estimate: 3,
      assigneeId: null,
    });
    server.faults.failMutationsAfter(1); // first issue created, second fails with HTTP 500
    const seen = new Set<string>();
    h.store.subscribe((p) => {
      for (const op of p.ops) if (op.op === 'set' && op.path[0] === 'linearCreations' && op.value && typeof op.value === 'object' && 'status' in op.value) seen.add(String(op.value.status));
    });
    const input = { planPath: '/plans/p.md', planHash: 'h1', masterIssueId: 'ENG-1', rows: [row('1A', 'Alpha'), row('1B', 'Beta')] };
    const first = await h.service.createSubIssues(input);
    expect(first.map((r) => r.status)).toEqual(['created', 'failed']);
    expect(first[1]?.error).toMatch(/Linear is having trouble/);
    expect(h.store.current.linearCreations['/plans/p.md#1B']?.status).toBe('failed');
    h.store.flush();
    expect(seen).toEqual(new Set(['pending', 'creating', 'created', 'failed']));

    server.faults.clear();
    const retried = await h.service.retryFailed('/plans/p.md');
    expect(retried.map((r) => r.status)).toEqual(['created', 'created']);
    // Approving the same rows again finds them: no duplicates.
    const again = await h.service.createSubIssues(input);
    expect(again.map((r) => r.status)).toEqual(['created', 'created']);
    const master = server.store.findIssue('ENG-1');
    expect(server.store.childrenOf(master?.id ?? '', false).map((c) => c.title)).toEqual(['Batch 1A: Alpha', 'Batch 1B: Beta']);
    // The poll after creation shows the new children.
    await expect.poll(() => h.store.current.linearPlans['ENG-1']?.children.length).toBe(2);
  });

  it('createSubIssues without a key is refused with a reason', async () => {
    const h = harness({ key: null });
    await connected(h);
    await expect(h.service.createSubIssues({ planPath: '/p.md', planHash: 'h', masterIssueId: 'ENG-1', rows: [] })).rejects.toThrow(/add an API key/);
  });

  it('status write-back only when its setting is on', async () => {
    const h = harness();
    await connected(h);
    const master = server.store.findIssue('ENG-1');
    const stateName = () => server.store.states.get(server.store.findIssue('ENG-1')?.stateId ?? '')?.name;
    expect((await h.service.sessionStarted(master?.id ?? '')).kind).toBe('disabled');
    expect((await h.service.branchMerged(master?.id ?? '')).kind).toBe('disabled');
    expect(stateName()).toBe('Todo');
    const on = harness({ linear: { writeBackStarted: true, writeBackMerged: true } });
    await connected(on);
    expect(await on.service.sessionStarted(master?.id ?? '')).toEqual({ kind: 'moved', from: 'Todo', to: 'In Progress' });
    expect(await on.service.branchMerged(master?.id ?? '')).toEqual({ kind: 'moved', from: 'In Progress', to: 'Done' });
    expect(stateName()).toBe('Done');
  });

  it('restart offline: the cached plan is shown, marked stale, with the offline state', async () => {
    const first = harness();
    await connected(first);
    first.service.setMasterIssues(['ENG-1']);
    await expect.poll(() => first.store.current.linearPlans['ENG-1']?.fetchedAt ?? null).not.toBeNull();
    await first.service.whenIdle();
    first.service.stop();
    const url = server.url;
    await server.close();
    server = await startLinearTestServer(); // for afterEach; the old URL now refuses connections

    const second = harness({ url });
    second.service.setMasterIssues(['ENG-1']);
    await connected(second);
    await expect.poll(() => second.store.current.linearPlans['ENG-1']?.connection.kind).toBe('offline');
    const plan = second.store.current.linearPlans['ENG-1'];
    expect(plan?.master?.identifier).toBe('ENG-1');
    expect(plan?.stale).toBe(true);
    expect(plan?.connection.kind).toBe('offline');
    expect(second.store.current.linearAccount.connection.kind).toBe('offline');
    expect(second.planContext.linearStates).toEqual({ 'ENG-1': 'unstarted' });
  });
});
