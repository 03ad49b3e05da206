import { describe, expect, it } from 'vitest';
import type { DispatchRowDraft } from '../../../shared/domain/dispatch';
import { branchName, COST_LINE, dispatchPrompt, EXIT_LINE, fibonacciEstimate, launchCommand, SESSION_STARTED_LINE, slugify, subIssueTitle } from './dispatchPrompt';
import { followsBranchConvention } from './branchName';
import { findUnlinkedIssueRefs } from './linearLinks';
import { buildSubIssue, letterFor } from './subIssue';

const row = (over: Partial<DispatchRowDraft> = {}): DispatchRowDraft => ({
  session: '1B',
  phase: '1B',
  issueId: 'CIA-387',
  issueTitle: 'Dispatch rules',
  issueUrl: 'https://linear.app/claudian/issue/CIA-387',
  focus: 'Dispatch rules',
  mode: 'pair',
  launchAs: 'Plan mode',
  analysisOnly: false,
  estCostUsd: 3,
  agent: 'Claude Code',
  worktree: 'yes',
  branch: 'claude/cia-387-dispatch-rules',
  batch: 1,
  mergeOrder: 2,
  ...over,
});

const input = {
  master: { issueId: 'CIA-400', title: 'CCC v2 master plan' },
  workspace: 'claudian',
  repoPath: '~/Repositories/claude-command-centre',
  repoLabel: 'Plugin repo',
  context: ['Skill lives in skills/parallel-session-dispatch/', 'Rules proven in composed-crunching-raven', 'Keep the 3-session cap'],
  tasks: ['Write the decision tree section', 'Add the session mode mapping'],
  deliverable: 'Updated SKILL.md with dispatch rules',
};

describe('dispatchPrompt (§4 template)', () => {
  it('renders every field of the template and the required additions', () => {
    const p = dispatchPrompt(row(), input);
    expect(p.missing).toEqual([]);
    expect(p.warnings).toEqual([]);
    expect(p.text).toBe(
      [
        'Pair on [CIA-387: Dispatch rules](https://linear.app/claudian/issue/CIA-387)',
        '(Phase 1B: Dispatch rules) from master plan [CIA-400: CCC v2 master plan](https://linear.app/claudian/issue/CIA-400).',
        'Plugin repo: ~/Repositories/claude-command-centre',
        'Launch from: ~/Repositories/claude-command-centre',
        '',
        'Context:',
        '- Skill lives in skills/parallel-session-dispatch/',
        '- Rules proven in composed-crunching-raven',
        '- Keep the 3-session cap',
        '- Cost/resource constraints: Estimated cost ~$3',
        '',
        'Execution mode: pair | Launch as: Plan mode | Worktree: yes',
        '',
        'Tasks:',
        '1. Write the decision tree section',
        '2. Add the session mode mapping',
        '',
        'Deliverable: Updated SKILL.md with dispatch rules. Update [CIA-387](https://linear.app/claudian/issue/CIA-387) with results.',
        '',
        COST_LINE,
        SESSION_STARTED_LINE,
        EXIT_LINE,
      ].join('\n'),
    );
    expect(COST_LINE).toBe('Estimate cost before execution. If >$10 and cost profile is not unlimited, checkpoint.');
    expect(SESSION_STARTED_LINE).toBe("Reply with 'Session started' before beginning work.");
    expect(EXIT_LINE).toBe('Update Linear issue status to Done/In Review.');
  });

  it('marks analysis-only sessions as in §2: "spike (analysis-only) | Launch as: Bypass permissions"', () => {
    const p = dispatchPrompt(row({ mode: 'spike', analysisOnly: true, launchAs: 'Bypass permissions', worktree: 'no' }), input);
    expect(p.text).toContain('Execution mode: spike (analysis-only) | Launch as: Bypass permissions | Worktree: no');
    expect(p.text.startsWith('Report on [CIA-387')).toBe(true);
  });

  it('prompt.missing-field: required fields left unfilled are flagged and shown, never blank', () => {
    const p = dispatchPrompt(row({ issueTitle: null, mode: null, launchAs: null }), { ...input, context: [], tasks: [], deliverable: null, repoPath: '' });
    expect(p.missing.sort()).toEqual(['CONTEXT', 'DELIVERABLE', 'EXEC_MODE', 'LAUNCH_AS', 'REPO_PATH', 'TASKS', 'TITLE'].sort());
    for (const f of p.missing) expect(p.text).toContain(`{${f}}`);
    expect(p.text).not.toMatch(/: \n|: $/m);
  });

  it('builds the issue link from the workspace when the row has no URL', () => {
    expect(dispatchPrompt(row({ issueUrl: null }), input).text).toContain('[CIA-387: Dispatch rules](https://linear.app/claudian/issue/CIA-387)');
  });

  it('warns on plain issue ids and on a context outside 3-5 bullets', () => {
    const p = dispatchPrompt(row({ estCostUsd: null }), { ...input, context: ['See CIA-12 first'] });
    expect(p.warnings.join(' ')).toContain('CIA-12');
    expect(p.warnings.join(' ')).toContain('3-5');
  });

  it('adds optional context: prior session, constraints, review findings', () => {
    const p = dispatchPrompt(row(), { ...input, priorSessionUrl: 'https://x/prior', costConstraints: 'cap $10', reviewFindingsUrl: 'https://x/rdr' });
    expect(p.text).toContain('- Prior session: https://x/prior');
    expect(p.text).toContain('- Cost/resource constraints: Estimated cost ~$3; cap $10');
    expect(p.text).toContain('- Review findings to address: https://x/rdr');
  });
});

