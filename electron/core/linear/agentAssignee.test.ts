import { describe, expect, it } from 'vitest';
import { matchAgentUser, type AgentUser } from './agentAssignee';

const user = (name: string, displayName: string, app = false, extra: Partial<AgentUser> = {}): AgentUser => ({
  id: `id-${displayName}`,
  name,
  displayName,
  email: `${displayName}@example.test`,
  active: true,
  app,
  ...extra,
});

const workspace: AgentUser[] = [
  user('Ada Lovelace', 'ada'),
  user('Claude', 'claude'),
  user('Tembo', 'tembo', true),
  user('Cursor', 'cursor', true),
  user('GitHub Copilot', 'copilot-swe', true, { email: 'copilot@github.example' }),
  user('Old Codex', 'codex', true, { active: false }),
];

/** What the sub-issue gets, in words: `delegate:Tembo`, `assign:Claude`, `unassigned`, `unmatched`. */
function outcome(cell: string | null, users: AgentUser[] = workspace): string {
  const m = matchAgentUser(cell, users);
  return m.kind === 'delegate' || m.kind === 'assign' ? `${m.kind}:${m.user.name}` : m.kind;
}

describe('Agent cell → Linear user (§4 Assignee)', () => {
  it.each([
    ['Claude Code', 'assign:Claude'],
    ['claude', 'assign:Claude'],
    ['CLAUDE CODE', 'assign:Claude'],
    ['Tembo', 'delegate:Tembo'],
    ['tembo', 'delegate:Tembo'],
    ['Cursor', 'delegate:Cursor'],
    ['Copilot', 'delegate:GitHub Copilot'],
    ['GitHub Copilot', 'delegate:GitHub Copilot'],
    ['Ada Lovelace', 'assign:Ada Lovelace'],
    ['ada@example.test', 'assign:Ada Lovelace'],
    ['human', 'unassigned'],
    ['Human pickup', 'unassigned'],
    ['—', 'unassigned'],
    ['-', 'unassigned'],
    ['', 'unassigned'],
    [null, 'unassigned'],
    ['cto.new', 'unmatched'],
    // A deactivated user cannot take the work.
    ['Codex', 'unmatched'],
    ['Grace Hopper', 'unmatched'],
  ])('%s → %s', (cell, expected) => {
    expect(outcome(cell)).toBe(expected);
  });

  it('says which name matched no one, on the row', () => {
    const m = matchAgentUser('cto.new', workspace);
    expect(m.kind).toBe('unmatched');
    if (m.kind === 'unmatched') expect(m.warning).toContain('No Linear user matches "cto.new"');
  });

  it('an external agent prefers the app user over a person of the same name', () => {
    const users = [user('Tembo', 'tembo-person'), user('Tembo', 'tembo', true)];
    expect(outcome('Tembo', users)).toBe('delegate:Tembo');
  });

  it('Claude Code with no person named Claude is unmatched, not given to someone else', () => {
    expect(outcome('Claude Code', [user('Ada Lovelace', 'ada'), user('Tembo', 'tembo', true)])).toBe('unmatched');
  });
});
