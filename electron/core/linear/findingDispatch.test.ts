import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appMentionsIn } from '../findings/mentionComment';
import { dispatchAgreedFindings, loadReviewFindings, recordDecisions } from './findingDispatch';
import { createLinearGateway, type LinearGateway } from './linearGateway';
import { parseRowMarker } from './subIssueMarker';
import { startLinearTestServer, type LinearTestServer } from './testServer/server';

/** §9 end to end against the schema-validating Linear test server, through the real SDK client. */

const fixture = (name: string): string => readFileSync(new URL(`../findings/fixtures/${name}`, import.meta.url), 'utf8');
const AGENTS = [{ displayName: 'tembo' }, { displayName: 'cursor' }];

let server: LinearTestServer;
let gateway: LinearGateway;
let reviewedId: string;
beforeEach(async () => {
  server = await startLinearTestServer();
  gateway = createLinearGateway({ apiKey: server.apiKey, apiUrl: server.url });
  reviewedId = server.store.findIssue('ENG-1')?.id ?? '';
});
afterEach(async () => {
  await server.close();
});

const childrenOf = (id: string) => [...server.store.issues.values()].filter((i) => i.parentId === id);
const commentsOn = (id: string) => server.store.commentsOf(id).map((c) => c.body);

async function postRdr(name: string): Promise<string> {
  const { data } = await gateway.createComment('ENG-1', fixture(name));
  return `${data.commentCreate.comment.id}#0`;
}

