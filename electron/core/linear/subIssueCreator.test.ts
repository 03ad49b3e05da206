import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SubIssueCreation, SubIssueRow } from '../../../shared/domain/linear';
import { createLinearGateway, type LinearGateway } from './linearGateway';
import { SubIssueCreator } from './subIssueCreator';
import { parseRowMarker } from './subIssueMarker';
import { startLinearTestServer, type LinearTestServer } from './testServer/server';
import type { StoreIssue } from './testServer/store';

let server: LinearTestServer;
let gateway: LinearGateway;
let master: StoreIssue;

beforeEach(async () => {
  server = await startLinearTestServer();
  gateway = createLinearGateway({ apiKey: server.apiKey, apiUrl: server.url, timeoutMs: 5_000 });
  const m = server.store.findIssue('ENG-1');
  if (!m) throw new Error('seed');
  master = m;
});
afterEach(async () => {
  await server.close();
});

const row = (rowKey: string, focus: string, typeLabel: string | null, execLabel: string | null, estimate: number | null = 3): SubIssueRow => ({
  rowKey,
  batch: rowKey,
  focus,
  prompt: `Implement ${focus}.\n\nExecution mode: tdd | Launch as: Bypass permissions | Worktree: yes`,
  typeLabel,
  execLabel,
  estimate,
  assigneeId: null,
});

const children = (): StoreIssue[] => server.store.childrenOf(master.id, true);
const labelNames = (issue: StoreIssue): string[] =>
  issue.labelIds
    .map((id) => server.store.labels.get(id))
    .map((l) => (l?.parentId ? `${server.store.labels.get(l.parentId)?.name}→${l.name}` : (l?.name ?? '?')))
    .sort();

describe('SubIssueCreator against the local Linear server (real SDK)', () => {
  it('creates one sub-issue per row with title, description+marker, labels of both styles, estimate, assignee, parent, team', async () => {
    const agent = [...server.store.users.values()].find((u) => u.displayName === 'claude');
    const rows = [
      { ...row('1A', 'Session exit skill', 'type:chore', 'exec:tdd', 3), assigneeId: agent?.id ?? null }, // flat type, grouped exec
      row('1B', 'Registry spike', 'type:spike', 'exec:quick', 2), // both flat
      row('1C', 'Checkpoint flow', 'type:chore', 'exec:checkpoint', 5), // exec group exists, child missing → created in group
      row('1D', 'Bug hunt', 'type:bug', 'exec:pair', 1.4), // type:bug missing, no `type` group → created flat
    ];
    const progress: SubIssueCreation[] = [];
    const creator = new SubIssueCreator({ gateway, masterIssueId: 'ENG-1', planHash: 'plan-abc', onProgress: (r) => progress.push(r) });
    const result = await creator.run(rows);
    expect(result.map((r) => r.status)).toEqual(['created', 'created', 'created', 'created']);
    expect(progress.filter((p) => p.rowKey === '1A').map((p) => p.status)).toEqual(['creating', 'created']);

    const kids = children();
    expect(kids.map((k) => k.title)).toEqual(['Batch 1A: Session exit skill', 'Batch 1B: Registry spike', 'Batch 1C: Checkpoint flow', 'Batch 1D: Bug hunt']);
    const [a, b, c, d] = kids;
    expect(a?.teamId).toBe(master.teamId);
    expect(a?.parentId).toBe(master.id);
    expect(a?.assigneeId).toBe(agent?.id);
    expect(a?.estimate).toBe(3);
    expect(d?.estimate).toBe(1);
    expect(a?.description?.startsWith('Implement Session exit skill.')).toBe(true);
    expect(parseRowMarker(a?.description ?? null)).toEqual({ planHash: 'plan-abc', rowKey: '1A' });
    expect(labelNames(a as StoreIssue)).toEqual(['exec→tdd', 'type:chore']);
    expect(labelNames(b as StoreIssue)).toEqual(['exec:quick', 'type:spike']);
    expect(labelNames(c as StoreIssue)).toEqual(['exec→checkpoint', 'type:chore']);
    expect(labelNames(d as StoreIssue)).toEqual(['exec→pair', 'type:bug']);
    expect(result[0]?.identifier).toBe(server.store.identifier(a as StoreIssue));

    // Running again (e.g. the approval is clicked twice) creates nothing new.
    const again = await new SubIssueCreator({ gateway, masterIssueId: master.id, planHash: 'plan-abc' }).run(rows);
    expect(again.map((r) => r.status)).toEqual(['exists', 'exists', 'exists', 'exists']);
    expect(children()).toHaveLength(4);
    expect([...server.store.labels.values()].filter((l) => l.name === 'checkpoint')).toHaveLength(1);
  });

  it('a failure halfway, then retryFailed(): no duplicates, just the failed rows', async () => {
    const rows = ['1A', '1B', '1C', '1D', '1E'].map((k) => row(k, `Focus ${k}`, 'type:chore', 'exec:tdd'));
    const creator = new SubIssueCreator({ gateway, masterIssueId: master.id, planHash: 'h1' });
    server.faults.failMutationsAfter(2, { kind: 'http-500' });
    const first = await creator.run(rows);
    expect(first.map((r) => r.status)).toEqual(['created', 'created', 'failed', 'failed', 'failed']);
    expect(first[2]?.error).toMatch(/Linear/);
    expect(children()).toHaveLength(2);

    server.faults.clear();
    const retried = await creator.retryFailed();
    expect(retried.map((r) => r.status)).toEqual(['created', 'created', 'created', 'created', 'created']);
    expect(children().map((c) => c.title)).toEqual(rows.map((r) => `Batch ${r.batch}: ${r.focus}`));
  });

  it('a lost reply (created, but the connection dropped) and a crash: a fresh creator finds it, no duplicate', async () => {
    const rows = ['2A', '2B', '2C'].map((k) => row(k, `Focus ${k}`, 'type:spike', 'exec:pair'));
    server.faults.failMutationsAfter(0, { kind: 'drop-after-execute' });
    const crashed = await new SubIssueCreator({ gateway, masterIssueId: master.id, planHash: 'h2' }).run(rows);
    expect(crashed[0]?.status).toBe('failed');
    expect(crashed.slice(1).every((r) => r.status === 'failed' && (r.error ?? '').startsWith('Not attempted'))).toBe(true);
    expect(children()).toHaveLength(1); // the first one was created; its reply was lost

    server.faults.clear();
    const fresh = await new SubIssueCreator({ gateway, masterIssueId: master.id, planHash: 'h2' }).run(rows);
    expect(fresh.map((r) => r.status)).toEqual(['exists', 'created', 'created']);
    expect(children()).toHaveLength(3);
  });

  it('a different plan hash is a different set of rows; a stripped marker still matches by title', async () => {
    await new SubIssueCreator({ gateway, masterIssueId: master.id, planHash: 'v1' }).run([row('3A', 'Thing', null, null)]);
    const kid = children()[0];
    if (!kid) throw new Error('no child');
    server.store.updateIssue(kid.id, { description: 'marker eaten by the editor' });
    const res = await new SubIssueCreator({ gateway, masterIssueId: master.id, planHash: 'v1' }).run([row('3A', 'Thing', null, null)]);
    expect(res[0]?.status).toBe('exists');
    expect(children()).toHaveLength(1);
  });

  it('a bad key fails every row with the reason', async () => {
    const bad = createLinearGateway({ apiKey: 'lin_api_nope', apiUrl: server.url });
    const res = await new SubIssueCreator({ gateway: bad, masterIssueId: master.id, planHash: 'x' }).run([row('4A', 'A', null, null), row('4B', 'B', null, null)]);
    expect(res.every((r) => r.status === 'failed' && /API key/.test(r.error ?? ''))).toBe(true);
  });
});

