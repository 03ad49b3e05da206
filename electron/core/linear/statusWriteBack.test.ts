import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLinearGateway, type LinearGateway } from './linearGateway';
import { pickTargetState } from './pickTargetState';
import { createStatusWriteBack } from './statusWriteBack';
import { startLinearTestServer, type LinearTestServer } from './testServer/server';

let server: LinearTestServer;
let gateway: LinearGateway;
beforeEach(async () => {
  server = await startLinearTestServer();
  gateway = createLinearGateway({ apiKey: server.apiKey, apiUrl: server.url });
});
afterEach(async () => {
  await server.close();
});

const stateOf = (identifier: string): string | undefined => {
  const i = server.store.findIssue(identifier);
  return i ? server.store.states.get(i.stateId)?.name : undefined;
};

describe('status write-back', () => {
  it('does nothing unless its setting is on (off by default)', async () => {
    const wb = createStatusWriteBack(gateway);
    const before = server.requestCount();
    expect(await wb.sessionStarted('ENG-1')).toEqual({ kind: 'disabled' });
    expect(await wb.branchMerged('ENG-1')).toEqual({ kind: 'disabled' });
    expect(server.requestCount()).toBe(before);
    expect(stateOf('ENG-1')).toBe('Todo');
  });

  it('session started → In Progress; branch merged → Done', async () => {
    const wb = createStatusWriteBack(gateway, () => ({ moveToInProgressOnSessionStart: true, moveToDoneOnMerge: true }));
    expect(await wb.sessionStarted('ENG-1')).toEqual({ kind: 'moved', from: 'Todo', to: 'In Progress' });
    expect(stateOf('ENG-1')).toBe('In Progress');
    expect(await wb.sessionStarted('ENG-1')).toEqual({ kind: 'unchanged', stateName: 'In Progress' });
    expect(await wb.branchMerged('ENG-1')).toEqual({ kind: 'moved', from: 'In Progress', to: 'Done' });
    expect(stateOf('ENG-1')).toBe('Done');
    // A late "session started" never pulls a finished issue back.
    expect(await wb.sessionStarted('ENG-1')).toEqual({ kind: 'unchanged', stateName: 'Done' });
    const updates = server.log.filter((e) => e.operationName === 'SwitchyardIssueUpdateState');
    expect(updates).toHaveLength(2);
  });

  it('reports failures instead of throwing', async () => {
    const wb = createStatusWriteBack(gateway, () => ({ moveToInProgressOnSessionStart: true, moveToDoneOnMerge: true }));
    server.faults.next({ kind: 'http-500' });
    const r = await wb.branchMerged('ENG-1');
    expect(r.kind).toBe('failed');
  });

  it('pickTargetState prefers the state named like the target, else the first of its type', () => {
    const states = [
      { id: 'a', name: 'Reviewing', type: 'started', position: 1 },
      { id: 'b', name: 'In Progress', type: 'started', position: 2 },
      { id: 'c', name: 'Shipped', type: 'completed', position: 3 },
    ];
    expect(pickTargetState('session-started', { id: 'x', name: 'Todo', type: 'unstarted' }, states)?.id).toBe('b');
    expect(pickTargetState('branch-merged', { id: 'b', name: 'In Progress', type: 'started' }, states)?.id).toBe('c');
    expect(pickTargetState('branch-merged', { id: 'c', name: 'Shipped', type: 'completed' }, states)).toBeNull();
  });
});
