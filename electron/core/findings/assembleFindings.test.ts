import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleFindings, findingsMarkerScope, type IssueComment } from './assembleFindings';
import { readDecisionsReply, renderDecisionsReply } from './decisionsReply';
import { subIssueDescription } from '../linear/subIssueMarker';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const at = (n: number): string => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
const comment = (id: string, body: string, n: number): IssueComment => ({ id, body, createdAt: at(n), url: `https://linear.app/x/issue/ENG-1#comment-${id}`, author: 'Ada' });
const agents = [
  { id: 'u-cursor', name: 'Cursor', displayName: 'cursor' },
  { id: 'u-tembo', name: 'Tembo', displayName: 'tembo' },
];
const assemble = (comments: IssueComment[], children: { id: string; identifier: string; description: string | null }[] = []) =>
  assembleFindings({ issueId: 'i1', identifier: 'ENG-1', comments, children, agents });

describe('assembleFindings: decisions from the table and from later replies', () => {
  it('takes the Decision column as written, and keeps an unreadable cell as text', () => {
    const { tables } = assemble([comment('c1', fixture('rdr-two-tables.md'), 1)]);
    expect(tables.map((t) => [t.key, t.heading, t.findings.map((f) => [f.key, f.decision, f.decisionSource, f.decisionText])])).toEqual([
      ['c1#0', 'Correctness', [['C1', 'agree', 'table', null], ['C2', 'reject', 'table', null]]],
      ['c1#1', 'Style', [['S1', null, null, null]]],
    ]);
    const odd = assemble([comment('c2', '| # | Finding | Decision |\n|---|---|---|\n| 1 | x | ask Bob |\n', 1)]);
    expect(odd.tables[0]?.findings[0]).toMatchObject({ decision: null, decisionText: 'ask Bob' });
  });

  it('applies Decisions replies in comment order (the latest wins), to their own table only; a reply is no findings table', () => {
    const replies = [
      comment('r2', renderDecisionsReply('c1', 0, [{ key: 'C2', title: 'spike', decision: 'agree' }]), 3),
      comment('r1', renderDecisionsReply('c1', 0, [{ key: 'C1', title: 'tracks', decision: 'defer' }, { key: 'C2', title: 'spike', decision: 'override' }]), 2),
    ];
    const { tables } = assemble([comment('c1', fixture('rdr-two-tables.md'), 1), ...replies]);
    expect(tables).toHaveLength(2);
    expect(tables[0]?.findings.map((f) => [f.key, f.decision, f.decisionSource])).toEqual([
      ['C1', 'defer', 'reply'],
      ['C2', 'agree', 'reply'],
    ]);
    expect(tables[0]?.decidedAt).toBe(at(3));
    expect(tables[1]?.findings[0]?.decision).toBeNull();
  });

  it('round-trips a reply whose finding text holds pipes and newlines', () => {
    const body = renderDecisionsReply('c9', 2, [{ key: 'row-2', title: 'uses a | b\nin the label', decision: 'reject' }]);
    expect(body).toContain('| row-2 | uses a \\| b in the label | reject |');
    expect(readDecisionsReply(body)).toEqual({ commentId: 'c9', tableIndex: 2, decisions: new Map([['row-2', 'reject']]) });
    expect(readDecisionsReply(fixture('rdr-standard.md'))).toBeNull();
  });

  it('finds the sub-issue already made for a finding by its marker, and defaults the agent to Tembo', () => {
    const made = { id: 's1', identifier: 'ENG-9', description: subIssueDescription('body', findingsMarkerScope('c1', 0), 'C1') };
    const other = { id: 's2', identifier: 'ENG-10', description: subIssueDescription('body', findingsMarkerScope('c1', 1), 'C1') };
    const result = assemble([comment('c1', fixture('rdr-two-tables.md'), 1)], [made, other]);
    expect(result.tables[0]?.findings.map((f) => f.subIssue?.identifier ?? null)).toEqual(['ENG-9', null]);
    expect(result.defaultAgentId).toBe('u-tembo');
  });

  it('shows §3 consensus per finding when the table carries per-model columns', () => {
    const { tables } = assemble([comment('c1', fixture('rdr-models.md'), 1)]);
    expect(tables[0]?.findings.map((f) => [f.key, f.consensus?.words ?? null])).toEqual([
      ['F1', '2/3 models agree — below consensus (needs 3/3 for a critical finding)'],
      ['F2', '3/3 models agree — consensus'],
      ['F3', '1/3 models agree — below consensus (needs 2/3 to include)'],
      ['F4', '2/2 models agree — consensus'],
    ]);
    expect(assemble([comment('c1', fixture('rdr-standard.md'), 1)]).tables[0]?.findings[0]?.consensus).toBeNull();
  });

  it('reads decisions, routes and consensus from an emoji-laden table with a tally column', () => {
    const { tables } = assemble([comment('c1', fixture('rdr-emoji-tally.md'), 1)]);
    expect(tables[0]?.findings.map((f) => [f.key, f.decision, f.route, f.consensus?.met ?? null])).toEqual([
      ['R1', 'agree', 'claude-code', true],
      ['R2', 'agree', 'agent', true],
      ['R3', 'reject', 'agent', false],
      ['R4', null, 'agent', true],
    ]);
  });
});
