import { describe, expect, it } from 'vitest';
import type { PlanSessionRow } from '../../../../shared/domain/session';
import { issueFromFolderName, matchIdentity, parseBranchName } from './matchIdentity';

const row = (r: Partial<PlanSessionRow>): PlanSessionRow => ({
  planPath: '/plans/p.md',
  sessionName: null,
  issueId: null,
  phase: null,
  agent: null,
  branch: null,
  worktree: null,
  status: null,
  ...r,
});

describe('parseBranchName', () => {
  it.each([
    ['claude/cia-387-dispatch-rules', { agent: 'claude', issueId: 'CIA-387', name: null }],
    ['cursor/cia-12', { agent: 'cursor', issueId: 'CIA-12', name: null }],
    ['claude/lucid-euler', { agent: 'claude', issueId: null, name: 'lucid-euler' }],
    ['claude/0412-brave-otter-1a2b3c', { agent: 'claude', issueId: null, name: 'brave-otter' }],
    ['worktree-feature-x', { agent: 'claude', issueId: null, name: 'feature-x' }],
    ['main', { agent: null, issueId: null, name: null }],
    [null, { agent: null, issueId: null, name: null }],
  ])('%s', (branch, expected) => {
    expect(parseBranchName(branch)).toEqual(expected);
  });
});

describe('issueFromFolderName', () => {
  it.each([
    ['claude-command-centre-cia-541', 'CIA-541'],
    ['cia-541', 'CIA-541'],
    ['lucid-euler', null],
    ['repo-v2', null],
    ['', null],
  ])('%s → %s', (folder, expected) => expect(issueFromFolderName(folder)).toBe(expected));
});

describe('matchIdentity', () => {
  const rows = [
    row({ sessionName: 'lucid-euler', issueId: '[CIA-540](https://linear.app/x/issue/CIA-540)', phase: '1A', agent: 'Claude Code', branch: 'claude/lucid-euler', status: 'Done' }),
    row({ sessionName: 'luminous-meandering-zephyr', issueId: 'CIA-387', phase: '1B', agent: 'Claude Code' }),
    row({ sessionName: 'S-C', issueId: 'CIA-414', phase: '2', agent: 'Tembo', worktree: '~/.claude/worktrees/ccc-cia-414' }),
  ];
  it.each([
    [
      'agent/issue-slug branch, no rows',
      { branch: 'claude/cia-387-dispatch-rules' },
      { issueId: 'CIA-387', agent: 'claude', phase: null, matchedBy: ['branch'], unmatched: false },
    ],
    [
      'branch issue + a row for that issue fills phase and agent',
      { branch: 'claude/cia-387-dispatch-rules', rows },
      { issueId: 'CIA-387', agent: 'Claude Code', phase: '1B', matchedBy: ['branch', 'registry-row'] },
    ],
    [
      'row naming the exact branch',
      { branch: 'claude/lucid-euler', rows },
      { issueId: 'CIA-540', phase: '1A', matchedBy: ['branch', 'registry-row'], planPath: '/plans/p.md' },
    ],
    [
      'folder <repo>-<issue>',
      { worktreePath: '/h/.claude/worktrees/claude-command-centre-cia-541', branch: 'main' },
      { issueId: 'CIA-541', matchedBy: ['folder'], unmatched: false },
    ],
    [
      'transcript slug matches a row session name',
      { transcriptSlug: 'luminous-meandering-zephyr', rows },
      { issueId: 'CIA-387', matchedBy: ['slug', 'registry-row'] },
    ],
    [
      'row worktree column with ~',
      { worktreePath: '/home/u/.claude/worktrees/ccc-cia-414', rows },
      { issueId: 'CIA-414', agent: 'Tembo', matchedBy: ['folder', 'registry-row'] },
    ],
    [
      'worktree-<name> branch matches a row by session name',
      { branch: 'worktree-lucid-euler', rows: [row({ sessionName: 'lucid-euler', issueId: 'CIA-9' })] },
      { issueId: 'CIA-9', matchedBy: ['branch', 'registry-row'] },
    ],
    [
      'ccc state names the issue when nothing else does',
      { branch: 'claude/brave-otter', cccIssue: 'CIA-77' },
      { issueId: 'CIA-77', matchedBy: [], unmatched: false },
    ],
    [
      'nothing known → explicit unmatched',
      { branch: 'claude/brave-otter', worktreePath: '/r/.claude/worktrees/brave-otter', rows },
      { issueId: null, row: null, unmatched: true, matchedBy: [], agent: 'claude' },
    ],
  ])('%s', (_n, input, expected) => {
    expect(matchIdentity(input)).toMatchObject(expected);
  });
});
