import { describe, expect, it } from 'vitest';
import type { DispatchRowDraft, MergeOrder, PhaseFacts, PhaseFactsInput } from '../../../shared/domain/dispatch';
import { buildDispatchDraft } from './buildDispatchDraft';
import { checkDispatch, type CheckDispatchOptions } from './checkDispatch';
import { decideAllPairs } from './decidePair';
import { makePhaseFacts } from './phaseFacts';
import { RULE_IDS, type RuleId } from './ruleBook';

const MASTER = { issueId: 'CIA-400', title: 'Master plan', repoPath: '/repo', workspace: 'claudian' };

const ph = (phase: string, extra: Partial<PhaseFactsInput> = {}): PhaseFacts =>
  makePhaseFacts({
    phase,
    issueIds: [`CIA-${phase.replace(/\D/g, '') || '1'}${phase.replace(/\d/g, '').charCodeAt(0) || 0}`],
    focus: `Focus ${phase}`,
    exec: 'tdd',
    estCostUsd: 5,
    files: [`src/${phase}`],
    ...extra,
  });

interface Scenario {
  phases: PhaseFacts[];
  patch?: (rows: DispatchRowDraft[]) => DispatchRowDraft[];
  mergeOrder?: (m: MergeOrder) => MergeOrder;
  options?: CheckDispatchOptions;
}

/** Builds the draft the engine would propose, lets the case edit it, then checks it. */
function run(s: Scenario) {
  const draft = buildDispatchDraft(s.phases, MASTER, s.options ?? {});
  const rows = s.patch ? s.patch(draft.rows.map((r) => ({ ...r }))) : draft.rows;
  const mergeOrder = s.mergeOrder ? s.mergeOrder(draft.mergeOrder) : draft.mergeOrder;
  return checkDispatch(rows, s.phases, decideAllPairs(s.phases), mergeOrder, s.options ?? {});
}

const n = (count: number, extra: Partial<PhaseFactsInput> = {}) => Array.from({ length: count }, (_, i) => ph(`1${String.fromCharCode(65 + i)}`, { batch: '1', ...extra }));
const setRow = (i: number, over: Partial<DispatchRowDraft>) => (rows: DispatchRowDraft[]) => rows.map((r, k) => (k === i ? { ...r, ...over } : r));

interface Case {
  rule: RuleId;
  name: string;
  scenario: Scenario;
  expect: 'pass' | 'fail';
  severity?: 'error' | 'warning';
}

