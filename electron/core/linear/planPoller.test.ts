import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LinearPlanState } from '../../../shared/domain/linear';
import { createLinearPlanCache } from './linearCache';
import { createLinearGateway } from './linearGateway';
import { ManualClock } from './manualClock';
import { PlanPoller, type PlanPollerOptions } from './planPoller';
import { startLinearTestServer, type LinearTestServer, type RequestLogEntry } from './testServer/server';
import type { StoreIssue } from './testServer/store';

let clock: ManualClock;
let server: LinearTestServer;
let master: StoreIssue;
let pollers: PlanPoller[] = [];

beforeEach(async () => {
  clock = new ManualClock();
  server = await startLinearTestServer({ now: () => clock.now() });
  const m = server.store.findIssue('ENG-1');
  if (!m) throw new Error('seed');
  master = m;
});

afterEach(async () => {
  for (const p of pollers) p.stop();
  pollers = [];
  await server.close();
});

function addChildren(parent: StoreIssue, n: number): StoreIssue[] {
  return Array.from({ length: n }, (_, i) => server.store.addIssue({ teamId: parent.teamId, title: `Batch 1${i}: child ${i}`, parentId: parent.id }));
}

function makePoller(extra: Partial<PlanPollerOptions> = {}): { poller: PlanPoller; states: LinearPlanState[] } {
  const states: LinearPlanState[] = [];
  const gateway = createLinearGateway({ apiKey: server.apiKey, apiUrl: server.url, now: () => clock.now() });
  const poller = new PlanPoller({ gateway, clock, onUpdate: (s) => states.push(s), ...extra });
  pollers.push(poller);
  return { poller, states };
}

const settle = (p: PlanPoller) => () => p.whenIdle();
const polls = (id?: string): RequestLogEntry[] =>
  server.log.filter((e) => e.operationName === 'SwitchyardPlanPoll' && (id === undefined || e.variables.id === id));

