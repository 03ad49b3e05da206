import { describe, expect, it } from 'vitest';
import { agentBranch } from './agentBranch';

const branches = [
  'main',
  'claude/cia-562-lint',
  'tembo/cia-562-lint',
  'tembo/cia-5621-other',
  'cursor/cia-563',
  'cursor/cia-563-followup',
  'copilot/fix-cia-564-flaky',
  'feature/cia-565',
  'codex/cia-566-x',
  'release/1.0',
];

describe('agentBranch', () => {
  it.each([
    ['recorded branch that exists', { agent: 'Tembo', branch: 'feature/cia-565', issueId: 'CIA-565' }, 'feature/cia-565'],
    ['recorded branch in backticks', { agent: 'Cursor', branch: '`cursor/cia-563`', issueId: 'CIA-563' }, 'cursor/cia-563'],
    ['recorded branch not pushed yet: no guess', { agent: 'Tembo', branch: 'tembo/cia-562-other', issueId: 'CIA-562' }, null],
    ['Tembo convention, issue id as a token', { agent: 'Tembo', branch: null, issueId: 'CIA-562' }, 'tembo/cia-562-lint'],
    ['Cursor convention prefers the exact name', { agent: 'Cursor', branch: '', issueId: 'cia-563' }, 'cursor/cia-563'],
    ['Copilot names the issue anywhere', { agent: 'GitHub Copilot', branch: null, issueId: 'CIA-564' }, 'copilot/fix-cia-564-flaky'],
    ['Codex convention', { agent: 'Codex', branch: null, issueId: 'CIA-566' }, 'codex/cia-566-x'],
    ['another agent’s branch is not this one’s', { agent: 'Tembo', branch: null, issueId: 'CIA-563' }, null],
    ['a longer issue number is not the issue', { agent: 'Tembo', branch: null, issueId: 'CIA-56' }, null],
    ['unprefixed branches are ignored', { agent: 'Tembo', branch: null, issueId: 'CIA-565' }, null],
    ['no issue, no branch: nothing to look for', { agent: 'Tembo', branch: null, issueId: null }, null],
    ['an agent with no convention', { agent: 'Some Bot', branch: null, issueId: 'CIA-562' }, null],
  ])('%s', (_name, row, expected) => {
    expect(agentBranch(row, branches)).toBe(expected);
  });
});