const cases: Case[] = [
  // Caps
  { rule: 'cap.implementation', name: '3 parallel implementation sessions (composed-crunching-raven)', scenario: { phases: n(3) }, expect: 'pass' },
  { rule: 'cap.implementation', name: 'a 4th parallel session', scenario: { phases: n(4) }, expect: 'fail' },
  { rule: 'cap.research', name: '5 research tracks', scenario: { phases: n(5, { readOnlyResearch: true, exec: 'spike' }) }, expect: 'pass' },
  { rule: 'cap.research', name: '6 research tracks', scenario: { phases: n(6, { readOnlyResearch: true, exec: 'spike' }) }, expect: 'fail', severity: 'error' },
  { rule: 'cap.research', name: '6 research tracks with the written justification meet the rule', scenario: { phases: n(6, { readOnlyResearch: true, exec: 'spike' }), options: { justifiedResearchBatches: [1] } }, expect: 'pass' },
  { rule: 'cap.mixed', name: '2 research + 1 implementation', scenario: { phases: [...n(2, { readOnlyResearch: true, exec: 'spike' }), ph('1Z', { batch: '1' })] }, expect: 'pass' },
  { rule: 'cap.mixed', name: '3 research + 1 implementation uses the 3 cap', scenario: { phases: [...n(3, { readOnlyResearch: true, exec: 'spike' }), ph('1Z', { batch: '1' })] }, expect: 'fail' },
  // Issues
  { rule: 'issue.one-session', name: 'one issue per session', scenario: { phases: n(2) }, expect: 'pass' },
  { rule: 'issue.one-session', name: 'two parallel sessions on one issue', scenario: { phases: n(2), patch: setRow(1, { issueId: 'CIA-165', issueUrl: 'https://linear.app/claudian/issue/CIA-165' }) }, expect: 'fail', severity: 'error' },
  { rule: 'issue.one-session', name: 'a phase listing two issues', scenario: { phases: [ph('1A', { issueIds: ['CIA-1', 'CIA-2'] })] }, expect: 'fail', severity: 'warning' },
  { rule: 'issue.one-agent', name: 'same issue, same agent twice is not a second agent', scenario: { phases: n(2), patch: setRow(1, { issueId: 'CIA-165', issueUrl: 'https://linear.app/claudian/issue/CIA-165' }) }, expect: 'pass' },
  { rule: 'issue.one-agent', name: 'same issue assigned to Claude Code and Tembo at once', scenario: { phases: n(2), patch: setRow(1, { issueId: 'CIA-165', issueUrl: 'https://linear.app/claudian/issue/CIA-165', agent: 'Tembo', worktree: 'n/a', branch: null }) }, expect: 'fail' },
  { rule: 'issue.linked', name: 'issue linked to linear.app/<workspace>/issue/ID', scenario: { phases: n(1) }, expect: 'pass' },
  { rule: 'issue.linked', name: 'plain issue id without a link', scenario: { phases: n(1), patch: setRow(0, { issueUrl: null }) }, expect: 'fail' },
  { rule: 'issue.linked', name: 'link pointing at another issue', scenario: { phases: n(1), patch: setRow(0, { issueUrl: 'https://linear.app/claudian/issue/CIA-999' }) }, expect: 'fail' },
  // Merge order
  { rule: 'merge.order-required', name: 'shared files with the default merge order', scenario: { phases: n(2, { files: ['src/shared.ts'] }) }, expect: 'pass' },
  { rule: 'merge.order-required', name: 'shared files between parallel sessions without a merge order', scenario: { phases: n(2, { files: ['src/shared.ts'] }), mergeOrder: () => ({}) }, expect: 'fail' },
  { rule: 'merge.order-required', name: 'shared files, both at the same merge position', scenario: { phases: n(2, { files: ['src/shared.ts'] }), mergeOrder: () => ({ '1A': 1, '1B': 1 }) }, expect: 'fail' },
  // Worktrees
  { rule: 'worktree.parallel', name: 'parallel Claude Code sessions with worktree yes', scenario: { phases: n(2) }, expect: 'pass' },
  { rule: 'worktree.parallel', name: 'parallel Claude Code session without a worktree', scenario: { phases: n(2), patch: setRow(1, { worktree: 'no' }) }, expect: 'fail' },
  { rule: 'worktree.solo', name: 'solo sequential session with worktree no', scenario: { phases: n(1) }, expect: 'pass' },
  { rule: 'worktree.solo', name: 'solo session with worktree yes', scenario: { phases: n(1), patch: setRow(0, { worktree: 'yes' }) }, expect: 'fail', severity: 'warning' },
  { rule: 'worktree.external', name: 'Tembo with n/a', scenario: { phases: [ph('1A', { agent: 'Tembo', exec: 'swarm' })] }, expect: 'pass' },
  { rule: 'worktree.external', name: 'Tembo with worktree yes', scenario: { phases: [ph('1A', { agent: 'Tembo', exec: 'swarm' })], patch: setRow(0, { worktree: 'yes' }) }, expect: 'fail' },
  { rule: 'worktree.external', name: 'Claude Code with n/a', scenario: { phases: n(1), patch: setRow(0, { worktree: 'n/a' }) }, expect: 'fail' },
  // Branches
  { rule: 'branch.naming', name: 'claude/{issue-id}-{slug}', scenario: { phases: n(1), patch: setRow(0, { issueId: 'CIA-387', issueUrl: 'https://linear.app/claudian/issue/CIA-387', branch: 'claude/cia-387-dispatch-rules' }) }, expect: 'pass' },
  { rule: 'branch.naming', name: 'a free-form branch', scenario: { phases: n(1), patch: setRow(0, { branch: 'feature/dispatch' }) }, expect: 'fail' },
  { rule: 'branch.naming', name: 'a Claude Code row with no branch', scenario: { phases: n(1), patch: setRow(0, { branch: null }) }, expect: 'fail' },
  { rule: 'branch.naming', name: 'Cursor uses cursor/{issue-id}', scenario: { phases: [ph('1A', { agent: 'Cursor' })] }, expect: 'pass' },
  { rule: 'branch.naming', name: 'Cursor on a claude/ branch', scenario: { phases: [ph('1A', { agent: 'Cursor' })], patch: setRow(0, { branch: 'claude/cia-11-x' }) }, expect: 'fail', severity: 'warning' },
  { rule: 'branch.unique', name: 'distinct branches', scenario: { phases: n(2) }, expect: 'pass' },
  { rule: 'branch.unique', name: 'two sessions on one branch', scenario: { phases: n(2), patch: (rows) => rows.map((r) => ({ ...r, branch: 'claude/cia-1-same' })) }, expect: 'fail' },
  // Modes, launch, agents, cost
  { rule: 'exec.unknown', name: 'known exec mode', scenario: { phases: [ph('1A', { exec: null, execRaw: 'exec:tdd' })] }, expect: 'pass' },
  { rule: 'exec.unknown', name: 'unknown exec mode', scenario: { phases: [ph('1A', { exec: null, execRaw: 'yolo' })] }, expect: 'fail' },
  { rule: 'launch.mapping', name: 'pair → Plan mode', scenario: { phases: [ph('1A', { exec: 'pair' })] }, expect: 'pass' },
  { rule: 'launch.mapping', name: 'analysis-only pair → Bypass permissions', scenario: { phases: [ph('1A', { exec: 'pair', producesCode: false })] }, expect: 'pass' },
  { rule: 'launch.mapping', name: 'analysis-only launched in Plan mode', scenario: { phases: [ph('1A', { exec: 'pair', producesCode: false })], patch: setRow(0, { launchAs: 'Plan mode' }) }, expect: 'fail', severity: 'warning' },
  { rule: 'launch.mapping', name: 'checkpoint launched with Bypass permissions', scenario: { phases: [ph('1A', { exec: 'checkpoint' })], patch: setRow(0, { launchAs: 'Bypass permissions' }) }, expect: 'fail', severity: 'warning' },
  { rule: 'agent.mode-options', name: 'tdd on Cursor', scenario: { phases: [ph('1A', { agent: 'Cursor' })] }, expect: 'pass' },
  { rule: 'agent.mode-options', name: 'tdd on Copilot', scenario: { phases: [ph('1A', { agent: 'Copilot' })] }, expect: 'fail', severity: 'warning' },
  { rule: 'cost.missing', name: 'cost estimated', scenario: { phases: n(1) }, expect: 'pass' },
  { rule: 'cost.missing', name: 'missing cost estimate', scenario: { phases: [ph('1A', { estCostUsd: null })] }, expect: 'fail' },
  { rule: 'cost.checkpoint', name: '>$10 with an unlimited cost profile', scenario: { phases: [ph('1A', { estCostUsd: 12 })], options: { costProfile: 'unlimited' } }, expect: 'pass' },
  { rule: 'cost.checkpoint', name: '>$10 in checkpoint mode', scenario: { phases: [ph('1A', { estCostUsd: 12, exec: 'checkpoint' })] }, expect: 'pass' },
  { rule: 'cost.research', name: 'research estimate written as a range (cost model applied)', scenario: { phases: [ph('R1', { readOnlyResearch: true, exec: 'spike', estCostUsd: 12, estCostRaw: '~$6–12' })] }, expect: 'pass' },
  { rule: 'cost.research', name: 'research estimate at implementation price', scenario: { phases: [ph('R1', { readOnlyResearch: true, exec: 'spike', estCostUsd: 3, estCostRaw: '~$3' })] }, expect: 'fail', severity: 'warning' },
  { rule: 'cost.checkpoint', name: '>$10 without checkpoint on a limited profile', scenario: { phases: [ph('1A', { estCostUsd: 12 })], options: { costProfile: 'standard' } }, expect: 'fail', severity: 'warning' },
  // Graph rules
  { rule: 'failed.dependency', name: 'depends on a failed session that a human reviewed', scenario: { phases: [ph('1A', { status: 'Failed', failureReviewed: true }), ph('2A', { dependsOn: ['1A'] })] }, expect: 'pass' },
  { rule: 'failed.dependency', name: 'depends on a failed session without review', scenario: { phases: [ph('1A', { status: 'Failed — tests red' }), ph('2A', { dependsOn: ['1A'] })] }, expect: 'fail' },
  { rule: 'batch.dependency-inside', name: 'dependent phases in consecutive batches', scenario: { phases: [ph('1A'), ph('2A', { dependsOn: ['1A'] })] }, expect: 'pass' },
  { rule: 'batch.dependency-inside', name: 'a dependency inside a batch', scenario: { phases: [ph('1A', { batch: '1' }), ph('1B', { batch: '1', dependsOn: ['1A'] })] }, expect: 'fail' },
  { rule: 'batch.dependency-order', name: 'reader after writer', scenario: { phases: [ph('1A', { batch: '1' }), ph('2A', { batch: '2', dependsOn: ['1A'] })] }, expect: 'pass' },
  { rule: 'batch.dependency-order', name: 'reader in an earlier batch than writer', scenario: { phases: [ph('1A', { batch: '2' }), ph('2A', { batch: '1', dependsOn: ['1A'] })] }, expect: 'fail' },
  { rule: 'batch.conflict-inside', name: 'shared files with separate branches', scenario: { phases: n(2, { files: ['src/x.ts'] }) }, expect: 'pass' },
  { rule: 'batch.conflict-inside', name: 'shared files without separate branches in one batch', scenario: { phases: n(2, { files: ['src/x.ts'], canUseSeparateBranches: false }) }, expect: 'fail' },
  { rule: 'batch.conflict-inside', name: 'shared infrastructure in one batch', scenario: { phases: [ph('1A', { batch: '1', files: ['db/migrations/1.sql'] }), ph('1B', { batch: '1', files: ['db/migrations/2.sql'] })] }, expect: 'fail' },
  { rule: 'dependency.cycle', name: 'acyclic', scenario: { phases: [ph('1A'), ph('2A', { dependsOn: ['1A'] })] }, expect: 'pass' },
  { rule: 'dependency.cycle', name: 'a cycle', scenario: { phases: [ph('1A', { dependsOn: ['2A'] }), ph('2A', { dependsOn: ['1A'] })] }, expect: 'fail' },
  { rule: 'dependency.unknown', name: 'known dependency', scenario: { phases: [ph('1A'), ph('2A', { dependsOn: ['1A'] })] }, expect: 'pass' },
  { rule: 'dependency.unknown', name: 'dependency on a missing phase', scenario: { phases: [ph('1A', { dependsOn: ['9Z'] })] }, expect: 'fail', severity: 'warning' },
  { rule: 'tree.declared-parallel', name: 'declared parallel and independent', scenario: { phases: [ph('1A'), ph('1B', { parallelWith: ['1A'] })] }, expect: 'pass' },
  { rule: 'tree.declared-parallel', name: 'declared parallel but reads the other\'s output', scenario: { phases: [ph('1A', { outputs: ['api.yaml'] }), ph('1B', { parallelWith: ['1A'], inputs: ['api.yaml'] })] }, expect: 'fail', severity: 'warning' },
];

