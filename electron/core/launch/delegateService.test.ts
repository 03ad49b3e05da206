import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcFailure } from '../../../shared/contract/rpcResult';
import { defaultSettings, type Settings } from '../../../shared/domain/settings';
import type { AppState } from '../../../shared/state/appState';
import { newAppState } from '../../../shared/state/newAppState';
import { silentLogger } from '../app/platformActions';
import { applySettingsPatch } from '../config/settingsFile';
import { appMentionsIn } from '../findings/mentionComment';
import { LinearService } from '../linear/service/linearService';
import { MemorySecretStore } from '../linear/service/memorySecretStore';
import { startLinearTestServer, type LinearTestServer } from '../linear/testServer/server';
import type { StoreIssue } from '../linear/testServer/store';
import { PlansService } from '../plans/service/plansService';
import { StateStore } from '../state/stateStore';
import { DelegateService } from './delegateService';

/**
 * External agents end to end on real files and the schema-checking Linear server: approving gives
 * each sub-issue its assignee from the Agent cell; Delegate hands a row to its agent (delegation to
 * an app user, or one @mention comment) and writes the registry row, the person's bytes kept.
 */

const link = (id: string) => `[${id}](https://linear.app/eng/issue/${id})`;
const PERSON_NOTE = 'Written by hand: Tembo gets the rules engine, Copilot the lint pass — keep this line.';

function agentPlan(): string {
  return `# Agents plan

**Parent issue:** ${link('ENG-1')}
**Repo:** /repos/eng

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
| 1A | ${link('ENG-10')} | Session exit skill | 1 | None |
| 1B | ${link('ENG-11')} | Dispatch rules engine | 1 | None |
| 1C | ${link('ENG-12')} | Lint pass | 1 | None |
| 1D | ${link('ENG-13')} | Quick fix | 1 | None |
| 1E | ${link('ENG-14')} | Triage notes | 1 | None |

## Dispatch — Batch 1

${PERSON_NOTE}

| Session | Issue | Focus | Mode | Est. Cost | Agent | Worktree |
|---------|-------|-------|------|-----------|-------|----------|
| 1A | ${link('ENG-10')} | Session exit skill | tdd | ~$4 | Claude Code | yes |
| 1B | ${link('ENG-11')} | Dispatch rules engine | pair | ~$3 | Tembo | n/a |
| 1C | ${link('ENG-12')} | Lint pass | quick | ~$1 | Copilot | n/a |
| 1D | ${link('ENG-13')} | Quick fix | quick | ~$1 | Cursor | n/a |
| 1E | ${link('ENG-14')} | Triage notes | quick | ~$1 | human | no |
`;
}

let server: LinearTestServer;
let root: string;
let planPath: string;
let store: StateStore;
let plans: PlansService;
let linear: LinearService;
let delegation: DelegateService;
let settings: Settings;

function initial(): AppState {
  return newAppState({ version: '0', mode: 'serve', demo: false, claudeHome: '/h', dataDir: '/d', startedAt: '', claudeHomeSource: 'default', ready: false, scanProgress: null }, defaultSettings());
}

beforeEach(async () => {
  server = await startLinearTestServer();
  root = await mkdtemp(join(tmpdir(), 'delegate-'));
  const plansDir = join(root, 'home', 'plans');
  await mkdir(plansDir, { recursive: true });
  planPath = join(plansDir, '2026-03-01-eng-agents.md');
  await writeFile(planPath, agentPlan());
  store = new StateStore(initial(), 0);
  settings = applySettingsPatch(defaultSettings(), { linear: { apiUrl: server.url, writeBackStarted: true } });
  linear = new LinearService({
    store,
    secretStore: new MemorySecretStore(server.apiKey),
    settings: () => settings,
    dataDir: root,
    logger: silentLogger,
    timeoutMs: 3_000,
    updatePlanContext: () => undefined,
    updateSettings: async (patch) => (settings = applySettingsPatch(settings, patch)),
  });
  await linear.start();
  await linear.whenIdle();
  plans = new PlansService({
    store,
    folders: () => ({ claudeHome: join(root, 'home'), repos: [], folders: [] }),
    onPlanContext: () => undefined,
    linear: () => linear,
    warn: () => undefined,
    whoAmI: () => 'tester',
    now: () => new Date('2026-03-02T10:00:00.000Z'),
    debounceMs: 20,
    writeBackDelayMs: 10_000,
  });
  await plans.refresh();
  delegation = new DelegateService({ store, linear: () => linear, recordRegistryRow: (p, row) => plans.recordRegistryRow(p, row), log: () => undefined });
});