describe('§4 Assignee: the Agent cell names who gets the sub-issue', () => {
  it('delegates to agents (app users), assigns people, leaves human pickup and unknown names unassigned — one users read', async () => {
    const users = (async () => (await gateway.users()).data.users.nodes)();
    let reads = 0;
    const creator = new SubIssueCreator({
      gateway,
      masterIssueId: 'ENG-1',
      planHash: 'plan-agents',
      users: () => {
        reads += 1;
        return users;
      },
    });
    const rows: SubIssueRow[] = [
      { ...row('1A', 'Session exit skill', null, null), agent: 'Claude Code' },
      { ...row('1B', 'Dispatch rules', null, null), agent: 'Tembo' },
      { ...row('1C', 'Lint fix', null, null), agent: 'cursor' },
      { ...row('1D', 'Triage', null, null), agent: 'human' },
      { ...row('1E', 'Sandbox build', null, null), agent: 'cto.new' },
    ];
    const result = await creator.run(rows);
    expect(reads).toBe(1);
    expect(result.map((r) => r.status)).toEqual(['created', 'created', 'created', 'created', 'created']);
    const byTitle = new Map(children().map((k) => [k.title, k]));
    const name = (id: string | null | undefined) => (id ? (server.store.users.get(id)?.name ?? '?') : null);
    const who = (title: string) => {
      const k = byTitle.get(title);
      return { assignee: name(k?.assigneeId), delegate: name(k?.delegateId) };
    };
    expect(who('Batch 1A: Session exit skill')).toEqual({ assignee: 'Claude', delegate: null });
    expect(who('Batch 1B: Dispatch rules')).toEqual({ assignee: null, delegate: 'Tembo' });
    expect(who('Batch 1C: Lint fix')).toEqual({ assignee: null, delegate: 'Cursor' });
    expect(who('Batch 1D: Triage')).toEqual({ assignee: null, delegate: null });
    expect(who('Batch 1E: Sandbox build')).toEqual({ assignee: null, delegate: null });
    const shown = Object.fromEntries(result.map((r) => [r.rowKey, [r.assignee ?? null, r.assigneeWarning ?? null]]));
    expect(shown['1A']).toEqual([{ name: 'Claude', delegated: false }, null]);
    expect(shown['1B']).toEqual([{ name: 'Tembo', delegated: true }, null]);
    expect(shown['1D']).toEqual([null, null]);
    expect(shown['1E']?.[0]).toBeNull();
    expect(shown['1E']?.[1]).toContain('No Linear user matches "cto.new"');
  });

  it('users that cannot be read leave the rows unassigned with the reason, and the sub-issues are still created', async () => {
    const creator = new SubIssueCreator({ gateway, masterIssueId: 'ENG-1', planHash: 'plan-x', users: () => Promise.reject(new Error('boom')) });
    const [r] = await creator.run([{ ...row('1A', 'Session exit skill', null, null), agent: 'Tembo' }]);
    expect(r?.status).toBe('created');
    expect(r?.assigneeWarning).toContain('Linear users could not be read');
    expect(children()[0]?.delegateId).toBeNull();
  });
});