describe('PlanPoller against the local Linear server (real SDK)', () => {
  it('polls a plan with one request and emits its state', async () => {
    addChildren(master, 3);
    const { poller, states } = makePoller();
    await poller.addPlan(master.id);
    await clock.runUntil(clock.now(), settle(poller));
    expect(polls()).toHaveLength(1);
    const s = states.at(-1);
    expect(s?.stale).toBe(false);
    expect(s?.connection.kind).toBe('ok');
    expect(s?.master?.identifier).toBe('ENG-1');
    expect(s?.children.map((c) => c.title)).toEqual(['Batch 10: child 0', 'Batch 11: child 1', 'Batch 12: child 2']);
    expect(s?.children[0]?.state.type).toBe('unstarted');
  });

  it('pages only when a plan has more than 100 children', async () => {
    addChildren(master, 230);
    const { poller, states } = makePoller();
    await poller.addPlan(master.id);
    await clock.runUntil(clock.now(), settle(poller));
    expect(polls()).toHaveLength(3);
    expect(polls().map((e) => e.variables.after === null)).toEqual([true, false, false]);
    expect(states.at(-1)?.children).toHaveLength(230);
    expect(new Set(states.at(-1)?.children.map((c) => c.id)).size).toBe(230);
    // Next poll is incremental and nothing changed: one request.
    await clock.advance(30_000, settle(poller));
    expect(polls()).toHaveLength(4);
    expect(states.at(-1)?.children).toHaveLength(230);
  });

  it('incremental polls filter on updatedAt and merge changes and new children', async () => {
    const kids = addChildren(master, 5);
    const { poller, states } = makePoller();
    await poller.addPlan(master.id);
    await clock.runUntil(clock.now(), settle(poller));
    clock.set(clock.now() + 10_000);
    const started = [...server.store.states.values()].find((s) => s.type === 'started');
    server.store.updateIssue(kids[1]?.id ?? '', { stateId: started?.id ?? '' });
    server.store.addIssue({ teamId: master.teamId, title: 'Batch 2A: new', parentId: master.id });
    await clock.advance(30_000, settle(poller));
    const second = polls()[1];
    expect(second?.variables.childFilter).toEqual({ updatedAt: { gt: expect.any(String) } });
    const s = states.at(-1);
    expect(s?.children).toHaveLength(6);
    expect(s?.children[1]?.state.type).toBe('started');
    expect(s?.children.at(-1)?.title).toBe('Batch 2A: new');
  });

  it('sees removed and archived children only after the next full refresh', async () => {
    const kids = addChildren(master, 4);
    const { poller, states } = makePoller({ fullRefreshEvery: 3 });
    await poller.addPlan(master.id); // poll 1: full
    await clock.runUntil(clock.now(), settle(poller));
    server.store.archiveIssue(kids[0]?.id ?? '');
    server.store.updateIssue(kids[1]?.id ?? '', { parentId: null });
    await clock.advance(30_000, settle(poller)); // poll 2: incremental
    expect(states.at(-1)?.children).toHaveLength(4);
    await clock.advance(30_000, settle(poller)); // poll 3: incremental
    expect(states.at(-1)?.children).toHaveLength(4);
    await clock.advance(30_000, settle(poller)); // poll 4: full refresh
    expect(polls().map((e) => e.variables.childFilter === null)).toEqual([true, false, false, true]);
    expect(states.at(-1)?.children.map((c) => c.id)).toEqual([kids[2]?.id, kids[3]?.id]);
  });

  it('never makes more than one request per plan per interval, nor two at once', async () => {
    const masters = [master, ...[1, 2, 3].map((i) => server.store.addIssue({ teamId: master.teamId, title: `Master ${i}` }))];
    for (const m of masters) addChildren(m, 5);
    const { poller } = makePoller();
    for (const m of masters) await poller.addPlan(m.id);
    // Impatient UI: extra pollNow calls while a poll is in flight share it.
    await Promise.all([poller.pollNow(master.id), poller.pollNow(master.id), poller.pollNow(master.id)]);
    await clock.runUntil(clock.now() + 10 * 60_000, settle(poller));
    for (const m of masters) {
      const times = polls(m.id).map((e) => e.at);
      expect(times.length).toBeGreaterThanOrEqual(20);
      for (let i = 1; i < times.length; i++) expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(30_000);
    }
  });

  it('polls faster for a minute after the person acts and slower when hidden', async () => {
    const { poller } = makePoller();
    await poller.addPlan(master.id);
    await clock.runUntil(clock.now(), settle(poller));
    poller.noteUserAction();
    await clock.advance(60_000, settle(poller));
    const fast = polls().length - 1;
    expect(fast).toBeGreaterThanOrEqual(5);
    poller.setVisible(false);
    const before = polls().length;
    await clock.advance(10 * 60_000, settle(poller));
    expect(polls().length - before).toBeLessThanOrEqual(6);
  });

  it.each([
    { fault: { kind: 'ratelimit-400' as const, resetInMs: 5 * 60_000 }, wait: 5 * 60_000 },
    { fault: { kind: 'http-429' as const, retryAfterSec: 120 }, wait: 120_000 },
  ])('after a rate-limit reply ($fault.kind) no request is sent before the reset', async ({ fault, wait }) => {
    const others = [1, 2].map((i) => server.store.addIssue({ teamId: master.teamId, title: `Master ${i}` }));
    const { poller, states } = makePoller();
    await poller.addPlan(master.id);
    for (const m of others) await poller.addPlan(m.id);
    await clock.runUntil(clock.now(), settle(poller));
    server.faults.next(fault);
    await clock.advance(30_000, settle(poller));
    const limited = server.log.find((e) => e.status === 429 || e.status === 400);
    expect(limited).toBeDefined();
    const resetAt = (limited?.at ?? 0) + wait;
    const limitedState = states.find((s) => s.connection.kind === 'rate-limited');
    expect(limitedState?.stale).toBe(true);
    expect(Date.parse(limitedState?.connection.until ?? '')).toBe(resetAt);
    // The person keeps clicking and the window is visible: still nothing before the reset.
    for (let t = 0; t < 6; t++) {
      poller.noteUserAction();
      await poller.pollNow(master.id);
      await clock.advance(20_000, settle(poller));
    }
    await clock.runUntil(resetAt + 5 * 60_000, settle(poller));
    const after = server.log.slice(server.log.indexOf(limited as RequestLogEntry) + 1);
    expect(after.length).toBeGreaterThan(0);
    for (const e of after) expect(e.at).toBeGreaterThanOrEqual(resetAt);
    expect(server.log.filter((e) => e.fault === 'rate-limited')).toEqual([]);
    expect(states.at(-1)?.connection.kind).toBe('ok');
  });

  it('starts from the disk cache and keeps the data, marked stale, when offline', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'switchyard-linear-cache-'));
    try {
      addChildren(master, 2);
      const cache = createLinearPlanCache(dir);
      const first = makePoller({ cache });
      await first.poller.addPlan(master.id);
      await clock.runUntil(clock.now(), settle(first.poller));
      first.poller.stop();

      server.faults.set({ kind: 'drop' });
      const second = makePoller({ cache });
      await second.poller.addPlan(master.id);
      expect(second.states[0]?.stale).toBe(true);
      expect(second.states[0]?.children).toHaveLength(2);
      await clock.runUntil(clock.now(), settle(second.poller));
      const s = second.states.at(-1);
      expect(s?.connection.kind).toBe('offline');
      expect(s?.stale).toBe(true);
      expect(s?.children).toHaveLength(2);
      server.faults.set(null);
      await clock.advance(5 * 60_000, settle(second.poller));
      expect(second.states.at(-1)?.stale).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