afterEach(async () => {
  await plans.stop();
  linear.stop();
  store.dispose();
  await server.close();
  await rm(root, { recursive: true, force: true });
});

const child = (title: string): StoreIssue | undefined => {
  const master = server.store.findIssue('ENG-1');
  return master ? server.store.childrenOf(master.id, true).find((c) => c.title === title) : undefined;
};
const userName = (id: string | null | undefined) => (id ? (server.store.users.get(id)?.name ?? '?') : null);

async function approveBatch1(): Promise<void> {
  const hash = store.current.dispatch[planPath]?.contentHash ?? '';
  await plans.approve({ planPath, expectedHash: hash, batch: 1, edits: {}, overrideReason: 'five sessions for the test' });
  await expect.poll(() => Object.values(store.current.linearCreations).filter((c) => c.status === 'created').length, { timeout: 10_000 }).toBe(5);
}

describe('§4 Assignee on approval', () => {
  it('each sub-issue goes to the agent its Agent cell names, from one users read', async () => {
    const before = server.log.length;
    await approveBatch1();
    expect(userName(child('Batch 1A: Session exit skill')?.assigneeId)).toBe('Claude');
    expect(userName(child('Batch 1B: Dispatch rules engine')?.delegateId)).toBe('Tembo');
    expect(userName(child('Batch 1D: Quick fix')?.delegateId)).toBe('Cursor');
    const lint = child('Batch 1C: Lint pass');
    expect([lint?.assigneeId, lint?.delegateId]).toEqual([null, null]);
    const triage = child('Batch 1E: Triage notes');
    expect([triage?.assigneeId, triage?.delegateId]).toEqual([null, null]);
    expect(server.log.slice(before).filter((e) => e.operationName === 'SwitchyardUsers')).toHaveLength(1);
    const rows = Object.values(store.current.linearCreations);
    expect(rows.find((r) => r.rowKey === '1C')?.assigneeWarning).toContain('No Linear user matches "Copilot"');
    expect(rows.find((r) => r.rowKey === '1E')?.assigneeWarning ?? null).toBeNull();
    expect(rows.find((r) => r.rowKey === '1B')?.assignee).toEqual({ name: 'Tembo', delegated: true });
    // The poll brings the delegation back with the master's children (Settings → Linear shows it).
    const polled = (title: string) => store.current.linearPlans['ENG-1']?.children.find((c) => c.title === title);
    await expect.poll(() => polled('Batch 1B: Dispatch rules engine')?.delegate?.name, { timeout: 10_000 }).toBe('Tembo');
    expect(polled('Batch 1A: Session exit skill')?.assignee?.name).toBe('Claude');
  });
});