describe('checkDispatch: one passing and one failing case per rule', () => {
  it.each(cases)('$rule — $expect: $name', (c) => {
    const hits = run(c.scenario).filter((v) => v.rule === c.rule);
    if (c.expect === 'pass') {
      expect(hits).toEqual([]);
    } else {
      expect(hits.length).toBeGreaterThan(0);
      if (c.severity) expect(hits.map((h) => h.severity)).toContain(c.severity);
      for (const h of hits) expect(h.ruleText.length).toBeGreaterThan(20);
    }
  });

  it('every rule of the rule book has a passing and a failing case somewhere', () => {
    // review.* on plan files in plans/service/reviewGates.test.ts and merge/service/crossSession.test.ts.
    // plan.size and facts.unreadable are exercised on plan files (plans/service/dispatchRuleBook.test.ts); merge.order in plans/service/planIsTheRecord.test.ts;
    // research.sufficiency in plans/service/synthesisGate.test.ts.
    const elsewhere: RuleId[] = ['tree.reads-output', 'tree.shared-files', 'tree.shared-infrastructure', 'prompt.missing-field', 'plan.file-name', 'plan.size', 'facts.unreadable', 'batch.complete-first', 'merge.order', 'research.sufficiency', 'review.pre-dispatch', 'review.post-session'];
    const here = (e: 'pass' | 'fail') => new Set(cases.filter((c) => c.expect === e).map((c) => c.rule));
    const missing = RULE_IDS.filter((id) => !elsewhere.includes(id) && !(here('pass').has(id) && here('fail').has(id)));
    expect(missing).toEqual([]);
  });
});