describe('review findings on a Linear issue (§9)', () => {
  it('reads the findings table of a comment, with the app users to @mention (Tembo by default)', async () => {
    await gateway.createComment('ENG-1', 'LGTM overall, findings below in the next comment.');
    const tableKey = await postRdr('rdr-standard.md');
    const findings = await loadReviewFindings(gateway, 'ENG-1');
    expect(findings.identifier).toBe('ENG-1');
    expect(findings.tables.map((t) => [t.key, t.author, t.findings.map((f) => [f.key, f.decision, f.route])])).toEqual([
      [
        tableKey,
        'Ada Lovelace',
        [
          ['1', null, 'claude-code'],
          ['2', null, 'agent'],
          ['3', null, 'agent'],
        ],
      ],
    ]);
    expect(findings.agents.map((a) => a.name)).toEqual(['Tembo', 'Cursor']);
    expect(findings.agents.find((a) => a.id === findings.defaultAgentId)?.name).toBe('Tembo');
  });

  it('records decisions as a reply comment that a reload reads back; the latest decision wins', async () => {
    const tableKey = await postRdr('rdr-standard.md');
    await recordDecisions(gateway, 'ENG-1', tableKey, [
      { key: '1', decision: 'agree' },
      { key: '2', decision: 'defer' },
    ]);
    const after = await recordDecisions(gateway, 'ENG-1', tableKey, [{ key: '2', decision: 'agree' }, { key: '3', decision: 'reject' }]);
    const bodies = commentsOn(reviewedId);
    expect(bodies).toHaveLength(3);
    expect(bodies[2]).toContain('| 2 | Missing null check on masterIssue | agree |');
    const reloaded = await loadReviewFindings(gateway, 'ENG-1');
    expect(reloaded).toEqual(after);
    expect(reloaded.tables).toHaveLength(1);
    expect(reloaded.tables[0]?.findings.map((f) => [f.key, f.decision, f.decisionSource])).toEqual([
      ['1', 'agree', 'reply'],
      ['2', 'agree', 'reply'],
      ['3', 'reject', 'reply'],
    ]);
  });

  it('dispatches: one sub-issue per agreed finding under the reviewed issue, one @mention comment per trivial/small one', async () => {
    const tableKey = await postRdr('rdr-standard.md');
    await recordDecisions(gateway, 'ENG-1', tableKey, [
      { key: '1', decision: 'agree' },
      { key: '2', decision: 'agree' },
      { key: '3', decision: 'agree' },
    ]);
    const users = (await gateway.users()).data.users.nodes;
    const cursor = users.find((u) => u.name === 'Cursor');
    const before = childrenOf(reviewedId).length;
    const { results, findings } = await dispatchAgreedFindings(gateway, 'ENG-1', tableKey, [{ key: '3', route: 'agent', agentId: cursor?.id ?? null }]);

    expect(results.map((r) => [r.key, r.status, r.route, r.mention?.agent ?? null, r.mention?.status ?? null, r.error])).toEqual([
      ['1', 'created', 'claude-code', null, null, null],
      ['2', 'created', 'agent', 'Tembo', 'posted', null],
      ['3', 'created', 'agent', 'Cursor', 'posted', null],
    ]);
    const children = childrenOf(reviewedId);
    expect(children).toHaveLength(before + 3);
    const byTitle = Object.fromEntries(children.map((c) => [c.title, c]));
    const large = byTitle['Review 1: Batch packing is greedy (4 → 3+1)'];
    const null2 = byTitle['Review 2: Missing null check on masterIssue'];
    const copy3 = byTitle['Review 3: Error message says "Approve" where it means "Reject"'];
    expect(large?.description).toContain('- **Location:** electron/core/dispatch/batches.ts:88');
    expect(large?.description).toContain('- **Recommendation:** Pack into batches of two or three (4 → 2+2)');
    expect(large?.description).toContain('a Claude Code session (medium+ finding)');
    expect(parseRowMarker(large?.description ?? null)).toEqual({ planHash: `rdr-${tableKey.split('#')[0]}-0`, rowKey: '1' });
    // The medium+ finding waits for a Claude Code session: no comment on it.
    expect(commentsOn(large?.id ?? '')).toEqual([]);
    expect(commentsOn(null2?.id ?? '')).toEqual(['@tembo Implement: Missing null check on masterIssue\n\nLocation: DispatchView.tsx:51\n\nRecommendation: Guard with ?. and show "no master issue"']);
    expect(commentsOn(copy3?.id ?? '')).toHaveLength(1);
    expect(commentsOn(copy3?.id ?? '')[0]).toMatch(/^@cursor Implement: Error message says/);
    // Every comment Switchyard posted names at most one app user.
    for (const c of server.store.comments.values()) expect(new Set(appMentionsIn(c.body, AGENTS)).size).toBeLessThanOrEqual(1);
    expect(findings.tables[0]?.findings.map((f) => f.subIssue?.identifier ?? null)).toEqual(results.map((r) => r.subIssue?.identifier ?? null));
  });

  it('is idempotent: a second dispatch finds the sub-issues and the @mention comments, and creates nothing', async () => {
    const tableKey = await postRdr('rdr-standard.md');
    await recordDecisions(gateway, 'ENG-1', tableKey, [{ key: '2', decision: 'agree' }]);
    await dispatchAgreedFindings(gateway, 'ENG-1', tableKey, []);
    const issues = server.store.issues.size;
    const comments = server.store.comments.size;
    const again = await dispatchAgreedFindings(gateway, 'ENG-1', tableKey, []);
    expect(again.results.map((r) => [r.key, r.status, r.mention?.status])).toEqual([['2', 'exists', 'exists']]);
    expect(server.store.issues.size).toBe(issues);
    expect(server.store.comments.size).toBe(comments);
  });

  it('dispatches only agreed findings: deferred, rejected, overridden and undecided ones stay put', async () => {
    const tableKey = await postRdr('rdr-models.md');
    // The table itself says F2 agree and F4 deferred; F1, F3 undecided.
    const { results } = await dispatchAgreedFindings(gateway, 'ENG-1', tableKey, [{ key: 'F1', route: 'agent' }]);
    expect(results.map((r) => [r.key, r.status, r.route])).toEqual([['F2', 'created', 'claude-code']]);
    const f2 = childrenOf(reviewedId).find((c) => c.title.startsWith('Review F2'));
    expect(f2?.description).toContain('- **Consensus:** 3/3 models agree — consensus');
  });

  it('refuses to dispatch a table with no agreed finding, creating nothing', async () => {
    const tableKey = await postRdr('rdr-standard.md');
    const issues = server.store.issues.size;
    await expect(dispatchAgreedFindings(gateway, 'ENG-1', tableKey, [])).rejects.toThrow(/No finding of this table is decided "agree"/);
    expect(server.store.issues.size).toBe(issues);
  });

  it('a lost reply creates no duplicate: the retry finds the sub-issue by its marker and posts the @mention once', async () => {
    const tableKey = await postRdr('rdr-standard.md');
    await recordDecisions(gateway, 'ENG-1', tableKey, [{ key: '3', decision: 'agree' }]);
    server.faults.failMutationsAfter(0, { kind: 'drop-after-execute' });
    const lost = await dispatchAgreedFindings(gateway, 'ENG-1', tableKey, []);
    server.faults.clear();
    expect(lost.results.map((r) => r.status)).toEqual(['failed']);
    const retried = await dispatchAgreedFindings(gateway, 'ENG-1', tableKey, []);
    expect(retried.results.map((r) => [r.status, r.mention?.status])).toEqual([['exists', 'posted']]);
    const made = childrenOf(reviewedId).filter((c) => c.title.startsWith('Review 3:'));
    expect(made).toHaveLength(1);
    expect(commentsOn(made[0]?.id ?? '')).toHaveLength(1);
  });

  it('stops at a failure that would hit every finding (Linear down) and says the rest were not attempted', async () => {
    const tableKey = await postRdr('rdr-standard.md');
    await recordDecisions(gateway, 'ENG-1', tableKey, [
      { key: '1', decision: 'agree' },
      { key: '2', decision: 'agree' },
    ]);
    const issues = server.store.issues.size;
    server.faults.failMutationsAfter(0, { kind: 'http-503' });
    const { results } = await dispatchAgreedFindings(gateway, 'ENG-1', tableKey, []);
    server.faults.clear();
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(results[1]?.error).toMatch(/^Not attempted: /);
    expect(server.store.issues.size).toBe(issues);
  });
});