describe('Delegate an external agent row', () => {
  it('refuses before approval, for a Claude Code row, and with Linear disconnected', async () => {
    await expect(delegation.delegate(planPath, '1B')).rejects.toThrow(/not approved/);
    await approveBatch1();
    await expect(delegation.delegate(planPath, '1A')).rejects.toThrow(/launch it instead/);
    const offline = new DelegateService({ store, linear: () => null, recordRegistryRow: (p, row) => plans.recordRegistryRow(p, row), log: () => undefined });
    const refusal = await offline.delegate(planPath, '1B').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RpcFailure);
    expect((refusal as RpcFailure).message).toMatch(/Linear is not connected/);
  });

  it('refuses a row whose sub-issue does not exist yet', async () => {
    // Approved in the plan while Linear was away: no sub-issues were made.
    const off = new PlansService({
      store,
      folders: () => ({ claudeHome: join(root, 'home'), repos: [], folders: [] }),
      onPlanContext: () => undefined,
      warn: () => undefined,
      whoAmI: () => 'tester',
      debounceMs: 20,
      writeBackDelayMs: 10_000,
    });
    await off.refresh();
    await off.approve({ planPath, expectedHash: store.current.dispatch[planPath]?.contentHash ?? '', batch: 1, edits: {}, overrideReason: 'offline' });
    await off.stop();
    await plans.refresh();
    await expect(delegation.delegate(planPath, '1B')).rejects.toThrow(/has no Linear sub-issue yet under ENG-1/);
  });

  it('Tembo: delegated in Linear, In Progress, registry row Delegated; the person’s text kept byte for byte', async () => {
    await approveBatch1();
    const approved = await readFile(planPath, 'utf8');
    const result = await delegation.delegate(planPath, '1B');
    expect(result).toMatchObject({ via: 'delegate', to: 'Tembo', commentPosted: false, movedToInProgress: true, branch: '' });
    const sub = child('Batch 1B: Dispatch rules engine');
    expect(userName(sub?.delegateId)).toBe('Tembo');
    expect(server.store.states.get(sub?.stateId ?? '')?.name).toBe('In Progress');
    const after = await readFile(planPath, 'utf8');
    // Only the registry row of 1B changed: every other line is as approval left it.
    const changed = after.split('\n').filter((l, i) => l !== approved.split('\n')[i]);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/^\| tembo-eng-11 +\| \[ENG-11\]\(https:\/\/linear\.app\/eng\/issue\/ENG-11\) +\| 1B +\| Tembo +\| n\/a +\| *\| Delegated +\|$/);
    expect(after).toContain(PERSON_NOTE);
    expect(store.current.dispatch[planPath]?.registryStatus?.['1B']).toBe('Delegated');
    // What Switchyard wrote is no "plain issue id" for the Plans view to flag.
    expect(store.current.plans[planPath]?.unlinkedIds).toEqual([]);
  });

  it('Copilot (no app user): ONE comment with one @mention and the prompt; a second click posts nothing more', async () => {
    await approveBatch1();
    const first = await delegation.delegate(planPath, '1C');
    expect(first).toMatchObject({ via: 'mention', to: '@copilot', commentPosted: true });
    const sub = child('Batch 1C: Lint pass');
    const comments = [...server.store.comments.values()].filter((c) => c.issueId === sub?.id);
    expect(comments).toHaveLength(1);
    const body = comments[0]?.body ?? '';
    expect(body.split('\n')[0]).toBe('@copilot Implement: Lint pass');
    // Copilot as an app user too, to count it: the one mention is the dispatch line's.
    expect(appMentionsIn(body, [...server.store.users.values(), { displayName: 'copilot' }])).toEqual(['copilot']);
    expect(body).toContain(store.current.dispatch[planPath]?.prompts['1C']?.text.trim().split('\n')[0] ?? '¬');
    const again = await delegation.delegate(planPath, '1C');
    expect(again.commentPosted).toBe(false);
    expect([...server.store.comments.values()].filter((c) => c.issueId === sub?.id)).toHaveLength(1);
  });

  it('after a restart (no creation record in memory) the sub-issue is found under the master by its marker and title', async () => {
    await approveBatch1();
    store.replaceCollection('linearCreations', {});
    const result = await delegation.delegate(planPath, '1B');
    expect(result.issue).toBe(`ENG-${child('Batch 1B: Dispatch rules engine')?.number ?? '?'}`);
    expect(result.via).toBe('delegate');
  });

  it('Cursor: the branch by its convention, cursor/{issue-id} of the sub-issue it works on, goes into the registry', async () => {
    await approveBatch1();
    const result = await delegation.delegate(planPath, '1D');
    const id = (child('Batch 1D: Quick fix')?.number ?? 0).toString();
    expect(result.branch).toBe(`cursor/eng-${id}`);
    expect(await readFile(planPath, 'utf8')).toMatch(new RegExp(`\\| cursor-eng-13 +\\|.*\\| n/a +\\| cursor/eng-${id} +\\| Delegated +\\|`));
  });
});