describe('naming helpers', () => {
  it.each([
    ['Claude Code', 'CIA-387', 'Dispatch rules', 'claude/cia-387-dispatch-rules'],
    ['claude', 'CIA-387', 'dispatch-rules', 'claude/cia-387-dispatch-rules'],
    ['Claude Code', 'CIA-541', 'Séssion  exit: skill (v2)!', 'claude/cia-541-session-exit-skill-v2'],
    ['Cursor', 'ENG-12', '', 'cursor/eng-12'],
  ])('branchName(%s, %s, %s) → %s', (agent, id, slug, expected) => {
    expect(branchName(agent, id, slug)).toBe(expected);
  });

  it('slugify caps long slugs at a word boundary', () => {
    expect(slugify('a very long focus that keeps going and going well past forty characters')).toBe('a-very-long-focus-that-keeps-going-and');
  });

  it('followsBranchConvention', () => {
    expect(followsBranchConvention('claude/cia-387-dispatch-rules', 'claude', 'CIA-387')).toBe(true);
    expect(followsBranchConvention('claude/cia-387', 'claude', 'CIA-387')).toBe(false);
    expect(followsBranchConvention('claude/cia-387', 'claude', 'CIA-387', true)).toBe(true);
    expect(followsBranchConvention('claude/lucid-euler', 'claude', 'CIA-387')).toBe(false);
  });

  it('subIssueTitle → "Batch {N}{Letter}: {Focus}"', () => {
    expect(subIssueTitle(1, 'a', 'Session exit skill')).toBe('Batch 1A: Session exit skill');
    expect(letterFor(0)).toBe('A');
    expect(letterFor(25)).toBe('Z');
    expect(letterFor(26)).toBe('AA');
  });

  it.each([
    [null, null],
    [0.5, 1],
    [1, 1],
    [3, 3],
    [4, 5],
    [5, 5],
    [8, 8],
    [9.5, 13],
    [20, 21],
    [500, 21],
  ])('fibonacciEstimate(%s) → %s', (cost, points) => expect(fibonacciEstimate(cost)).toBe(points));

  it('launchCommand creates the worktree on the recorded branch, then starts claude inside it', () => {
    // `claude --worktree <name>` would create branch `worktree-<name>`, not the branch the plan records.
    expect(launchCommand(row(), '/home/me/repo')).toBe(
      'cd /home/me/repo && git worktree add -b claude/cia-387-dispatch-rules ~/.claude/worktrees/repo-cia-387 && cd ~/.claude/worktrees/repo-cia-387 && claude --permission-mode plan',
    );
    expect(launchCommand(row({ worktree: 'no', launchAs: 'Ask permissions' }), '/home/me/my repo')).toBe("cd '/home/me/my repo' && claude");
    expect(launchCommand(row({ launchAs: 'Bypass permissions' }), "~/Repos/it's", { worktreeRoot: '/data/wt' })).toBe(
      "cd ~/'Repos/it'\\''s' && git worktree add -b claude/cia-387-dispatch-rules /data/wt/it-s-cia-387 && cd /data/wt/it-s-cia-387 && claude --permission-mode bypassPermissions",
    );
    expect(launchCommand(row({ agent: 'Tembo', worktree: 'n/a' }), '/r')).toBeNull();
  });

  it('buildSubIssue follows the §4 sub-issue structure', () => {
    const r = row();
    const p = dispatchPrompt(r, input);
    expect(buildSubIssue(r, p, 'CIA-400', 'B')).toEqual({
      title: 'Batch 1B: Dispatch rules',
      description: p.text,
      labels: ['type:chore', 'exec:pair'],
      estimate: 3,
      parentIssueId: 'CIA-400',
      assignee: 'Claude',
    });
    expect(buildSubIssue(row({ mode: 'spike', agent: 'Tembo', estCostUsd: null }), p, 'CIA-400', 'A')).toMatchObject({ labels: ['type:spike', 'exec:spike'], estimate: null, assignee: 'Tembo' });
  });

  it('findUnlinkedIssueRefs ignores linked references', () => {
    expect(findUnlinkedIssueRefs('[CIA-1: x](https://linear.app/w/issue/CIA-1) and CIA-2, see https://linear.app/w/issue/CIA-3')).toEqual(['CIA-2']);
  });
});
