import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLinearGateway, LinearRequestError, type LinearGateway } from './linearGateway';
import { startLinearTestServer, type LinearTestServer } from './testServer/server';

/** Users, assignment/delegation and comments: the real client against the schema-validating test server. */
let server: LinearTestServer;
let gateway: LinearGateway;
beforeEach(async () => {
  server = await startLinearTestServer();
  gateway = createLinearGateway({ apiKey: server.apiKey, apiUrl: server.url });
});
afterEach(async () => {
  await server.close();
});

describe('Linear users, delegation and comments', () => {
  it('lists people and app users (agents), telling them apart', async () => {
    const { data } = await gateway.users();
    const byName = Object.fromEntries(data.users.nodes.map((u) => [u.name, u.app]));
    expect(byName).toMatchObject({ 'Ada Lovelace': false, Claude: false, Tembo: true, Cursor: true });
  });

  it('assigns to a person and delegates to an agent; a person cannot be delegated to', async () => {
    const users = (await gateway.users()).data.users.nodes;
    const ada = users.find((u) => u.name === 'Ada Lovelace');
    const tembo = users.find((u) => u.name === 'Tembo');
    const assigned = await gateway.assignIssue('ENG-1', { assigneeId: ada?.id, delegateId: tembo?.id });
    expect(assigned.data.issueUpdate.issue).toMatchObject({ assignee: { name: 'Ada Lovelace' }, delegate: { name: 'Tembo' } });
    expect(server.store.findIssue('ENG-1')?.delegateId).toBe(tembo?.id);
    const refused = await gateway.assignIssue('ENG-1', { delegateId: ada?.id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LinearRequestError);
    expect(server.store.findIssue('ENG-1')?.delegateId).toBe(tembo?.id);
  });

  it('posts a comment and reads the issue comments back in order', async () => {
    const first = await gateway.createComment('ENG-1', '@tembo Implement: the first finding');
    await gateway.createComment('ENG-1', 'second');
    expect(first.data.commentCreate.success).toBe(true);
    const { data } = await gateway.issueComments('ENG-1');
    expect(data.issue.comments.nodes.map((c) => c.body)).toEqual(['@tembo Implement: the first finding', 'second']);
    expect(data.issue.comments.nodes[0]?.user?.name).toBe('Ada Lovelace');
    const names = server.log.map((e) => e.operationName);
    expect(names).toEqual(expect.arrayContaining(['SwitchyardCommentCreate', 'SwitchyardIssueComments']));
  });
});