describe('rule book example: the S-A / S-B / S-C dispatch table', () => {
  const phases = [
    ph('1A', { issueIds: ['CIA-413'], focus: 'Review gates', exec: 'pair', estCostUsd: 5, agent: 'Claude Code', files: ['skills/adversarial-review'] }),
    ph('1B', { issueIds: ['CIA-387'], focus: 'Dispatch rules', exec: 'pair', estCostUsd: 3, agent: 'Tembo', files: ['skills/parallel-session-dispatch'] }),
    ph('1C', { issueIds: ['CIA-414'], focus: 'Insights v2', exec: 'tdd', estCostUsd: 8, agent: 'Claude Code', files: ['skills/insights'] }),
  ];
  const draft = buildDispatchDraft(phases, MASTER, { sessionNaming: 'session' });

  it('reproduces the table: S-A yes, S-B (Tembo) n/a, S-C yes', () => {
    expect(draft.rows.map((r) => [r.session, r.issueId, r.focus, r.mode, r.estCostUsd, r.agent, r.worktree])).toEqual([
      ['S-A', 'CIA-413', 'Review gates', 'pair', 5, 'Claude Code', 'yes'],
      ['S-B', 'CIA-387', 'Dispatch rules', 'pair', 3, 'Tembo', 'n/a'],
      ['S-C', 'CIA-414', 'Insights v2', 'tdd', 8, 'Claude Code', 'yes'],
    ]);
  });

  it('has no errors; the only structural warning is Tembo not being a listed pair agent', () => {
    const v = checkDispatch(draft.rows, phases, draft.decisions, draft.mergeOrder);
    expect(v.filter((x) => x.severity === 'error')).toEqual([]);
    expect(v.map((x) => `${x.rule}@${x.where.row ?? ''}`)).toEqual(['agent.mode-options@S-B']);
  });
});
